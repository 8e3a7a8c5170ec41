using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Loop;

namespace Robot.Firmware.Safety;

/// <summary>
/// The only way to the motor. The loop drives through it; the watchdog, the signal handlers and the
/// crash handlers cut through it from their own threads. A drive is refused while any fault is set,
/// and a fault is always reported before a cut, so whichever thread takes the lock first, a motor
/// cut because of a fault stays cut until the fault is cleared and the robot re-armed.
/// </summary>
public sealed class MotorGate(HBridgeMotor motor, FaultSet faults)
{
    readonly PriorityInheritanceLock _lock = new(); // the cut outranks the loop that holds it (docs/safety.md)

    /// <summary>Why the gate's lock does not lift the loop for a waiting cut, or null.</summary>
    public string? LockProblem => _lock.Problem;

    public HBridgeMotor Motor => motor;

    /// <summary>Whether the output is enabled (read from any thread; a cut makes it false before it returns).</summary>
    public bool MayDrive => Volatile.Read(ref _mayDrive);
    bool _mayDrive;

    /// <summary>Drives at <paramref name="duty"/> (enabling the output if it was cut); returns the duty applied.</summary>
    public double Drive(double duty)
    {
        using (_lock.Hold())
        {
            if (faults.Any)
            {
                if (motor.Enabled) Disable();
                return 0;
            }
            if (!motor.Enabled)
            {
                motor.Enable();
                Volatile.Write(ref _mayDrive, true);
            }
            return motor.SetDuty(duty);
        }
    }

    /// <summary>Duty 0, the stop mode and the PWM output off. Safe from any thread, at any time, any number of times.</summary>
    public void Cut()
    {
        using (_lock.Hold())
        {
            if (motor.Enabled || motor.AppliedDuty != 0) Disable();
        }
    }

    /// <summary>Like <see cref="Cut"/>, but writes the hardware even if the output is believed off (process exit paths).</summary>
    public void ForceCut()
    {
        using (_lock.Hold()) Disable();
    }

    void Disable()
    {
        Volatile.Write(ref _mayDrive, false);
        motor.Disable();
    }
}
