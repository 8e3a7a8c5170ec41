using System.Device.Gpio;

namespace Robot.Firmware.Devices.Motor;

/// <summary>
/// Direction pins (and the optional standby pin) on a <see cref="GpioController"/>, opened as
/// outputs, driven low at start: low standby holds the bridge off, and its pull-down keeps it off
/// whenever no one drives it (a Pi reset leaves every GPIO an input). A pin is written only when its
/// level changes: System.Device.Gpio's controller records every write in a new dictionary node, and
/// the loop sets the direction every tick.
/// </summary>
public sealed class GpioDirectionPins : IDirectionPins, IDisposable
{
    readonly GpioController _gpio;
    readonly int _in1, _in2;
    readonly int? _standby;
    readonly object _write = new();
    bool _in1High, _in2High, _run;

    public GpioDirectionPins(GpioController gpio, int in1, int in2, int? standby = null)
    {
        _gpio = gpio;
        _in1 = in1;
        _in2 = in2;
        _standby = standby;
        if (standby is int s) _gpio.OpenPin(s, PinMode.Output, PinValue.Low);
        _gpio.OpenPin(in1, PinMode.Output, PinValue.Low);
        _gpio.OpenPin(in2, PinMode.Output, PinValue.Low);
    }

    public void SetStandby(bool run)
    {
        lock (_write) // the cut (from a signal's or the watchdog's thread) and the loop: the levels and the record agree
        {
            if (_standby is int s && run != _run) _gpio.Write(s, run ? PinValue.High : PinValue.Low);
            _run = run;
        }
    }

    public void Set(bool in1, bool in2)
    {
        lock (_write)
        {
            if (in1 != _in1High) _gpio.Write(_in1, in1 ? PinValue.High : PinValue.Low);
            if (in2 != _in2High) _gpio.Write(_in2, in2 ? PinValue.High : PinValue.Low);
            (_in1High, _in2High) = (in1, in2);
        }
    }

    public void Dispose()
    {
        SetStandby(false);
        Set(false, false);
        if (_standby is int s) _gpio.ClosePin(s);
        _gpio.ClosePin(_in1);
        _gpio.ClosePin(_in2);
    }
}
