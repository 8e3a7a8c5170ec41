using Robot.Firmware.Safety;

namespace Robot.Hil.Running.Expectations;

/// <summary>expect.balancing_at_end: running at the end with no fault, and up since the hand last let go.</summary>
public sealed class BalancingAtEnd : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        var trace = run.Trace;
        double lastRelease = 0;
        for (int i = 1; i < trace.Count; i++) if (trace[i - 1].Held && !trace[i].Held) lastRelease = trace[i].Time;
        double tiltSince = trace.Where(x => x.Time >= lastRelease && !x.Held).Select(x => Math.Abs(x.Pitch)).DefaultIfEmpty(double.NaN).Max();
        var state = run.Robot.Supervisor.State;
        bool ok = state == SupervisorState.Running && !run.Robot.Faults.Any && tiltSince <= HilRunner.FallPitch;
        yield return new("balancing at the end", ok, $"state {state}, released last at {lastRelease:F2} s, max tilt since {tiltSince:F3} rad");
    }
}
