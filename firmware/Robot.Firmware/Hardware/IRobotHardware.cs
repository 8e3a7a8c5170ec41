using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace Robot.Firmware.Hardware;

/// <summary>
/// Where the firmware gets its buses and pins. The Raspberry Pi opens the kernel's devices; the
/// hardware-in-the-loop rig hands out simulated ones. Nothing above this interface knows which.
/// </summary>
public interface IRobotHardware : IDisposable
{
    I2cDevice OpenI2c(int bus, int address);
    PwmChannel OpenPwm(int chip, int channel, int frequencyHz);
    /// <summary>The PWM chip to open: the configured one, or (null) the one that drives the header.</summary>
    PwmChoice ResolvePwm(int? chip, int channel) => new(chip ?? 0, $"pwmchip{chip ?? 0} channel {channel}");
    GpioController Gpio { get; }
}
