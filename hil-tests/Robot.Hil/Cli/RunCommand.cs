using System.Runtime.InteropServices;
using Robot.Cli;
using System.CommandLine;
using System.Text.Json;
using Robot.Hil.Reporting;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Cli;

/// <summary>`robot-hil run`: one scenario, pass or fail with its figures.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var policy = HilCli.PolicyOption();
        var scenario = new Option<string>("--scenario") { Description = "Scenario file (JSON, see docs/hil.md)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var plot = new Option<string?>("--plot") { Description = "Write pitch, wheel, duty and supervisor state over time to this PNG" };
        var realTime = new Option<bool>("--real-time") { Description = "Run the loop on the wall clock (default: simulated time, faster than real time)" };
        var duration = new Option<double?>("--duration") { Description = "Run this many seconds instead of the scenario's duration_s" };
        var plant = HilCli.PlantOption();
        var robotConfig = HilCli.ConfigOption();
        var telemetry = new Option<string?>("--telemetry") { Description = "Write the firmware's telemetry (one CSV row per tick, as robot-firmware run --telemetry) to this new file" };
        var station = new Option<string?>("--ground-station") { Description = "With --real-time: serve the ground station's page on PORT (localhost) or ADDRESS:PORT; the page arms the robot (docs/ground-station.md)" };
        var stationSocket = new Option<string?>("--station-socket") { Description = "With --real-time: serve the station link on this Unix socket for a ground station in its own process (robot-firmware station --robot SOCKET), as the robot does" };
        var stationToken = new Option<string>("--ground-station-token") { Description = "The ground station's token file (created at the first start, owner-only)", DefaultValueFactory = _ => Robot.Firmware.GroundStation.GroundStationHost.DefaultTokenFile };
        var command = new Command("run", "Run one scenario. Exit code 0 when it passes, 1 when it fails.\n" +
            "Example: robot-hil run --policy hil-tests/fixtures/uniwheel-ppo.rpol --scenario hil-tests/scenarios/pushes.json --plot pushes.png\n" +
            "Drive it from a browser: robot-hil run --policy hil-tests/fixtures/uniwheel-drive-ppo.rpol --scenario hil-tests/scenarios/drive/ground-station.json --real-time --ground-station 8080")
            { policy, scenario, json, plot, realTime, duration, telemetry, plant, robotConfig, station, stationToken, stationSocket };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string policyPath = parse.GetValue(policy)!;
            var model = CommandLineHost.LoadPolicy(policyPath);
            string? stationAddress = parse.GetValue(station);
            string? socketPath = parse.GetValue(stationSocket);
            if ((stationAddress is not null || socketPath is not null) && !parse.GetValue(realTime)) throw new ArgumentException("--ground-station and --station-socket need --real-time (a person drives on the wall clock)");
            if (stationAddress is not null && socketPath is not null) throw new ArgumentException("--ground-station or --station-socket: the page in this process, or the link for a station in its own");
            if (stationAddress is not null) Robot.Firmware.GroundStation.StationAddress.Parse(stationAddress);
            string? csv = parse.GetValue(telemetry);
            if (csv is not null) InputFile.RequireNewOutput(csv, "--telemetry");
            var s = ScenarioFile.Load(parse.GetValue(scenario)!);
            if (HilCli.LoadPlant(parse.GetValue(plant)) is { } robot) s = s.OnRobot(robot);
            s = HilCli.WithConfig([s], parse.GetValue(robotConfig)).Single();
            if (parse.GetValue(duration) is double seconds)
            {
                s = s with { Duration = seconds };
                if (ScenarioFile.Validate(s) is { Count: > 0 } problems) throw new ScenarioException("--duration: " + string.Join("; ", problems));
            }
            HilResult result;
            if (stationAddress is null && socketPath is null) result = HilRunner.Run(s, model, parse.GetValue(realTime));
            else
            {
                // Ctrl+C, SIGTERM (systemd, kill) or SIGHUP (a closed terminal) ends the session; the verdict and files are still written.
                using var quit = new CancellationTokenSource();
                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Quit);
                using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Quit);
                using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Quit);
                void Quit(PosixSignalContext context) { context.Cancel = true; quit.Cancel(); }
                result = HilRunner.Run(s, new Robot.Firmware.Control.PolicyActions(model), realTime: true, arm: false,
                    attach: (robot, live) =>
                    {
                        var info = Robot.Firmware.GroundStation.StationInfo.Of(policyPath, model, robot.Config);
                        if (socketPath is not null)
                        {
                            var link = Robot.Firmware.StationLink.StationLinkServer.Start(socketPath, robot, live, info);
                            Console.WriteLine($"station link: {link.Path} (robot-firmware station --robot {link.Path})");
                            return link;
                        }
                        return Robot.Firmware.GroundStation.GroundStationHost.Start(stationAddress!, parse.GetValue(stationToken)!,
                            new Robot.Firmware.StationLink.LocalRobotLink(robot, live, info), Console.Out);
                    },
                    cancel: quit.Token);
            }
            if (result.NotApplicable is string why)
            {
                Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) : $"{s.Name}: N/A ({why})");
                return 0;
            }
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            else
            {
                Console.WriteLine($"{s.Name}: {(result.Passed ? "PASS" : "FAIL")}  ({result.SimSeconds:F0} s simulated in {result.WallSeconds:F2} s, {result.RealTimeFactor:F0}x real time)");
                foreach (var check in result.Checks) Console.WriteLine($"  [{(check.Passed ? "ok" : "FAIL")}] {check.Name}: {check.Detail}");
                Console.WriteLine($"  max tilt {result.MaxTilt:F3} rad, max drift {result.MaxDrift:F3} m, max duty {result.MaxDuty:F3}, final state {result.FinalState}" +
                    (result.Fault is null ? "" : $", fault {result.Fault} at {result.FaultTime:F3} s: {result.FaultDetail}"));
                Console.WriteLine($"  loop: lateness p99 {result.LatenessP99:F1} us, max {result.LatenessMax:F1} us; compute p99 {result.ComputeP99:F1} us; {result.Overruns} overruns");
                if (parse.GetValue(realTime))
                    Console.WriteLine($"  process: {GC.CollectionCount(0)} collections (gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}), " +
                        $"{GC.GetTotalPauseDuration().TotalMilliseconds:F1} ms paused, {GC.GetTotalAllocatedBytes() / 1e6:F1} MB allocated");
            }
            if (csv is not null) TelemetryCsv.Write(csv, result.Telemetry);
            if (parse.GetValue(plot) is string png)
            {
                HilPlot.Write(result, s, png);
                if (!parse.GetValue(json)) Console.WriteLine($"  plot: {Path.GetFullPath(png)}");
            }
            return result.Passed ? 0 : ExitCode.Failed;
        }));
        return command;
    }
}
