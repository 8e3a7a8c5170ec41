namespace Robot.Firmware.Testing;

/// <summary>Direction pins that remember the last levels they were set to, and the standby input.</summary>
public sealed class FakeDirectionPins : Robot.Firmware.Devices.Motor.IDirectionPins
{
    public (bool In1, bool In2) Last { get; private set; }
    public bool Standby { get; private set; } = true;
    public void Set(bool in1, bool in2) => Last = (in1, in2);
    public void SetStandby(bool run) => Standby = !run;
}
