using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Observation;

namespace Robot.Firmware.Runtime;

/// <summary>
/// What a working robot's sensors read at rest: a magnet the encoder can use, about 1 g at the IMU
/// in the pitch plane. Start-up refuses on the first problem; `doctor` reports each.
/// </summary>
public static class SensorSanity
{
    /// <summary>Why the AS5600's magnet is unusable, or null.</summary>
    public static string? Magnet(MagnetStatus status) =>
        (status & MagnetStatus.Detected) == 0 ? $"AS5600: no magnet detected (status {status})"
        : (status & (MagnetStatus.TooWeak | MagnetStatus.TooStrong)) != 0 ? $"AS5600: magnet badly placed ({status})"
        : null;

    /// <summary>Why the IMU's reading at rest is implausible for its mounting, or null.</summary>
    public static string? Gravity(Mpu6050Sample sample, ImuMounting mounting)
    {
        var (forward, up, _) = mounting.ToBody(sample);
        double g = Math.Sqrt((double)forward * forward + (double)up * up) / Mpu6050Scale.AccelLsbPerG;
        return g is < 0.7 or > 1.3 ? $"MPU-6050 reads {g:F2} g in the pitch plane at rest; expected about 1 g (check imu.mounting)" : null;
    }
}
