using System.Device.Pwm;

namespace Robot.Firmware.Devices.Motor;

/// <summary>What the motor does when commanded to stop: let the wheel spin freely, or short the windings.</summary>
public enum StopMode
{
    Coast,
    Brake,
}

/// <summary>
/// A DC motor on an H-bridge: PWM sets the magnitude, two GPIOs the direction (IN1 high = forward).
/// The duty written to the hardware is always within +-DutyLimit, whatever is asked, and NaN means stop.
/// Starts disabled (PWM off, inputs in the stop mode); <see cref="Enable"/> starts the PWM output.
/// Not thread-safe: <see cref="Robot.Firmware.Safety.MotorGate"/> serializes the loop and the safety paths.
/// </summary>
public sealed class HBridgeMotor
{
    readonly PwmChannel _pwm;
    readonly IDirectionPins _direction;

    public HBridgeMotor(PwmChannel pwm, IDirectionPins direction, double dutyLimit, StopMode stopMode = StopMode.Coast)
    {
        if (!(dutyLimit is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(dutyLimit), "the duty limit must be in (0, 1]");
        _pwm = pwm;
        _direction = direction;
        DutyLimit = dutyLimit;
        StopMode = stopMode;
        Disable();
    }

    public double DutyLimit { get; }
    public StopMode StopMode { get; }

    /// <summary>The signed duty last written to the hardware.</summary>
    public double AppliedDuty { get; private set; }

    /// <summary>Commands a signed duty in [-1, 1]; returns what was applied after clamping to the limit.</summary>
    public double SetDuty(double duty)
    {
        if (double.IsNaN(duty) || duty == 0)
        {
            Stop();
            return 0;
        }
        double applied = Math.Clamp(duty, -DutyLimit, DutyLimit);
        _direction.Set(applied > 0, applied < 0);
        _pwm.DutyCycle = Math.Abs(applied);
        AppliedDuty = applied;
        return applied;
    }

    /// <summary>Starts the PWM output at duty 0.</summary>
    public void Enable()
    {
        Stop();
        _direction.SetStandby(true);
        _pwm.Start();
        Enabled = true;
    }

    /// <summary>Duty 0, the inputs in the stop mode, the PWM output disabled and the bridge in standby: what every safety path ends in.</summary>
    public void Disable()
    {
        Stop();
        _pwm.Stop();
        _direction.SetStandby(false);
        Enabled = false;
    }

    public bool Enabled { get; private set; }

    /// <summary>Duty 0, then coast (both inputs low) or brake (both high).</summary>
    public void Stop()
    {
        _pwm.DutyCycle = 0;
        bool brake = StopMode == StopMode.Brake;
        _direction.Set(brake, brake);
        AppliedDuty = 0;
    }
}
