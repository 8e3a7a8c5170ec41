namespace Robot.Hil.Running.Expectations;

/// <summary>Every scenario: the PWM never went past robot.json's duty limit.</summary>
public sealed class DutyWithinLimit : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        yield return new("duty within limit", run.Pwm.MaxDuty <= run.Config.Motor.DutyLimit + 1e-12, $"max duty {run.Pwm.MaxDuty:F3}, limit {run.Config.Motor.DutyLimit:F3}");
    }
}
