namespace Robot.Hil.Running.Expectations;

/// <summary>expect.max_tilt_rad: the body never leaned farther once free.</summary>
public sealed class MaxTilt(double limit) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        yield return new("max tilt", run.MaxTilt <= limit, $"{run.MaxTilt:F3} rad (limit {limit:F3})");
    }
}
