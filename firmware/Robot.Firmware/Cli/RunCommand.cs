using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Configuration;
using Robot.Firmware.Hardware;
using Robot.Firmware.Loop;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Policy;

namespace Robot.Firmware.Cli;

/// <summary>`robot-firmware run`: balance with a policy until Ctrl+C or "quit".</summary>
public static class RunCommand
{
    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var policy = new Option<string>("--policy") { Description = "Policy file (.rpol) exported by robot-trainer", Required = true };
        var config = new Option<string>("--config") { Description = "robot.json: buses, pins, rates, limits, calibration", Required = true };
        var telemetry = new Option<string?>("--telemetry") { Description = "Write one CSV row per tick to this file" };
        var noArm = new Option<bool>("--no-arm") { Description = "Start disarmed; type 'arm' to arm" };
        var command = new Command("run", "Run the balancing loop. The policy and config are checked before any device is opened; the " +
            "robot arms once held upright and still. Type arm, disarm, clear (acknowledge a fault) or quit, then Enter.\n" +
            "Example: robot-firmware run --policy policy.rpol --config robot.json --telemetry run.csv") { policy, config, telemetry, noArm };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            var robotConfig = RobotConfig.Load(parse.GetValue(config)!);
            string policyPath = parse.GetValue(policy)!;
            var model = CommandLineHost.LoadPolicy(policyPath); // a corrupt file stops here, before any device is opened
            using var hardware = openHardware();
            var robot = BalanceRobot.Create(robotConfig, model, hardware, new StopwatchClock());
            Console.WriteLine($"policy {Path.GetFileName(policyPath)} ({model.Metadata("algo") ?? "?"}, {model.ParameterCount} parameters) accepted; " +
                $"loop {robotConfig.LoopRate} Hz, duty limit {robotConfig.DutyLimit}, tilt limit {robotConfig.TiltLimit} rad");
            return Run(robot, parse.GetValue(telemetry), arm: !parse.GetValue(noArm));
        }));
        return command;
    }

    /// <summary>Loop on a high-priority thread; telemetry, console status and commands on others.</summary>
    static int Run(BalanceRobot robot, string? telemetryPath, bool arm)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var writer = new TelemetryWriter(robot.Telemetry, telemetryPath);
        var loop = new Thread(() => robot.Run(stop.Token)) { Name = "control-loop", Priority = ThreadPriority.Highest };
        loop.Start();
        if (arm) robot.RequestArm();
        var commands = new Thread(() => ReadCommands(robot, stop)) { IsBackground = true, Name = "commands" };
        commands.Start();

        // Faults are reported here, from telemetry, never from the loop thread.
        var lastState = SupervisorState.Disarmed;
        while (!stop.Token.WaitHandle.WaitOne(500))
        {
            var r = writer.Latest;
            if (r.State != lastState)
            {
                Console.WriteLine();
                Console.WriteLine(r.State == SupervisorState.Faulted
                    ? $"FAULT {robot.Supervisor.LastFault.Cause} at {robot.Supervisor.LastFault.Time:F3} s: {robot.Supervisor.LastFault.Detail} (motor cut; type clear, then arm)"
                    : $"state {r.State}");
                lastState = r.State;
            }
            var (_, p99, max) = robot.Loop.Timing.LatenessMicroseconds();
            Console.Write($"\rt {r.Time,7:F1} s  {r.State,-8}  pitch {r.Pitch * 180 / Math.PI,6:F2} deg  x {r.Position,6:F3} m  duty {r.Duty,6:F3}  " +
                $"late p99 {p99,5:F0} us max {max,6:F0} us  overruns {robot.Loop.Timing.Overruns}  dropped {robot.Telemetry.Dropped}   ");
        }
        loop.Join();
        Console.WriteLine();
        Console.WriteLine($"stopped: motor off, {robot.Loop.Timing.Ticks} ticks, {robot.Loop.Timing.Overruns} overruns");
        return robot.Supervisor.State == SupervisorState.Faulted ? ExitCode.Failed : 0;
    }

    static void ReadCommands(BalanceRobot robot, CancellationTokenSource stop)
    {
        while (Console.In.ReadLine() is string line)
        {
            switch (line.Trim().ToLowerInvariant())
            {
                case "arm": robot.RequestArm(); break;
                case "disarm": robot.RequestDisarm(); break;
                case "clear": robot.RequestClearFault(); break;
                case "quit" or "q": stop.Cancel(); return;
                case "": break;
                default: Console.WriteLine($"unknown command '{line.Trim()}': arm, disarm, clear, quit"); break;
            }
        }
    }
}
