using Robot.Observation;
namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Judges the drive from the encoder while the policy drives: a wheel running away (faster than
/// balancing ever needs, for a sustained time) and a stall (a large duty that does not turn the
/// wheel: a jammed gearbox, a disconnected motor, a wheel against a wall).
/// </summary>
public sealed class MotorCheck(SupervisorLimits limits)
{
    double _fastSince = double.NaN, _stuckSince = double.NaN;

    /// <param name="wheelRate">The wheel's speed relative to the body, rad/s.</param>
    /// <param name="wheelInTheAir">The wheel is meant to spin free (the motor experiment): the runaway limit is the free wheel's.</param>
    public void Check(double time, double duty, double wheelRate, bool driving, FaultSet faults, bool wheelInTheAir = false)
    {
        double runaway = wheelInTheAir ? limits.FreeWheelRunawayRate : limits.RunawayWheelRate;
        if (!driving)
        {
            Reset();
            return;
        }
        if (Math.Abs(wheelRate) <= runaway) _fastSince = double.NaN;
        else if (double.IsNaN(_fastSince)) _fastSince = time;
        else if (time - _fastSince >= limits.RunawaySeconds)
            faults.Report(FaultCause.Runaway, time, "wheel at {0:F1} rad/s beyond {1:F1} rad/s", wheelRate, runaway);

        if (!(Math.Abs(duty) >= limits.StallDuty && Math.Abs(wheelRate) < limits.StallWheelRate)) _stuckSince = double.NaN;
        else if (double.IsNaN(_stuckSince)) _stuckSince = time;
        else if (time - _stuckSince >= limits.StallSeconds)
            faults.Report(FaultCause.MotorStall, time, "duty {0:F2} but the wheel turns at {1:F2} rad/s: stalled", duty, wheelRate);
    }

    public void Reset() => _fastSince = _stuckSince = double.NaN;
}
