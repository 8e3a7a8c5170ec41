namespace Robot.Hil.Running.Expectations;

/// <summary>expect.final_speed_below_m_s: at the end of the run the robot's true speed is at most this.</summary>
public sealed class ComesToRest(double limit) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        if (run.Trace.Count == 0) yield break;
        double final = Math.Abs(run.Trace[^1].Velocity);
        yield return new("comes to rest", final <= limit, $"speed {final:F3} m/s at the end (limit {limit:F3})");
    }
}
