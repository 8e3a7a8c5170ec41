using System.Device.I2c;
using Iot.Device.Imu;
using Robot.Observation;

namespace Robot.Firmware.Devices.Mpu6050;

/// <summary>
/// Brings the MPU-6050 up through the official binding (Iot.Device.Imu.Mpu6050 4.2.0): its
/// constructor resets the chip, wakes it on the gyro clock, checks WHO_AM_I = 0x68 and writes and
/// reads back CONFIG, GYRO_CONFIG, ACCEL_CONFIG and 0x1D. We then choose the ranges the estimator
/// assumes (+-2 g and +-250 deg/s: Robot.Observation.Mpu6050Scale), the digital low-pass filter and a
/// 1 kHz sample rate. The binding is used for setup only: its GetAccelerometer divides by
/// (1 + SMPLRT_DIV), and it reads accelerometer and gyroscope in separate transfers, so the loop
/// reads with <see cref="Mpu6050BurstReader"/> instead (docs/deploy.md, "Why two IMU paths").
/// </summary>
public static class Mpu6050Setup
{
    /// <summary>DLPF settings (Hz) the binding offers, with the gyro delay each adds (register map rev 4.2, CONFIG).</summary>
    public static readonly IReadOnlyDictionary<int, GyroscopeBandwidth> Filters = new Dictionary<int, GyroscopeBandwidth>
    {
        [250] = GyroscopeBandwidth.Bandwidth0250Hz, [184] = GyroscopeBandwidth.Bandwidth0184Hz, [92] = GyroscopeBandwidth.Bandwidth0092Hz,
        [41] = GyroscopeBandwidth.Bandwidth0041Hz, [20] = GyroscopeBandwidth.Bandwidth0020Hz, [10] = GyroscopeBandwidth.Bandwidth0010Hz,
        [5] = GyroscopeBandwidth.Bandwidth0005Hz,
    };

    /// <summary>
    /// Configures the chip. Throws <see cref="IOException"/> when the chip does not answer, is not an
    /// MPU-6050, or does not keep a setting. Does not dispose the device: the burst reader uses it next.
    /// </summary>
    public static void Configure(I2cDevice device, int filterHz)
    {
        if (!Filters.TryGetValue(filterHz, out var bandwidth))
            throw new ArgumentOutOfRangeException(nameof(filterHz), $"no MPU-6050 filter of {filterHz} Hz; choose one of {string.Join(", ", Filters.Keys)}");
        // Never disposed: disposing the binding would dispose the I2C device the loop reads through.
        var chip = new Iot.Device.Imu.Mpu6050(device);
        chip.GyroscopeRange = GyroscopeRange.Range0250Dps;
        chip.AccelerometerRange = AccelerometerRange.Range02G;
        chip.GyroscopeBandwidth = bandwidth;
        chip.SampleRateDivider = 0; // 1 kHz with the filter on: fresh data every loop tick up to 1 kHz
        if (chip.SampleRateDivider != 0) throw new IOException("the MPU-6050 did not keep SMPLRT_DIV = 0");
    }
}
