namespace Robot.Hil.Running.Expectations;

/// <summary>expect.max_drift_m: the wheel never got farther from its start.</summary>
public sealed class MaxDrift(double limit) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        yield return new("max drift", run.MaxDrift <= limit, $"{run.MaxDrift:F3} m (limit {limit:F3})");
    }
}
