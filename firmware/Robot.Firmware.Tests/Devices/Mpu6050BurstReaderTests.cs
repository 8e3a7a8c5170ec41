using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Testing;

namespace Robot.Firmware.Tests.Devices;

public class Mpu6050BurstReaderTests
{
    [Fact]
    public void OneBurstFrom0x3BGivesSevenBigEndianWords()
    {
        var chip = new RegisterI2cDevice(0x68);
        byte[] data = [0x40, 0x00, 0xC0, 0x00, 0x01, 0x02, 0xF3, 0x7C, 0x00, 0x83, 0xFF, 0x7D, 0x80, 0x00];
        data.CopyTo(chip.Registers, 0x3B);
        var reader = new Mpu6050BurstReader(chip);
        var s = reader.Read();
        Assert.Equal(new Mpu6050Sample(16384, -16384, 0x0102, unchecked((short)0xF37C), 131, -131, short.MinValue), s);
        Assert.Equal(2, chip.Transfers); // one pointer write, one 14-byte read
        Assert.Equal(0x3B + 14, chip.Pointer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) reader.Read();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void MountingMapsChipAxesToTheBodyWithSignsAndNoWrapAround()
    {
        var sample = new Mpu6050Sample(100, 200, 300, 0, 10, 20, short.MinValue);
        Assert.Equal(((short)100, (short)300, (short)20), ImuMounting.Default.ToBody(sample));
        var flipped = new ImuMounting(1, -1, 0, 1, 2, -1);
        Assert.Equal(((short)-200, (short)100, short.MaxValue), flipped.ToBody(sample));
        Assert.Null(ImuMounting.Default.Validate());
        Assert.NotNull(new ImuMounting(0, 1, 0, 1, 1, 1).Validate());
        Assert.NotNull(new ImuMounting(0, 2, 2, 1, 1, 1).Validate());
        Assert.NotNull(new ImuMounting(3, 1, 2, 1, 1, 1).Validate());
    }
}
