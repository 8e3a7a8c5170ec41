using Robot.Firmware.Loop;

namespace Robot.Firmware.Testing;

/// <summary>
/// Simulated time: waiting jumps the clock to the deadline at once; <see cref="Advance"/> models
/// time spent computing or blocked on a bus. Timers (<see cref="Every"/>) fire at their due times
/// inside any advance, with the clock showing that time, as an independent thread would: a device
/// that blocks for a second still sees the watchdog act after a few milliseconds of it.
/// </summary>
public sealed class SimulatedClock : ILoopClock
{
    readonly List<Timer> _timers = [];

    public long NowNanoseconds { get; private set; }

    /// <summary>Called with the old and new time whenever time moves, so the simulation can integrate up to it.</summary>
    public event Action<long, long>? Moved;

    public void WaitUntil(long deadlineNanoseconds)
    {
        if (deadlineNanoseconds > NowNanoseconds) Advance(deadlineNanoseconds - NowNanoseconds);
    }

    public void Advance(long nanoseconds)
    {
        if (nanoseconds < 0) throw new ArgumentOutOfRangeException(nameof(nanoseconds));
        long target = NowNanoseconds + nanoseconds;
        while (true)
        {
            Timer? next = null;
            foreach (var timer in _timers)
                if (timer.Due <= target && (next is null || timer.Due < next.Due)) next = timer;
            if (next is null) break;
            MoveTo(Math.Max(NowNanoseconds, next.Due));
            next.Due += next.Period;
            next.Callback(NowNanoseconds);
        }
        MoveTo(target);
    }

    public IDisposable Every(long periodNanoseconds, Action<long> callback)
    {
        if (periodNanoseconds <= 0) throw new ArgumentOutOfRangeException(nameof(periodNanoseconds));
        var timer = new Timer(this, periodNanoseconds, callback) { Due = NowNanoseconds + periodNanoseconds };
        _timers.Add(timer);
        return timer;
    }

    void MoveTo(long time)
    {
        if (time == NowNanoseconds) return;
        long old = NowNanoseconds;
        NowNanoseconds = time;
        Moved?.Invoke(old, NowNanoseconds);
    }

    sealed class Timer(SimulatedClock clock, long period, Action<long> callback) : IDisposable
    {
        public long Due;
        public long Period => period;
        public Action<long> Callback => callback;
        public void Dispose() => clock._timers.Remove(this);
    }
}
