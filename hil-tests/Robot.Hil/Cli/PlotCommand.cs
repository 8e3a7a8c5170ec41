using System.CommandLine;
using Robot.Cli;
using Robot.Hil.Reporting;

namespace Robot.Hil.Cli;

/// <summary>`robot-hil plot LOG.csv --out PNG`: a robot's own telemetry drawn as the HIL draws a scenario, to compare the two.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var log = new Argument<string>("log") { Description = "A firmware telemetry file (robot-firmware run/bringup --telemetry, or robot-hil run --telemetry)" };
        var output = new Option<string>("--out") { Description = "The PNG to write (a new file)", Required = true };
        var dutyLimit = new Option<double>("--duty-limit") { Description = "robot.json's motor.duty_limit, drawn as dashed lines", DefaultValueFactory = _ => 0.5 };
        var command = new Command("plot", "Draw a robot's telemetry (pitch, wheel position, duty, state) as robot-hil suite --plots draws a scenario.\n" +
            "Example: robot-hil plot first.csv --out first.png") { log, output, dutyLimit };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string png = parse.GetValue(output)!;
            InputFile.RequireNewOutput(png, "--out");
            var telemetry = Robot.SystemId.TelemetryLog.Load(parse.GetValue(log)!);
            HilPlot.Write(telemetry, parse.GetValue(dutyLimit), png);
            Console.WriteLine($"{png}: {telemetry.Count} ticks over {telemetry.Time[^1] - telemetry.Time[0]:F1} s");
            return ExitCode.Success;
        }));
        return command;
    }
}
