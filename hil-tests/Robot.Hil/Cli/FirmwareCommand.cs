using System.CommandLine;
using Robot.Cli;
using Robot.Firmware.Cli;
using Robot.Firmware.Configuration;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Cli;

/// <summary>
/// `robot-hil firmware -- ARGS`: runs robot-firmware's own command line (run, calibrate, safe-stop)
/// against the simulated robot on the wall clock, so anyone can try the firmware before building a
/// robot. With --motor-state the motor output's state is kept in a file that outlives the process,
/// as the Pi's PWM and GPIO registers do: the process-level safety tests read it after each way
/// the firmware's process can end, and --inject-crash makes it end by a bug.
/// </summary>
public static class FirmwareCommand
{
    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario") { Description = "The simulated robot and its faults (default: held upright, released 0.2 s after the motor starts balancing, no faults)" };
        var motorState = new Option<string?>("--motor-state") { Description = "Keep the motor output's state (PWM enable and duty, IN1, IN2) in this file, beyond the process's end" };
        var crash = new Option<string?>("--inject-crash") { Description = "End the process by a bug at --crash-at: 'loop' (an exception on the control loop thread) or 'thread' (an unhandled exception on another thread)" };
        var crashAt = new Option<double>("--crash-at") { Description = "When the injected crash happens, s after start", DefaultValueFactory = _ => 2.0 };
        var command = new Command("firmware", "Run robot-firmware's command line against the simulated robot in real time. Everything after -- goes to robot-firmware.\n" +
            "Example: robot-hil firmware -- run --policy hil-tests/fixtures/uniwheel-ppo.rpol --config robot.json")
            { scenario, motorState, crash, crashAt };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string[] firmwareArgs = [.. parse.UnmatchedTokens];
            if (firmwareArgs.Length == 0) throw new InputException("give robot-firmware's arguments after --, e.g. -- run --policy P.rpol --config robot.json");
            int at = Array.IndexOf(firmwareArgs, "--config");
            if (at < 0 || at + 1 >= firmwareArgs.Length) throw new InputException("robot-firmware's arguments need --config robot.json (the simulated robot is wired as it says)");
            var config = RobotConfig.Load(firmwareArgs[at + 1]);
            var s = parse.GetValue(scenario) is string path ? ScenarioFile.Load(path) : new Scenario { Name = "interactive", Duration = 3600, Initial = new InitialState { Release = 3600, Reaction = 0.2 } };
            string? kind = parse.GetValue(crash);
            if (kind is not (null or "loop" or "thread")) throw new InputException($"--inject-crash: '{kind}' is not 'loop' or 'thread'");
            double crashTime = parse.GetValue(crashAt);
            if (kind == "thread")
                new Thread(() =>
                {
                    Thread.Sleep(TimeSpan.FromSeconds(crashTime));
                    throw new InvalidOperationException("injected crash on a worker thread");
                }) { IsBackground = true, Name = "injected-crash" }.Start();
            return FirmwareCli.Invoke(firmwareArgs, () =>
            {
                var rig = SimulatedRig.Create(s, config, realTime: true, parse.GetValue(motorState));
                if (kind == "loop") rig.Hardware.InjectCrashAt(crashTime);
                return rig.Hardware;
            });
        }));
        return command;
    }
}
