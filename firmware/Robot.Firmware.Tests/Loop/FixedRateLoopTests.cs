using Robot.Firmware.Testing;
using Robot.Firmware.Loop;

namespace Robot.Firmware.Tests.Loop;

/// <summary>The scheduler in simulated time: exact, deterministic, faster than real time.</summary>
public class FixedRateLoopTests
{
    [Fact]
    public void TicksStartExactlyOnAbsoluteDeadlines()
    {
        var clock = new SimulatedClock();
        var loop = new FixedRateLoop(clock, 200);
        var starts = new List<long>();
        loop.Run((k, dt, overran) => { starts.Add(clock.NowNanoseconds); clock.Advance(1_000_000); Assert.False(overran); }, CancellationToken.None, 1000);
        Assert.Equal(1000, starts.Count);
        for (int k = 0; k < starts.Count; k++) Assert.Equal((k + 1) * 5_000_000L, starts[k]);
        Assert.Equal(0, loop.Timing.Overruns);
        Assert.Equal((0.0, 0.0, 0.0), loop.Timing.LatenessMicroseconds());
        Assert.Equal(1000.0, loop.Timing.ComputeMicroseconds().P99);
    }

    [Fact]
    public void AnOverrunSkipsMissedDeadlinesAndIsReportedToTheNextTick()
    {
        var clock = new SimulatedClock();
        var loop = new FixedRateLoop(clock, 1000); // 1 ms
        var starts = new List<long>();
        var told = new List<bool>();
        loop.Run((k, dt, overran) =>
        {
            starts.Add(clock.NowNanoseconds);
            told.Add(overran);
            clock.Advance(k == 3 ? 3_500_000 : 200_000); // tick 3 takes 3.5 ms
        }, CancellationToken.None, 8);
        // Deadlines 1,2,3,4 ms; tick 3 runs 4.0-7.5 ms, so 5, 6 and 7 ms are skipped: next start 8 ms.
        Assert.Equal([1_000_000L, 2_000_000, 3_000_000, 4_000_000, 8_000_000, 9_000_000, 10_000_000, 11_000_000], starts);
        Assert.Equal([false, false, false, false, true, false, false, false], told);
        Assert.Equal(1, loop.Timing.Overruns);
    }

    [Fact]
    public void MeasuredPeriodIsPassedToTheTick()
    {
        var clock = new SimulatedClock();
        var loop = new FixedRateLoop(clock, 500);
        var periods = new List<double>();
        loop.Run((k, dt, _) => periods.Add(dt), CancellationToken.None, 5);
        Assert.All(periods, p => Assert.Equal(0.002, p, 9));
    }

    [Fact]
    public void RateIsValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedRateLoop(new SimulatedClock(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedRateLoop(new SimulatedClock(), 50_000));
    }
}
