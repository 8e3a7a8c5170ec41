using Robot.Firmware.Loop;

namespace Robot.Firmware.Testing;

/// <summary>
/// Simulated time: waiting jumps the clock to the deadline at once; <see cref="Advance"/> models
/// time spent computing. Optional callbacks let a simulated world (the plant) follow the clock.
/// </summary>
public sealed class SimulatedClock : ILoopClock
{
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
        long old = NowNanoseconds;
        NowNanoseconds += nanoseconds;
        Moved?.Invoke(old, NowNanoseconds);
    }
}
