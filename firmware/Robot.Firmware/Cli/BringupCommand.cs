using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Configuration;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Doctor;
using Robot.Firmware.Hardware;
using Robot.Firmware.Runtime;
using Robot.Firmware.Telemetry;
using Robot.Observation;

namespace Robot.Firmware.Cli;

/// <summary>
/// `robot-firmware bringup`: a first power-on in three steps, each going on only when the one before
/// passed (docs/deploy.md, "First power-up, safely"). 1: every device answers (doctor's device
/// checks) and the person sees the IMU's pitch and the wheel's angle move the right way by hand.
/// 2: on the stand, the direction pulse must spin the free wheel forward and wheel_lifted must end
/// the arming (never Running in the air). 3: on the floor, armed as `run` arms, and `run` from there.
/// </summary>
public static class BringupCommand
{
    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var policy = new Option<string>("--policy") { Description = "Policy file (.rpol) for step 3", Required = true };
        var config = new Option<string>("--config") { Description = "robot.json (calibrated: robot-firmware calibrate)", Required = true };
        var telemetry = new Option<string?>("--telemetry") { Description = "Write one CSV row per tick of steps 2 and 3 to this new file" };
        var show = new Option<double>("--show-seconds") { Description = "How long step 1 shows the sensors while you tilt the robot and turn the wheel", DefaultValueFactory = _ => 10 };
        var command = new Command("bringup", "A first power-on, step by step: 1 sensors (answer, and move the right way by hand), " +
            "2 on the stand (the kick spins the wheel forward; the firmware sees it in the air and cuts), 3 on the floor (balancing). " +
            "Each step waits for Enter and goes on only when the one before passed; exit code 1 names the step that failed.\n" +
            "Example: robot-firmware bringup --policy policy.rpol --config robot.json --telemetry bringup.csv") { policy, config, telemetry, show };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            var robotConfig = RobotConfig.Load(parse.GetValue(config)!);
            var model = CommandLineHost.LoadPolicy(parse.GetValue(policy)!);
            if (robotConfig.CalibrationProblem() is string calibration) throw new ConfigException($"{calibration}: run robot-firmware calibrate first (docs/deploy.md)");
            string? telemetryPath = parse.GetValue(telemetry);
            if (telemetryPath is not null) InputFile.RequireNewOutput(telemetryPath, "--telemetry");

            Console.WriteLine("1/3 sensors: every device at its address.");
            using (var hardware = openHardware())
            {
                var findings = DeviceDoctor.Check(robotConfig, hardware);
                foreach (var f in findings) Console.WriteLine($"  {(f.Ok ? "[ok]  " : "[FAIL]")} {f.Check}: {f.Detail}{(f.Fix is null ? "" : $" (fix: {f.Fix})")}");
                if (findings.Any(f => !f.Ok)) return Fail("1/3 sensors", "a device failed (above); robot-firmware doctor checks the system too");
                Console.WriteLine("Tilt the robot forward and back, and turn the wheel forward by hand (the way it rolls when the robot goes forward):");
                ShowSensors(robotConfig, hardware, parse.GetValue(show));
            }
            Console.WriteLine("Did the pitch grow as you tilted it forward, and the wheel's angle grow as you turned the wheel forward? Type yes and Enter.");
            if (Console.In.ReadLine()?.Trim().ToLowerInvariant() is not ("yes" or "y"))
                return Fail("1/3 sensors", "the sensors did not move the right way: a pitch the wrong way is imu.mounting's sign; a wheel angle the wrong way is the AS5600's DIR pin " +
                    "(to GND counts clockwise seen from the chip, to 3V3 counterclockwise)");

            using var hardwareForRun = openHardware();
            var robot = BalanceRobot.Create(robotConfig, model, hardwareForRun, robotConfig.Loop.WallClock());
            using var stop = new CancellationTokenSource();
            using var guard = new ProcessGuard(robot.Motor, robot.Faults, stop, Console.Error);
            Console.WriteLine("motor PWM: " + robot.Pwm.Description);
            if (robotConfig.StandbyWarning() is string standby) Console.WriteLine("warning: " + standby);
            var dialogue = new BringupDialogue(robot, Console.In, Console.Out);
            var output = TelemetryFiles.For(telemetryPath, robotConfig);
            int code = new RobotSession(robot, Console.Out).Run(stop, output, dialogue, arm: false);
            if (dialogue.Failure is string failure) return Fail("2/3 on the stand", failure);
            return code;
        }));
        return command;
    }

    static int Fail(string step, string why)
    {
        Console.Error.WriteLine($"error: bring-up stopped at {step}: {why}");
        return ExitCode.Failed;
    }

    /// <summary>The body's pitch from the accelerometer and the wheel's travel, five lines a second.</summary>
    static void ShowSensors(RobotConfig config, IRobotHardware hardware, double seconds)
    {
        var imuDevice = hardware.OpenI2c(config.I2c.Bus, config.Imu.Address);
        Mpu6050Setup.Configure(imuDevice, config.Imu.FilterHz);
        var imu = new Mpu6050BurstReader(imuDevice);
        var encoder = new As5600(hardware.OpenI2c(config.I2c.Bus, config.Encoder.Address));
        var mounting = config.Imu.Orientation();
        int last = encoder.ReadRawAngle(), turned = 0;
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (DateTime.UtcNow < end)
        {
            var (forward, up, _) = mounting.ToBody(imu.Read());
            int raw = encoder.ReadRawAngle(), delta = raw - last;
            turned += delta > As5600Scale.CountsPerTurn / 2 ? delta - As5600Scale.CountsPerTurn : delta < -As5600Scale.CountsPerTurn / 2 ? delta + As5600Scale.CountsPerTurn : delta;
            last = raw;
            double pitch = Math.Atan2(forward, up) - (config.Imu.PitchOffset ?? 0);
            Console.WriteLine($"  pitch {pitch * 180 / Math.PI,7:F1} deg   wheel {turned * 360.0 / As5600Scale.CountsPerTurn,8:F1} deg");
            Thread.Sleep(200);
        }
    }
}
