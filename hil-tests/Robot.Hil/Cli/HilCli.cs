using System.CommandLine;
using Robot.Cli;

namespace Robot.Hil.Cli;

/// <summary>The `robot-hil` command line: run one scenario or a suite against a policy file, export the LQR baseline.</summary>
public static class HilCli
{
    public static RootCommand Build() => new(
        "robot-hil: runs the robot's firmware, unchanged, against a simulated robot (MPU-6050, AS5600, H-bridge and the " +
        "physics model) in closed loop, with pushes and injected faults, and says whether a policy is fit to deploy.")
    {
        RunCommand.Create(),
        SuiteCommand.Create(),
        ExportLqrCommand.Create(),
        FirmwareCommand.Create(),
        IdentifyCommand.Create(),
        MeasuredCommand.Create(),
        PlotCommand.Create(),
        SignalToCutCommand.Create(),
    };

    /// <summary>Parses and runs (exit codes: Robot.Cli.ExitCode).</summary>
    public static int Invoke(string[] args) => CommandLineHost.Invoke(Build(), args);

    /// <summary>The robot to simulate, when not the built-in one: a plant file from robot-trainer sysid.</summary>
    public static Option<string?> PlantOption() => new("--plant") { Description = "Simulate this robot (robot-plant.json from robot-trainer sysid); scenarios change it by the same factors as they change the built-in robot" };

    /// <summary>The user's robot.json for the firmware under test, when not robot.json's defaults.</summary>
    public static Option<string?> ConfigOption() => new("--config") { Description = "The firmware's robot.json (yours; default: robot.json's defaults); each scenario's robot section is merged over it (docs/hil.md)" };

    /// <summary>The scenarios with the user's robot.json under them (null: unchanged).</summary>
    public static IEnumerable<Robot.Hil.Scenarios.Scenario> WithConfig(IEnumerable<Robot.Hil.Scenarios.Scenario> scenarios, string? path)
    {
        if (path is null) return scenarios;
        var config = Robot.Firmware.Configuration.RobotConfig.Load(path);
        return scenarios.Select(s => s with { BaseConfig = config });
    }

    /// <summary>The plant file's robot, or null; a bad file is an InputException naming the problem.</summary>
    public static Robot.Dynamics.Plant.UniwheelParameters? LoadPlant(string? path)
    {
        if (path is null) return null;
        try
        {
            return Robot.Dynamics.Plant.PlantFile.Parse(InputFile.ReadText(path, "--plant", 1 << 20), path).Parameters;
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message);
        }
    }

    /// <summary>The policy option every command shares.</summary>
    public static Option<string> PolicyOption() => new("--policy") { Description = "Policy file (.rpol) to put on the simulated robot", Required = true };
}
