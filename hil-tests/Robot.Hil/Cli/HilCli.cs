using System.CommandLine;
using Robot.Hil.Scenarios;
using Robot.Policy;

namespace Robot.Hil.Cli;

/// <summary>The `robot-hil` command line: run one scenario or a suite against a policy file, export the LQR baseline.</summary>
public static class HilCli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static RootCommand Build() => new(
        "robot-hil: runs the robot's firmware, unchanged, against a simulated robot (MPU-6050, AS5600, H-bridge and the " +
        "physics model) in closed loop, with pushes and injected faults, and says whether a policy is fit to deploy.")
    {
        RunCommand.Create(),
        SuiteCommand.Create(),
        ExportLqrCommand.Create(),
    };

    public static int Invoke(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            string message = string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
            Console.Error.WriteLine($"error: {message} (see: robot-hil --help)");
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>The policy option every command shares.</summary>
    public static Option<string> PolicyOption() => new("--policy") { Description = "Policy file (.rpol) to put on the simulated robot", Required = true };

    public static PolicyModel LoadPolicy(string path) =>
        File.Exists(path) ? PolicyFile.Load(path) : throw new IOException($"no policy file at '{path}'");

    /// <summary>Expected failures: one line on stderr, exit code 1, no stack trace.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (PolicyFormatException e)
        {
            Console.Error.WriteLine($"error: policy file refused ({e.Reason}): {e.Message}");
        }
        catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
        }
        return Failure;
    }
}
