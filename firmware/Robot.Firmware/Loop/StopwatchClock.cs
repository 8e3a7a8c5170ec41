using System.Diagnostics;

namespace Robot.Firmware.Loop;

/// <summary>
/// The real clock: sleeps until shortly before the deadline, then spins to it. Linux timer slack
/// makes a plain sleep (or PeriodicTimer) late by 50 us to over a millisecond; the spin absorbs it.
/// </summary>
/// <param name="timerPriority">The SCHED_FIFO priority of <see cref="Every"/>'s timer threads (the watchdog's), 0 for normal scheduling.</param>
public sealed class StopwatchClock(long spinNanoseconds = 300_000, int timerPriority = 0) : ILoopClock
{
    static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    public long NowNanoseconds => (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick);

    public void WaitUntil(long deadlineNanoseconds)
    {
        long remaining = deadlineNanoseconds - NowNanoseconds;
        if (remaining > spinNanoseconds) Thread.Sleep(TimeSpan.FromTicks((remaining - spinNanoseconds) / 100));
        while (NowNanoseconds < deadlineNanoseconds) Thread.SpinWait(20);
    }

    /// <summary>A thread of the highest priority that sleeps the period between calls (a late call is only later, never skipped).</summary>
    public IDisposable Every(long periodNanoseconds, Action<long> callback) => new TimerThread(this, periodNanoseconds, callback, timerPriority);

    sealed class TimerThread : IDisposable
    {
        readonly Thread _thread;
        volatile bool _stopped;

        public TimerThread(StopwatchClock clock, long period, Action<long> callback, int priority)
        {
            var wait = TimeSpan.FromTicks(Math.Max(1, period / 100));
            _thread = new Thread(() =>
            {
                // A plain sleep, never a wait that spins first: at a real-time priority a spinning
                // timer would take the loop's core every period.
                using var realTime = RealTimeScheduling.Enter(priority, out _);
                while (true)
                {
                    Thread.Sleep(wait);
                    if (_stopped) return;
                    callback(clock.NowNanoseconds);
                }
            }) { IsBackground = true, Name = "watchdog", Priority = ThreadPriority.Highest };
            _thread.Start();
        }

        public void Dispose()
        {
            _stopped = true;
            _thread.Join();
        }
    }
}
