using System.Device.I2c;

namespace Robot.Firmware.Devices.Mpu6050;

/// <summary>
/// Reads accelerometer, temperature and gyroscope in one 14-byte burst from ACCEL_XOUT_H (0x3B):
/// one register-pointer write and one read, so all seven values come from the same sampling
/// instant (the chip latches its output registers for the duration of a burst; register map
/// RM-MPU-6000A-00 rev 4.2, section 4.17). Values are big-endian. Allocation-free.
/// Chip setup (reset, WHO_AM_I, ranges, filter) is left to Iot.Device.Imu.Mpu6050.
/// </summary>
public sealed class Mpu6050BurstReader(I2cDevice device)
{
    public const byte AccelXoutH = 0x3B;
    public const int BurstLength = 14;

    readonly byte[] _pointer = [AccelXoutH];
    readonly byte[] _data = new byte[BurstLength];

    public Mpu6050Sample Read()
    {
        device.WriteRead(_pointer, _data);
        return new Mpu6050Sample(Word(0), Word(2), Word(4), Word(6), Word(8), Word(10), Word(12));
    }

    short Word(int offset) => (short)((_data[offset] << 8) | _data[offset + 1]);
}
