using System.Device.Gpio;

namespace Robot.Firmware.Devices.Motor;

/// <summary>
/// The pulse train a hardware watchdog needs: one GPIO toggled at the end of every control tick,
/// feeding a retriggerable monostable (a 74HC123) that holds the driver's enable while edges keep
/// arriving. A frozen, killed or stalled process stops the edges, and the enable drops in hardware
/// within the monostable's time (docs/deploy.md, "The heartbeat"). The optional readback input is
/// the monostable's output, checked before arming.
/// </summary>
public sealed class Heartbeat
{
    readonly GpioController _gpio;
    readonly int _pin;
    readonly int? _readback;
    PinValue _level = PinValue.Low;

    public Heartbeat(GpioController gpio, int pin, int? readback)
    {
        _gpio = gpio;
        _pin = pin;
        _readback = readback;
        gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
        if (readback is int r) gpio.OpenPin(r, PinMode.InputPullDown); // unwired or unpowered reads low: not following
    }

    /// <summary>One edge (allocation-free).</summary>
    public void Beat()
    {
        _level = _level == PinValue.High ? PinValue.Low : PinValue.High;
        _gpio.Write(_pin, _level);
    }

    /// <summary>Why the circuit's output is not following the pulses (the readback reads low), or null (following, or no readback wired).</summary>
    public string? NotFollowing() => _readback is int r && _gpio.Read(r) != PinValue.High
        ? $"the heartbeat circuit's output (GPIO {r}) is low while GPIO {_pin} pulses: check the monostable's wiring and supply (docs/deploy.md, \"The heartbeat\")"
        : null;
}
