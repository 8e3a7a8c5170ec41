using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace Robot.Firmware.Hardware;

/// <summary>The real thing: /dev/i2c-N, /sys/class/pwm/pwmchipN and the GPIO character device (docs/deploy.md).</summary>
public sealed class RaspberryPiHardware : IRobotHardware
{
    readonly List<IDisposable> _opened = [];
    GpioController? _gpio;

    public GpioController Gpio => _gpio ??= new GpioController();

    public I2cDevice OpenI2c(int bus, int address) => Keep(I2cDevice.Create(new I2cConnectionSettings(bus, address)));

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz) => Keep(PwmChannel.Create(chip, channel, frequencyHz, 0));

    public PwmChoice ResolvePwm(int? chip, int channel) => PwmChipLocator.Resolve(PwmChipLocator.SysClassPwm, chip, channel);

    T Keep<T>(T device) where T : IDisposable
    {
        _opened.Add(device);
        return device;
    }

    public void Dispose()
    {
        foreach (var device in _opened) device.Dispose();
        _gpio?.Dispose();
    }
}
