namespace Robot.Firmware.Devices.Motor;

/// <summary>
/// The H-bridge's logic inputs: the two direction inputs (IN1, IN2 of a TB6612FNG or DRV8833-class
/// driver) and, when wired, its standby/enable input (STBY on the TB6612: low is off).
/// </summary>
public interface IDirectionPins
{
    void Set(bool in1, bool in2);

    /// <summary>Drives the standby input: true lets the bridge run, false holds it off. Without a standby pin, nothing.</summary>
    void SetStandby(bool run);
}
