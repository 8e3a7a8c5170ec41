namespace Robot.Firmware.Loop;

/// <summary>
/// Runs a tick at absolute deadlines start + k * period (no drift from accumulated sleeps). A tick
/// that ends after the next deadline is an overrun: the loop skips the deadlines it missed rather
/// than bursting to catch up, and tells the next tick so (the supervisor counts overruns).
/// </summary>
public sealed class FixedRateLoop(ILoopClock clock, double rateHz)
{
    public long PeriodNanoseconds { get; } = rateHz is >= 1 and <= 10_000
        ? (long)Math.Round(1e9 / rateHz)
        : throw new ArgumentOutOfRangeException(nameof(rateHz), "the loop rate must be 1 Hz to 10 kHz");

    public LoopTiming Timing { get; } = new();

    /// <summary>How late the current tick started after its deadline, ns (read it inside the tick).</summary>
    public long CurrentLatenessNanoseconds { get; private set; }

    /// <summary>
    /// Runs until <paramref name="cancel"/> or <paramref name="maxTicks"/> ticks. The tick gets the
    /// tick index, the measured period since the previous tick (s) and whether the previous tick overran.
    /// </summary>
    public void Run(Action<long, double, bool> tick, CancellationToken cancel, long maxTicks = long.MaxValue)
    {
        long start = clock.NowNanoseconds;
        long deadline = start + PeriodNanoseconds;
        long previousStart = start;
        bool overran = false;
        for (long k = 0; k < maxTicks && !cancel.IsCancellationRequested; k++)
        {
            clock.WaitUntil(deadline);
            long begin = clock.NowNanoseconds;
            CurrentLatenessNanoseconds = begin - deadline;
            tick(k, (begin - previousStart) / 1e9, overran);
            long end = clock.NowNanoseconds;
            previousStart = begin;
            overran = end > deadline + PeriodNanoseconds;
            Timing.Record(begin - deadline, end - begin, overran);
            deadline += PeriodNanoseconds;
            if (end > deadline) deadline += ((end - deadline) / PeriodNanoseconds + 1) * PeriodNanoseconds; // to the next deadline still ahead
        }
    }
}
