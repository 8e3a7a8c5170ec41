using Robot.Firmware.Safety;
using Robot.Hil.Scenarios;
using Robot.Observation;

namespace Robot.Hil.Running.Expectations;

/// <summary>One of expect.faults_seen: the telemetry shows this fault latched at some time, whatever the state at the end.</summary>
public sealed class FaultSeen(string name) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        var cause = ScenarioFile.ParseCause(name);
        var latched = run.Telemetry.FirstOrDefault(r => cause is FaultCause c && (r.FaultSet & c) != 0);
        bool seen = cause is FaultCause && latched.Tick > 0;
        yield return new($"{name} seen", seen, seen ? $"latched at {latched.Time:F3} s" : "never latched");
    }
}
