using System.Device.Gpio;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// GPIO as the firmware's GpioController sees it: the H-bridge's IN1 and IN2 outputs feed the
/// plant's motor input; the e-stop input reads high while the scenario's e-stop fault is active;
/// edges on the heartbeat pin retrigger the simulated monostable, whose output the readback pin reads.
/// </summary>
public sealed class SimulatedGpioDriver(SimulatedWorld world, int in1Pin, int in2Pin, int eStopPin, MotorStateFile? state = null,
    int? heartbeatPin = null, int? heartbeatReadbackPin = null) : GpioDriver
{
    readonly Dictionary<int, PinMode> _modes = [];
    readonly Dictionary<int, PinValue> _outputs = [];

    protected override int PinCount => 28;

    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override PinMode GetPinMode(int pinNumber) => _modes.TryGetValue(pinNumber, out var mode) ? mode : PinMode.Input;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        if (pinNumber == eStopPin) return world.ActiveFault(FaultKind.EStop) is not null ? PinValue.High : PinValue.Low;
        if (pinNumber == heartbeatReadbackPin) return world.ActiveFault(FaultKind.HeartbeatDead) is null && world.DriverEnabled ? PinValue.High : PinValue.Low;
        return _outputs.TryGetValue(pinNumber, out var value) ? value : PinValue.Low;
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        bool edge = !_outputs.TryGetValue(pinNumber, out var before) || before != value;
        _outputs[pinNumber] = value;
        if (pinNumber == heartbeatPin && edge && world.ActiveFault(FaultKind.HeartbeatDead) is null)
        {
            world.Beat();
            state?.WriteHeartbeat(System.Diagnostics.Stopwatch.GetTimestamp());
        }
        if (pinNumber == in1Pin || pinNumber == in2Pin)
        {
            state?.WritePin(pinNumber == in1Pin, value == PinValue.High);
            world.SetDirection(Level(in1Pin), Level(in2Pin));
        }
    }

    bool Level(int pin) => _outputs.TryGetValue(pin, out var v) && v == PinValue.High;

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the simulated GPIO has no edge events");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the simulated GPIO has no edge events");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) { }
}
