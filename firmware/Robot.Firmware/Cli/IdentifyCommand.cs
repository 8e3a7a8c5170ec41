using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Configuration;
using Robot.Firmware.Hardware;
using Robot.Firmware.Identification;
using Robot.Firmware.Loop;
using Robot.Firmware.Runtime;

namespace Robot.Firmware.Cli;

/// <summary>
/// `robot-firmware identify`: runs an identification experiment with the safety of `run` (the same
/// controller, checks, supervisor, watchdog and process guard), logging every tick to a CSV for
/// `robot-trainer sysid`. The experiment's duty schedule takes the policy's place.
/// </summary>
public static class IdentifyCommand
{
    public const string Motor = "motor", Pendulum = "pendulum";

    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var config = new Option<string>("--config") { Description = "robot.json: buses, pins, rates, limits, calibration", Required = true };
        var experiment = new Option<string>("--experiment") { Description = "The experiment: motor (body clamped upright, wheel off the ground) or pendulum (hung upside down by the axle, wheel held, swinging)", Required = true };
        experiment.AcceptOnlyFromAmong(Motor, Pendulum);
        var output = new Option<string>("--out") { Description = "The log to write, one CSV row per tick (a new file; an existing one is never overwritten)", Required = true };
        var command = new Command("identify", "Run an identification experiment and log it for robot-trainer sysid (docs/deploy.md, \"Identify your robot\"). " +
            $"motor: clamp the body upright with the wheel free to spin in the air; after 'arm' (or run.auto_arm) and the direction pulse the firmware " +
            $"drives a {MotorExcitation.Duration:F0} s duty schedule (steps, a slow triangle through the deadband, a chirp; at most {MotorExcitation.LargestDuty} duty) " +
            $"and stops. pendulum: hang the robot upside down by its axle with the wheel held, lift the body about 20 degrees and let go; the motor is " +
            $"never armed and the firmware logs the swing for {PendulumExperiment.Duration:F0} s. Every safety check of run applies; SIGINT, SIGTERM and SIGHUP stop it with the motor cut.\n" +
            "Example: robot-firmware identify --config robot.json --experiment motor --out motor.csv") { config, experiment, output };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            var robotConfig = RobotConfig.Load(parse.GetValue(config)!);
            string outPath = parse.GetValue(output)!;
            InputFile.RequireNewOutput(outPath, "--out");
            bool pendulum = parse.GetValue(experiment) == Pendulum;
            using var hardware = openHardware();
            var robot = BalanceRobot.Create(robotConfig, pendulum ? new PendulumExperiment() : new MotorExcitation(), hardware, robotConfig.Loop.WallClock());
            using var stop = new CancellationTokenSource();
            using var guard = new ProcessGuard(robot.Motor, robot.Faults, stop, Console.Error);
            if (pendulum)
            {
                Console.WriteLine($"experiment pendulum: the motor stays off; logging the swing for {PendulumExperiment.Duration:F0} s. Let go of the body now.");
                stop.CancelAfter(TimeSpan.FromSeconds(PendulumExperiment.Duration));
            }
            else
            {
                Console.WriteLine($"experiment motor: {MotorExcitation.Duration:F0} s of duty up to {Math.Min(MotorExcitation.LargestDuty, robotConfig.Motor.DutyLimit)}; " +
                    "the body must be clamped upright and the wheel free to spin in the air");
                if (robotConfig.CalibrationProblem() is string calibration) Console.WriteLine("warning: " + calibration);
                Console.WriteLine(robotConfig.Run.AutoArm ? "run.auto_arm: arming now" : "disarmed: type arm to start");
            }
            var log = new FileStream(outPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            // The pendulum is never armed, whatever run.auto_arm says, and reads no commands that could arm it.
            int code = new RobotSession(robot, Console.Out).Run(stop, log, pendulum ? null : Console.In, arm: !pendulum && robotConfig.Run.AutoArm);
            if (guard.Signal is { } signal) Console.WriteLine($"stopped by {signal}");
            else if (robot.Controller.Finished || pendulum) Console.WriteLine($"experiment complete: {outPath}");
            return code;
        }));
        return command;
    }
}
