using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Loop;

namespace Robot.Firmware.Calibration;

/// <summary>What `firmware calibrate` measured: the gyro's pitch-rate reading at rest and the accelerometer's pitch when upright.</summary>
public readonly record struct CalibrationResult(double GyroBiasCounts, double PitchOffsetRad, double GyroNoiseCounts, int Samples);

/// <summary>
/// With the robot held still in its balance position (on a stand, wheel free), averages the IMU
/// for a few seconds: the mean pitch-rate counts are the gyro bias the estimator subtracts, the mean
/// accelerometer pitch is the offset between the chip's "upright" and the body's balance point.
/// Refuses if the robot moved (gyro spread too wide) so a bad calibration is never saved.
/// </summary>
public static class ImuCalibration
{
    /// <summary>Gyro spread (counts RMS) above which the body was not still: about 0.4 deg/s at 131 LSB/(deg/s).</summary>
    public const double StillNoiseLimit = 50;

    public static CalibrationResult Measure(Mpu6050BurstReader imu, ImuMounting mounting, ILoopClock clock, double seconds = 2, double rateHz = 200)
    {
        int n = Math.Max(10, (int)(seconds * rateHz));
        long period = (long)(1e9 / rateHz), next = clock.NowNanoseconds;
        double sumRate = 0, sumRateSquared = 0, sumForward = 0, sumUp = 0;
        for (int i = 0; i < n; i++)
        {
            clock.WaitUntil(next += period);
            var (forward, up, rate) = mounting.ToBody(imu.Read());
            sumRate += rate;
            sumRateSquared += (double)rate * rate;
            sumForward += forward;
            sumUp += up;
        }
        double bias = sumRate / n;
        double spread = Math.Sqrt(Math.Max(0, sumRateSquared / n - bias * bias));
        if (spread > StillNoiseLimit)
            throw new InvalidOperationException($"the robot moved during calibration (gyro spread {spread:F0} counts RMS, limit {StillNoiseLimit}); hold it still and retry");
        double pitch = Math.Atan2(-sumForward / n, sumUp / n);
        // The same bound arming applies to the saved offset: a calibration that cannot arm is refused here, not later.
        if (Math.Abs(pitch) > Devices.Mpu6050.ImuOptions.MaxPitchOffset)
            throw new InvalidOperationException($"the body reads {pitch * 180 / Math.PI:F1} deg from vertical, beyond the {Devices.Mpu6050.ImuOptions.MaxPitchOffset * 180 / Math.PI:F1} deg " +
                "arming accepts; hold it at its balance point (or fix imu.mounting) and retry");
        return new CalibrationResult(bias, pitch, spread, n);
    }
}
