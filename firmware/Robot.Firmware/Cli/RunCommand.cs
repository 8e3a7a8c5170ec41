using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Configuration;
using Robot.Firmware.Hardware;
using Robot.Firmware.Loop;
using Robot.Firmware.GroundStation;
using Robot.Firmware.StationLink;
using Robot.Firmware.Runtime;
using Robot.Firmware.Telemetry;

namespace Robot.Firmware.Cli;

/// <summary>`robot-firmware run`: balance with a policy until a signal, "quit", or a failure; the motor is cut however it ends.</summary>
public static class RunCommand
{
    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var policy = new Option<string>("--policy") { Description = "Policy file (.rpol) exported by robot-trainer", Required = true };
        var config = new Option<string>("--config") { Description = "robot.json: buses, pins, rates, limits, calibration", Required = true };
        var telemetry = new Option<string?>("--telemetry") { Description = "Write one CSV row per tick to this new file (an existing file is never overwritten)" };
        var stationSocket = new Option<string?>("--station-socket") { Description = "Serve the station link on this Unix socket (mode 660), for the ground station's own process: robot-firmware station --robot SOCKET (docs/ground-station.md)" };
        var command = new Command("run", "Run the balancing loop. The policy and config are checked before any device is opened. The robot " +
            "arms on the command 'arm' (or at start with run.auto_arm: true in robot.json): preflight checks, a short direction pulse, then it " +
            "waits to be held upright and still. Type arm, disarm, clear (acknowledge a fault) or quit, then Enter. SIGINT, SIGTERM and " +
            "SIGHUP stop it with the motor cut.\n" +
            "Example: robot-firmware run --policy policy.rpol --config robot.json --telemetry run.csv --station-socket /run/robot/station.sock") { policy, config, telemetry, stationSocket };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string configPath = parse.GetValue(config)!;
            var robotConfig = RobotConfig.Load(configPath);
            string policyPath = parse.GetValue(policy)!;
            var model = CommandLineHost.LoadPolicy(policyPath); // a corrupt file stops here, before any device is opened
            string? telemetryPath = parse.GetValue(telemetry);
            if (telemetryPath is not null) InputFile.RequireNewOutput(telemetryPath, "--telemetry");
            using var hardware = openHardware();
            var robot = BalanceRobot.Create(robotConfig, model, hardware, robotConfig.Loop.WallClock());
            using var stop = new CancellationTokenSource();
            using var guard = new ProcessGuard(robot.Motor, robot.Faults, stop, Console.Error);
            Console.WriteLine($"policy {Path.GetFileName(policyPath)} ({model.Metadata("algo") ?? "?"}, {model.ParameterCount} parameters) accepted; " +
                $"loop {robotConfig.Loop.Rate} Hz, duty limit {robotConfig.Motor.DutyLimit}, tilt limit {robotConfig.Limits().TiltLimit} rad, watchdog {robotConfig.Limits().WatchdogSeconds * 1000:F0} ms");
            if (robotConfig.CalibrationProblem() is string calibration) Console.WriteLine("warning: " + calibration);
            Console.WriteLine("motor PWM: " + robot.Pwm.Description);
            Console.WriteLine("signals to the cut: " + guard.SignalScheduling);
            if (robotConfig.StandbyWarning() is string standby) Console.WriteLine("warning: " + standby);
            Console.WriteLine(robotConfig.Run.AutoArm ? "run.auto_arm: arming now" : "disarmed: type arm to arm");
            var live = new LiveTelemetry(every: Math.Max(1, (int)Math.Round(robotConfig.Loop.Rate / 50)));
            using var link = parse.GetValue(stationSocket) is string socketPath
                ? StationLinkServer.Start(socketPath, robot, live, StationInfo.Of(policyPath, model, robotConfig)) : null;
            if (link is not null) Console.WriteLine($"station link: {link.Path} (robot-firmware station --robot {link.Path})");
            var output = TelemetryFiles.For(telemetryPath, robotConfig);
            int code = new RobotSession(robot, Console.Out).Run(stop, output, Console.In, arm: robotConfig.Run.AutoArm, link is null ? null : live);
            if (guard.Signal is { } signal) Console.WriteLine($"stopped by {signal}");
            return code;
        }));
        return command;
    }
}
