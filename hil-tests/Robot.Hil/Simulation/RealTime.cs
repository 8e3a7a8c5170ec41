using Robot.Firmware.Loop;

namespace Robot.Hil.Simulation;

/// <summary>Wall-clock time, as the firmware's <see cref="StopwatchClock"/> sees it; time spent is busy-waited.</summary>
public sealed class RealTime(StopwatchClock clock) : ISimulationTime
{
    readonly long _origin = clock.NowNanoseconds;

    /// <summary>Nanoseconds since the rig started (the plant starts at 0 too).</summary>
    public long NowNanoseconds => clock.NowNanoseconds - _origin;

    public void Spend(long nanoseconds)
    {
        long until = clock.NowNanoseconds + nanoseconds;
        if (nanoseconds > 2_000_000) Thread.Sleep(TimeSpan.FromTicks((nanoseconds - 1_000_000) / 100)); // a long stall blocks, as a held bus does
        while (clock.NowNanoseconds < until) Thread.SpinWait(10);
    }
}
