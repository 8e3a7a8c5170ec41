using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Testing;

namespace Robot.Firmware.Tests.Devices;

public class As5600Tests
{
    [Theory]
    [InlineData(0x00, 0x00, 0)]
    [InlineData(0x0F, 0xFF, 4095)]
    [InlineData(0x08, 0x00, 2048)]
    [InlineData(0xF4, 0x21, 0x421)] // the high nibble of 0x0C is not part of the angle
    public void RawAngleIsTheTwelveBitsOfRegisters0x0CAnd0x0D(byte high, byte low, int expected)
    {
        var chip = new RegisterI2cDevice(As5600.DefaultAddress);
        chip.Registers[0x0C] = high;
        chip.Registers[0x0D] = low;
        var encoder = new As5600(chip);
        Assert.Equal(expected, encoder.ReadRawAngle());
        Assert.Equal(0x0E, chip.Pointer); // one pointer write, one two-byte read
    }

    [Fact]
    public void MagnetStatusAndGainComeFromTheirRegisters()
    {
        var chip = new RegisterI2cDevice(As5600.DefaultAddress);
        chip.Registers[0x0B] = 0x27; // MD set, low bits are not status flags
        chip.Registers[0x1A] = 128;
        var encoder = new As5600(chip);
        Assert.Equal(MagnetStatus.Detected, encoder.ReadMagnetStatus());
        chip.Registers[0x0B] = 0x30;
        Assert.Equal(MagnetStatus.Detected | MagnetStatus.TooWeak, encoder.ReadMagnetStatus());
        Assert.Equal(128, encoder.ReadAutomaticGain());
    }

    [Fact]
    public void ReadingAllocatesNothingAndNackSurfacesAsIOException()
    {
        var chip = new RegisterI2cDevice(As5600.DefaultAddress);
        var encoder = new As5600(chip);
        encoder.ReadRawAngle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) encoder.ReadRawAngle();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        chip.Nack = true;
        Assert.Throws<IOException>(() => encoder.ReadRawAngle());
    }
}
