namespace Robot.Firmware.Safety;

/// <summary>
/// The one place that decides whether the motor may be driven. Disarmed -> (an arm request whose
/// preflight passes) -> Arming (the direction pulse, then held upright and still for ArmHoldSeconds)
/// -> Running. Any fault in the <see cref="FaultSet"/>, in any state, means Faulted; only ClearFault
/// leaves it, to Disarmed, from where a new arm request (and a new preflight) is needed.
/// Allocation-free per tick.
/// </summary>
public sealed class SafetySupervisor(SupervisorLimits limits, FaultSet faults)
{
    double _heldSince = double.NaN;
    bool _directionVerified;

    public SupervisorLimits Limits { get; } = limits;
    public FaultSet Faults { get; } = faults;
    public SupervisorState State { get; private set; } = SupervisorState.Disarmed;
    /// <summary>The first fault since the last clear.</summary>
    public Fault LastFault => Faults.First;
    /// <summary>Why the last arm request was refused (null after one that was accepted).</summary>
    public string? ArmRefusal { get; private set; }

    /// <summary>Arms unless Disarmed is not the state or the preflight found a problem (kept in <see cref="ArmRefusal"/>).</summary>
    public bool TryArm(string? preflightProblem)
    {
        if (State != SupervisorState.Disarmed)
        {
            ArmRefusal = State == SupervisorState.Faulted ? "a fault is latched: clear it first" : $"already {State}";
            return false;
        }
        if (preflightProblem is not null || Faults.Any)
        {
            ArmRefusal = preflightProblem ?? "a fault is set";
            return false;
        }
        ArmRefusal = null;
        State = SupervisorState.Arming;
        _heldSince = double.NaN;
        _directionVerified = false;
        return true;
    }

    /// <summary>Back to Disarmed from Arming or Running (a fault stays latched).</summary>
    public void Disarm()
    {
        if (State is SupervisorState.Arming or SupervisorState.Running) State = SupervisorState.Disarmed;
    }

    /// <summary>The explicit acknowledgement a latched fault needs: clears every fault; returns false if there was none.</summary>
    public bool ClearFault()
    {
        if (State != SupervisorState.Faulted) return false;
        Faults.Clear();
        State = SupervisorState.Disarmed;
        return true;
    }

    /// <summary>Arming's direction pulse turned the wheel the right way.</summary>
    public void DirectionVerified() => _directionVerified = true;

    /// <summary>Decides this tick, after every check has reported.</summary>
    public Drive Decide(double time, bool sensorsUsable, double pitch, double pitchRate)
    {
        if (Faults.Any)
        {
            State = SupervisorState.Faulted;
            return Drive.Off;
        }
        switch (State)
        {
            case SupervisorState.Arming when !_directionVerified:
                return Drive.DirectionPulse;
            case SupervisorState.Arming:
                bool held = sensorsUsable && Math.Abs(pitch) <= Limits.ArmTiltLimit && Math.Abs(pitchRate) <= Limits.ArmStillRate;
                if (!held) _heldSince = double.NaN;
                else if (double.IsNaN(_heldSince)) _heldSince = time;
                else if (time - _heldSince >= Limits.ArmHoldSeconds) State = SupervisorState.Running;
                return State == SupervisorState.Running ? Drive.Policy : Drive.Off;
            case SupervisorState.Running:
                return Drive.Policy;
            default:
                return Drive.Off;
        }
    }
}
