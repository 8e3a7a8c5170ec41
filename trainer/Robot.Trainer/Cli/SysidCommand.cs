using System.CommandLine;
using System.Text;
using System.Text.Json;
using Robot.Cli;
using Robot.Dynamics.Plant;
using Robot.Policy;
using Robot.SystemId;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer sysid`: fit the robot's physical parameters to its identification logs and write robot-plant.json with a fit report.</summary>
public static class SysidCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "An experiment's log (robot-firmware identify --experiment motor|pendulum --out FILE); repeatable", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "The plant file to write, e.g. robot-plant.json (a new file)", Required = true };
        var start = new Option<string>("--start") { Description = "A plant file with what you measured by hand: body_mass (the body weighed without its wheel), wheel_mass and wheel_radius; " +
            "the fit starts from it and keeps what it does not fit (docs/sim-to-real.md, step 0)", Required = true };
        var report = new Option<string?>("--report") { Description = "A new folder for the fit report: measured against fitted signals (PNG) and report.txt (default: beside --out, NAME-report)" };
        var validate = new Option<string[]>("--validate") { Description = "A closed-loop log (robot-firmware run --telemetry) to score the fitted plant on, against the start plant; repeatable", AllowMultipleArgumentsPerToken = true };
        var brake = new Option<bool>("--brake-at-zero") { Description = "The robot's motor.stop_mode is brake (windings shorted at duty 0); default coast, as robot.json's default" };
        var command = new Command("sysid", "Identify the robot: replay each log's recorded duty through the shared plant model and fit its parameters " +
            "(least squares, Levenberg-Marquardt) to the recorded encoder and battery current. Prints each parameter with its standard error and " +
            "whether the data pinned it down.\n" +
            "Example: robot-trainer sysid --data motor.csv pendulum.csv --start measured.json --out robot-plant.json") { data, output, start, report, brake, validate };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string outPath = parse.GetValue(output)!;
            InputFile.RequireNewOutput(outPath, "--out");
            string reportDir = parse.GetValue(report) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, Path.GetFileNameWithoutExtension(outPath) + "-report");
            if (Directory.Exists(reportDir) || File.Exists(reportDir)) throw new InputException($"--report: '{reportDir}' already exists; choose a new folder");
            string startPath = parse.GetValue(start)!;
            UniwheelParameters startPlant;
            try { startPlant = MeasuredRobot.FromStartFile(InputFile.ReadText(startPath, "--start", 1 << 20), startPath); }
            catch (FormatException e) { throw new InputException(e.Message); }
            var logs = parse.GetValue(data)!.Select(TelemetryLog.Load).ToList();
            var validationLogs = (parse.GetValue(validate) ?? []).Select(TelemetryLog.Load).ToList();
            var outcome = SystemIdentification.Identify(logs, startPlant, parse.GetValue(brake));

            var text = new StringBuilder();
            foreach (var (log, fit) in outcome.MotorFits)
            {
                text.AppendLine($"{log.Path}: motor experiment, {fit.Iterations} iterations ({fit.ExitReason}); residual rms: angle {fit.AngleRmsResidual * 1000:F2} mrad a tick, current {fit.CurrentRmsResidual * 1000:F2} mA");
                foreach (var p in fit.Parameters)
                    text.AppendLine($"  {p.Name,-28} {p.Value,12:G5} {p.Unit,-10} {p.Uncertainty}{(p.Identified ? "" : "  NOT pinned down")}");
            }
            foreach (var (log, fit) in outcome.PendulumFits)
            {
                text.AppendLine($"{log.Path}: pendulum experiment, {fit.Iterations} iterations ({fit.ExitReason}); residual rms: gyro {fit.RateRmsResidual * 1000:F2} mrad/s");
                foreach (var p in fit.Parameters.Append(fit.ComHeight).Append(fit.BodyInertia))
                    text.AppendLine($"  {p.Name,-28} {p.Value,12:G5} {p.Unit,-10} {p.Uncertainty}{(p.Identified ? "" : "  NOT pinned down")}");
                text.AppendLine($"  (body_com_height and body_inertia take the weighed body_mass = {fit.Plant.BodyMass} kg of --start)");
            }
            foreach (var log in validationLogs)
            {
                bool brakes = parse.GetValue(brake);
                var fitted = ValidationReplay.Evaluate(log, outcome.Plant.Parameters, brakes);
                var before = ValidationReplay.Evaluate(log, startPlant, brakes);
                text.AppendLine($"{log.Path}: validation ({ValidationReplay.WindowSeconds} s windows from the firmware's estimate, driven by the recorded duty): " +
                    $"fitted plant {fitted}; start plant {before}");
            }
            text.AppendLine($"identified: {string.Join(", ", outcome.Plant.Identified)}");
            text.AppendLine($"not identified by these logs (kept from the start): {string.Join(", ", PlantFile.ParameterNames.Except(outcome.Plant.Identified))}");
            Console.Write(text);

            DurableFile.WriteAllText(outPath, JsonSerializer.Serialize(outcome.Plant, PlantFile.Json));
            Directory.CreateDirectory(reportDir);
            File.WriteAllText(Path.Combine(reportDir, "report.txt"), text.ToString());
            for (int i = 0; i < outcome.MotorFits.Count; i++) SysidPlots.Write(outcome.MotorFits[i].Fit.Fitted, reportDir, $"motor-{i + 1}", Path.GetFileName(outcome.MotorFits[i].Log.Path));
            for (int i = 0; i < outcome.PendulumFits.Count; i++) SysidPlots.WriteSwing(outcome.PendulumFits[i].Fit.Fitted, reportDir, $"pendulum-{i + 1}", Path.GetFileName(outcome.PendulumFits[i].Log.Path));
            Console.WriteLine($"Wrote {Path.GetFullPath(outPath)} and the fit report in {reportDir}");
            return 0;
        }));
        return command;
    }

    /// <summary>Reads a plant file; a missing, unreadable or implausible one is an InputException naming the problem.</summary>
    public static PlantFile LoadPlant(string path)
    {
        try
        {
            return PlantFile.Parse(InputFile.ReadText(path, "plant file", 1 << 20), path);
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message);
        }
    }
}
