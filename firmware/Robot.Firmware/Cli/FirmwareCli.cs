using System.CommandLine;

namespace Robot.Firmware.Cli;

/// <summary>The `robot-firmware` command line that runs on the robot: run and calibrate.</summary>
public static class FirmwareCli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static RootCommand Build() => new(
        "robot-firmware: the uniwheel robot's balancing controller for the Raspberry Pi. Loads a policy file, " +
        "reads the IMU and wheel encoder over I2C, drives the motor, and keeps the robot safe. See docs/deploy.md.")
    {
        RunCommand.Create(),
        CalibrateCommand.Create(),
    };

    public static int Invoke(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            string message = string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
            Console.Error.WriteLine($"error: {message} (see: robot-firmware --help)");
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>Expected failures become one line on stderr and exit code 1: never a stack trace, never a driven motor.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Robot.Policy.PolicyFormatException e)
        {
            Console.Error.WriteLine($"error: policy file refused ({e.Reason}): {e.Message}");
        }
        catch (Exception e) when (e is Configuration.ConfigException or Runtime.StartupException or IOException or UnauthorizedAccessException
                                    or InvalidOperationException or PlatformNotSupportedException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
        }
        return Failure;
    }
}
