namespace Robot.Firmware.Testing;

/// <summary>Direction pins that remember the last levels they were set to.</summary>
public sealed class FakeDirectionPins : Robot.Firmware.Devices.Motor.IDirectionPins
{
    public (bool In1, bool In2) Last { get; private set; }
    public void Set(bool in1, bool in2) => Last = (in1, in2);
}
