using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Hil.Running.Expectations;

/// <summary>expect.upright: armed while the hand still held it, then up (within the fall angle) to the end, with no fault.</summary>
public sealed class Upright : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        var supervisor = run.Robot.Supervisor;
        yield return new("armed while held", run.RunningSince is double t && t < run.ReleaseTime,
            run.RunningSince is double r ? $"running at {r:F2} s, released at {run.ReleaseTime:F2} s"
                : supervisor.ArmRefusal is string refusal ? "never armed: arming refused: " + refusal : "never armed");
        yield return new("stays up", !run.Fell && !run.Faulted, run.Fell ? $"fell: pitch reached {run.MaxTilt:F2} rad"
            : run.Faulted ? $"faulted: {FaultNames.Of(supervisor.LastFault.Cause)} at {supervisor.LastFault.Time - run.ClockOrigin:F2} s ({supervisor.LastFault.Detail})"
            : $"up for {run.Scenario.Duration:F0} s");
    }
}
