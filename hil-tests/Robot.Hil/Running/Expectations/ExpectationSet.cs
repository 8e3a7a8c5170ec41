using Robot.Hil.Scenarios;

namespace Robot.Hil.Running.Expectations;

/// <summary>The expectations a scenario's expect section asks for, in the order its checks are reported; the duty limit always.</summary>
public static class ExpectationSet
{
    public static IReadOnlyList<IExpectation> For(Scenario scenario)
    {
        var expect = scenario.Expect;
        var set = new List<IExpectation> { new DutyWithinLimit() };
        if (expect.Upright) set.Add(new Upright());
        if (expect.MaxTilt is double tilt) set.Add(new MaxTilt(tilt));
        if (expect.MaxDrift is double drift) set.Add(new MaxDrift(drift));
        if (expect.Fault is string fault) set.Add(new FaultCut(fault, expect.CutWithin, whileArming: expect.NeverRunning));
        if (expect.NeverRunning) set.Add(new NeverRunning());
        set.AddRange(expect.FaultsSeen.Select(name => new FaultSeen(name)));
        if (expect.BalancingAtEnd) set.Add(new BalancingAtEnd());
        if (expect.MaxSpeedRmsError is double rms) set.Add(new TracksSpeed(rms));
        if (expect.TargetZeroWithin is double within && scenario.Drive is { } drive) set.Add(new DeadMan(within, drive.StopSending));
        if (expect.FinalSpeedBelow is double rest) set.Add(new ComesToRest(rest));
        return set;
    }
}
