namespace Robot.Firmware.Safety;

/// <summary>
/// The safety state machine. Disarmed -> (RequestArm with a valid policy) -> Arming -> (held
/// upright and still for ArmHoldSeconds) -> Running. Any fault condition in Arming or Running,
/// and an e-stop in any state, latches Faulted; only ClearFault leaves it, to Disarmed, from where
/// a new RequestArm is needed. The motor may be driven only while Running.
/// Allocation-free per tick (fault details are built only when a fault latches).
/// </summary>
public sealed class SafetySupervisor(SupervisorLimits limits)
{
    double _heldSince = double.NaN;
    int _readFailures, _overruns;

    public SupervisorLimits Limits { get; } = limits;
    public SupervisorState State { get; private set; } = SupervisorState.Disarmed;
    public Fault LastFault { get; private set; }
    public bool MotorEnabled => State == SupervisorState.Running;

    /// <summary>Raised once per latched fault (on the loop thread: handlers must not block).</summary>
    public event Action<Fault>? Faulted;

    /// <summary>Asks to arm. Refused (returns false) unless Disarmed; a policy that failed validation latches a fault.</summary>
    public bool RequestArm(bool policyValid, double time)
    {
        if (State != SupervisorState.Disarmed) return false;
        if (!policyValid)
        {
            Latch(FaultCause.PolicyInvalid, time, "the policy file was not loaded and validated");
            return false;
        }
        State = SupervisorState.Arming;
        _heldSince = double.NaN;
        return true;
    }

    /// <summary>Back to Disarmed from Arming or Running (a fault stays latched).</summary>
    public void Disarm()
    {
        if (State is SupervisorState.Arming or SupervisorState.Running) State = SupervisorState.Disarmed;
    }

    /// <summary>The explicit acknowledgement a latched fault needs; returns false if there was none.</summary>
    public bool ClearFault()
    {
        if (State != SupervisorState.Faulted) return false;
        State = SupervisorState.Disarmed;
        _readFailures = _overruns = 0;
        return true;
    }

    /// <summary>Judges one tick; returns whether the motor may be driven this tick.</summary>
    public bool Tick(in SupervisorInputs input)
    {
        if (State == SupervisorState.Faulted) return false;
        if (input.EmergencyStop)
        {
            Latch(FaultCause.EmergencyStop, input.Time, "e-stop input active");
            return false;
        }
        if (State == SupervisorState.Disarmed) return false;

        _readFailures = input.Sensors == SensorHealth.ReadFailed ? _readFailures + 1 : 0;
        _overruns = input.Overrun ? _overruns + 1 : 0;
        if (CheckFaults(input)) return false;

        if (State == SupervisorState.Arming)
        {
            bool held = input.Sensors == SensorHealth.Ok && Math.Abs(input.Pitch) <= Limits.ArmTiltLimit && Math.Abs(input.PitchRate) <= Limits.ArmStillRate;
            if (!held) _heldSince = double.NaN;
            else if (double.IsNaN(_heldSince)) _heldSince = input.Time;
            else if (input.Time - _heldSince >= Limits.ArmHoldSeconds) State = SupervisorState.Running;
            return State == SupervisorState.Running;
        }
        return true;
    }

    bool CheckFaults(in SupervisorInputs input)
    {
        if (_readFailures >= Limits.MaxConsecutiveReadFailures)
            return Latch(FaultCause.SensorReadFailures, input.Time, $"{_readFailures} consecutive sensor read failures");
        if (input.Sensors == SensorHealth.OutOfRange) return Latch(FaultCause.SensorOutOfRange, input.Time, "sensor value out of range");
        if (input.Sensors == SensorHealth.Frozen) return Latch(FaultCause.SensorFrozen, input.Time, "sensor values frozen");
        if (!input.ObservationFinite) return Latch(FaultCause.NonFiniteObservation, input.Time, "observation is NaN or infinite");
        if (State == SupervisorState.Running && !input.ActionFinite) return Latch(FaultCause.NonFiniteAction, input.Time, "action is NaN or infinite");
        if (_overruns >= Limits.MaxConsecutiveOverruns) return Latch(FaultCause.LoopOverruns, input.Time, $"{_overruns} consecutive loop overruns");
        if (!double.IsNaN(Limits.LowBatteryVoltage) && input.BatteryVoltage < Limits.LowBatteryVoltage)
            return Latch(FaultCause.LowBattery, input.Time, $"battery {input.BatteryVoltage:F2} V below {Limits.LowBatteryVoltage:F2} V");
        if (State == SupervisorState.Running && Math.Abs(input.Pitch) > Limits.TiltLimit)
            return Latch(FaultCause.Tilt, input.Time, $"pitch {input.Pitch:F3} rad beyond {Limits.TiltLimit:F3} rad");
        return false;
    }

    bool Latch(FaultCause cause, double time, string detail)
    {
        State = SupervisorState.Faulted;
        LastFault = new Fault(cause, time, detail);
        Faulted?.Invoke(LastFault);
        return true;
    }
}
