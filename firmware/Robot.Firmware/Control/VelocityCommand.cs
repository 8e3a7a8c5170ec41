using Robot.Observation;

namespace Robot.Firmware.Control;

/// <summary>
/// The forward velocity someone asks the robot to drive at (the ground station's joystick), set from
/// any thread without allocating, read by the loop without locking or waiting. A dead-man rule: a command counts
/// for <see cref="DeadManSeconds"/> after it was sent on the loop's clock; when the sender goes quiet
/// (tab closed, Wi-Fi lost) the target is 0 again and the robot balances where it is. A speed
/// outside the envelope is refused, never clamped.
/// </summary>
public sealed class VelocityCommand
{
    /// <summary>How long a command holds without a fresh one, s.</summary>
    public const double DeadManSeconds = 0.3;
    const long DeadManNanoseconds = (long)(DeadManSeconds * 1e9);

    /// <summary>
    /// Setpoints live in a few slots made once, so setting one allocates nothing. A writer (under the
    /// lock) marks a slot unfinished, fills it, stamps it with its sequence number and then publishes
    /// that number; the loop reads the published slot without waiting, and a slot whose stamp changed
    /// under it (only if writers lapped all the slots meanwhile) reads as no command: target 0.
    /// </summary>
    struct Slot
    {
        public double Speed;
        public long SentAt;
        public long Sequence;
    }

    const int Slots = 8;
    const long None = -1;
    readonly Slot[] _slots = new Slot[Slots];
    readonly object _write = new();
    long _sequence; // the last one given out
    long _published = None;

    /// <summary>Why <paramref name="speed"/> cannot be commanded, or null when it can.</summary>
    public static string? Problem(double speed) =>
        !double.IsFinite(speed) ? "the velocity is not a finite number"
        : Math.Abs(speed) > VelocityReference.MaxSpeed ? $"velocity {speed:F3} m/s is outside the envelope of +-{VelocityReference.MaxSpeed} m/s"
        : null;

    /// <summary>Commands <paramref name="speed"/> m/s from <paramref name="nowNanoseconds"/> (the loop clock's time); false (nothing changes) when <see cref="Problem"/> refuses it.</summary>
    public bool TrySet(double speed, long nowNanoseconds)
    {
        if (Problem(speed) is not null) return false;
        lock (_write)
        {
            long sequence = ++_sequence;
            ref var slot = ref _slots[sequence % Slots];
            Interlocked.Exchange(ref slot.Sequence, None); // unfinished, before either field changes
            slot.Speed = speed;
            slot.SentAt = nowNanoseconds;
            Volatile.Write(ref slot.Sequence, sequence); // after both fields
            Volatile.Write(ref _published, sequence);
        }
        return true;
    }

    /// <summary>Back to 0 at once (the stop button, a disarm).</summary>
    public void Stop()
    {
        lock (_write) Volatile.Write(ref _published, None);
    }

    /// <summary>The target at <paramref name="nowNanoseconds"/>: the last command while it is fresh, else 0.</summary>
    public double TargetAt(long nowNanoseconds)
    {
        long sequence = Volatile.Read(ref _published);
        if (sequence == None) return 0;
        ref var slot = ref _slots[sequence % Slots];
        if (Volatile.Read(ref slot.Sequence) != sequence) return 0;
        double speed = Volatile.Read(ref slot.Speed);
        long sentAt = Volatile.Read(ref slot.SentAt);
        if (Volatile.Read(ref slot.Sequence) != sequence) return 0; // rewritten while read
        return nowNanoseconds - sentAt <= DeadManNanoseconds ? speed : 0;
    }
}
