using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Calibration;
using Robot.Firmware.Configuration;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Hardware;
using Robot.Firmware.Loop;
using Robot.Observation;

namespace Robot.Firmware.Cli;

/// <summary>`robot-firmware calibrate`: measure gyro bias and the upright offset, and save them into robot.json.</summary>
public static class CalibrateCommand
{
    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var config = new Option<string>("--config") { Description = "robot.json to read, and to update with the result", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "How long to average", DefaultValueFactory = _ => 3.0 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the result without saving it" };
        var command = new Command("calibrate", "Hold the robot still at its balance point (on a stand, wheel free, motor off), then run this. " +
            "It averages the IMU and stores imu.gyro_bias_counts and imu.pitch_offset_rad in the config.\n" +
            "Example: robot-firmware calibrate --config robot.json") { config, seconds, dryRun };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string path = parse.GetValue(config)!;
            var robotConfig = RobotConfig.Load(path);
            using var hardware = openHardware();
            var result = Calibrate(robotConfig, hardware, new StopwatchClock(), parse.GetValue(seconds));
            Console.WriteLine($"gyro bias {result.GyroBiasCounts:F1} counts ({result.GyroBiasCounts / Mpu6050Scale.GyroLsbPerDegPerSecond:F3} deg/s), " +
                $"upright offset {result.PitchOffsetRad * 180 / Math.PI:F2} deg, gyro noise {result.GyroNoiseCounts:F1} counts RMS, {result.Samples} samples");
            if (parse.GetValue(dryRun)) return 0;
            robotConfig.WithCalibration(result.GyroBiasCounts, result.PitchOffsetRad).Save(path);
            Console.WriteLine($"saved to {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>Sets the IMU up as the run command does, then measures (also used by the hardware-in-the-loop rig).</summary>
    public static CalibrationResult Calibrate(RobotConfig config, IRobotHardware hardware, ILoopClock clock, double seconds)
    {
        var device = hardware.OpenI2c(config.I2c.Bus, config.Imu.Address);
        Mpu6050Setup.Configure(device, config.Imu.FilterHz);
        return ImuCalibration.Measure(new Mpu6050BurstReader(device), config.Imu.Orientation(), clock, seconds);
    }
}
