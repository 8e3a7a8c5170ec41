using Robot.Observation;

namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Arming's direction check: a short low-duty forward pulse, then a pause; the encoder must have
/// counted forward by a few counts. A backward count means the motor or the encoder is wired in
/// reverse (the policy would then push the robot over); no count means the motor does not turn.
/// </summary>
public sealed class DirectionCheck(SupervisorLimits limits)
{
    /// <summary>Settling time after the pulse before the count is judged, s.</summary>
    public const double SettleSeconds = 0.03;

    double _start = double.NaN;
    int _startCount, _unwrapped, _lastCount;

    public bool Passed { get; private set; }
    /// <summary>How far the wheel has turned since the pulse began, counts (forward positive): which way a pulse cut short went.</summary>
    public int Counts => _unwrapped;
    public bool Running => !double.IsNaN(_start) && !Passed;

    public void Begin(double time, int count)
    {
        _start = time;
        _startCount = _lastCount = count;
        _unwrapped = 0;
        Passed = false;
    }

    /// <summary>One tick of the check; returns the duty to apply. Reports DirectionCheck when the wheel went the wrong way or nowhere.</summary>
    public double Step(double time, int count, FaultSet faults)
    {
        if (double.IsNaN(_start) || Passed) return 0;
        int delta = count - _lastCount;
        if (delta > As5600Scale.CountsPerTurn / 2) delta -= As5600Scale.CountsPerTurn;
        else if (delta < -As5600Scale.CountsPerTurn / 2) delta += As5600Scale.CountsPerTurn;
        _unwrapped += delta;
        _lastCount = count;
        double elapsed = time - _start;
        if (elapsed < limits.DirectionPulseSeconds) return limits.DirectionPulseDuty;
        if (elapsed < limits.DirectionPulseSeconds + SettleSeconds) return 0;
        if (_unwrapped >= limits.DirectionMinCounts)
        {
            Passed = true;
            return 0;
        }
        faults.Report(FaultCause.DirectionCheck, time, _unwrapped <= -limits.DirectionMinCounts
            ? "a forward pulse turned the wheel backward ({0:F0} counts): motor or encoder wired in reverse"
            : "a forward pulse turned the wheel {0:F0} counts, fewer than {1:F0}: is the motor connected and the wheel free?", _unwrapped, limits.DirectionMinCounts);
        _start = double.NaN;
        return 0;
    }

    public void Reset()
    {
        _start = double.NaN;
        Passed = false;
    }
}
