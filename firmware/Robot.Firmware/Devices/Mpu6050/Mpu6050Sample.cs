namespace Robot.Firmware.Devices.Mpu6050;

/// <summary>One sampling instant of the MPU-6050: raw signed counts as the chip reports them.</summary>
public readonly record struct Mpu6050Sample(
    short AccelX, short AccelY, short AccelZ, short Temperature, short GyroX, short GyroY, short GyroZ)
{
    /// <summary>Accelerometer axis 0, 1 or 2.</summary>
    public short Accel(int axis) => axis switch { 0 => AccelX, 1 => AccelY, _ => AccelZ };

    /// <summary>Gyroscope axis 0, 1 or 2.</summary>
    public short Gyro(int axis) => axis switch { 0 => GyroX, 1 => GyroY, _ => GyroZ };
}
