namespace Robot.Observation;

/// <summary>
/// The MPU-6050's sensitivities at the ranges the firmware selects (+-2 g, +-250 deg/s): the
/// estimator divides by them, the sensor models and the simulated chip multiply by them.
/// InvenSense PS-MPU-6000A-00 rev 3.4, sections 6.1 and 6.2.
/// </summary>
public static class Mpu6050Scale
{
    /// <summary>Accelerometer counts per g at the +-2 g range (AFS_SEL = 0).</summary>
    public const double AccelLsbPerG = 16384;

    /// <summary>What the accelerometer's 1 g is, m/s^2 (standard gravity, as the datasheet's g).</summary>
    public const double StandardGravity = 9.80665;

    /// <summary>Gyroscope counts per deg/s at the +-250 deg/s range (FS_SEL = 0).</summary>
    public const double GyroLsbPerDegPerSecond = 131;

    /// <summary>Gyroscope counts per rad/s at the same range.</summary>
    public const double GyroLsbPerRadPerSecond = GyroLsbPerDegPerSecond * 180 / Math.PI;
}
