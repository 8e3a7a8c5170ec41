using System.Text.Json.Serialization;

namespace Robot.Firmware.Devices.Mpu6050;

/// <summary>robot.json's <c>imu</c> section: the MPU-6050's address, filter and mounting, and its calibration.</summary>
public sealed record ImuOptions
{
    [JsonPropertyName("address")] public int Address { get; init; } = Iot.Device.Imu.Mpu6050.DefaultI2cAddress;
    [JsonPropertyName("filter_hz")] public int FilterHz { get; init; } = 41;
    /// <summary>[forward_axis, forward_sign, up_axis, up_sign, pitch_rate_axis, pitch_rate_sign].</summary>
    [JsonPropertyName("mounting")] public int[] Mounting { get; init; } = [0, 1, 2, 1, 1, 1];
    /// <summary>From `calibrate`; null (absent) means not calibrated, and the robot will not arm.</summary>
    [JsonPropertyName("gyro_bias_counts")] public double? GyroBiasCounts { get; init; }
    /// <summary>From `calibrate`; null (absent) means not calibrated.</summary>
    [JsonPropertyName("pitch_offset_rad")] public double? PitchOffset { get; init; }

    /// <summary>Gyro bias beyond which a calibration is implausible: 20 deg/s, far outside the MPU-6050's +-20 deg/s zero-rate spec at its worst.</summary>
    public const double MaxGyroBiasCounts = 20 * Robot.Observation.Mpu6050Scale.GyroLsbPerDegPerSecond;
    /// <summary>Upright offset beyond which a calibration is implausible, rad (about 11 degrees: the IMU is mounted askew, or the robot was not upright).</summary>
    public const double MaxPitchOffset = 0.2;

    public ImuMounting Orientation() => new(Mounting[0], Mounting[1], Mounting[2], Mounting[3], Mounting[4], Mounting[5]);
}
