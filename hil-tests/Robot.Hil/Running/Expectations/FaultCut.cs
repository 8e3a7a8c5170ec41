using Robot.Firmware.Safety;
using Robot.Hil.Scenarios;
using Robot.Observation;

namespace Robot.Hil.Running.Expectations;

/// <summary>
/// expect.fault (and cut_within_s): the run ends faulted with this cause among the latched ones, the
/// robot was running when the trouble began, and the motor was cut for good within the time after it
/// began. Trouble from the very start (a wiring fault) is caught while arming instead; with
/// expect.never_running the trouble is meant to begin while the firmware arms, and it must have.
/// </summary>
public sealed class FaultCut(string expected, double? cutWithin, bool whileArming = false) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        var cause = ScenarioFile.ParseCause(expected);
        var faults = run.Robot.Faults.List();
        yield return new("fault detected", run.Faulted && cause is FaultCause c && run.Robot.Faults.Has(c),
            run.Faulted ? $"{string.Join(", ", faults.Select(f => $"{ScenarioFile.Snake(f.Cause)} at {f.Time - run.ClockOrigin:F3} s"))} (expected {expected})"
                : $"no fault latched (expected {expected})");
        double start = run.TroubleStart;
        if (start > 0)
        {
            // The last tick that ended before the trouble: a tick reads its inputs up to a period after it starts.
            var atStart = run.Telemetry.LastOrDefault(r => r.Time < start - 1 / run.Config.Loop.Rate);
            var meant = whileArming ? SupervisorState.Arming : SupervisorState.Running;
            yield return new($"{(whileArming ? "arming" : "running")} when the trouble began", atStart.State == meant, $"state {atStart.State} at {start:F2} s");
        }
        if (run.CutLatency is double latency)
        {
            if (cutWithin is double within)
                yield return new("motor cut in time", latency <= within, $"cut {latency * 1000:F1} ms after the fault began (limit {within * 1000:F0} ms)");
        }
        else yield return new("motor cut in time", false, "the motor was still driven at the end");
    }
}
