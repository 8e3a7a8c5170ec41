using System.Diagnostics;

namespace Robot.Firmware.Loop;

/// <summary>
/// The real clock: sleeps until shortly before the deadline, then spins to it. Linux timer slack
/// makes a plain sleep (or PeriodicTimer) late by 50 us to over a millisecond; the spin absorbs it.
/// </summary>
public sealed class StopwatchClock(long spinNanoseconds = 300_000) : ILoopClock
{
    static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    public long NowNanoseconds => (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick);

    public void WaitUntil(long deadlineNanoseconds)
    {
        long remaining = deadlineNanoseconds - NowNanoseconds;
        if (remaining > spinNanoseconds) Thread.Sleep(TimeSpan.FromTicks((remaining - spinNanoseconds) / 100));
        while (NowNanoseconds < deadlineNanoseconds) Thread.SpinWait(20);
    }
}
