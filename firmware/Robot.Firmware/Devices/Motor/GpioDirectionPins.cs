using System.Device.Gpio;

namespace Robot.Firmware.Devices.Motor;

/// <summary>Direction pins on a <see cref="GpioController"/>, opened as outputs, driven low at start.</summary>
public sealed class GpioDirectionPins : IDirectionPins, IDisposable
{
    readonly GpioController _gpio;
    readonly int _in1, _in2;

    public GpioDirectionPins(GpioController gpio, int in1, int in2)
    {
        _gpio = gpio;
        _in1 = in1;
        _in2 = in2;
        _gpio.OpenPin(in1, PinMode.Output, PinValue.Low);
        _gpio.OpenPin(in2, PinMode.Output, PinValue.Low);
    }

    public void Set(bool in1, bool in2)
    {
        _gpio.Write(_in1, in1 ? PinValue.High : PinValue.Low);
        _gpio.Write(_in2, in2 ? PinValue.High : PinValue.Low);
    }

    public void Dispose()
    {
        Set(false, false);
        _gpio.ClosePin(_in1);
        _gpio.ClosePin(_in2);
    }
}
