namespace Robot.Firmware.Devices.Motor;

/// <summary>The H-bridge's two direction inputs (IN1, IN2 of a TB6612FNG or DRV8833-class driver).</summary>
public interface IDirectionPins
{
    void Set(bool in1, bool in2);
}
