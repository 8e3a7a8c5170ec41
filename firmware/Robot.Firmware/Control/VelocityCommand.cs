using Robot.Observation;

namespace Robot.Firmware.Control;

/// <summary>
/// The forward velocity someone asks the robot to drive at (the ground station's joystick), set from
/// any thread, read by the loop without locking or allocating. A dead-man rule: a command counts
/// for <see cref="DeadManSeconds"/> after it was sent on the loop's clock; when the sender goes quiet
/// (tab closed, Wi-Fi lost) the target is 0 again and the robot balances where it is. A speed
/// outside the envelope is refused, never clamped.
/// </summary>
public sealed class VelocityCommand
{
    /// <summary>How long a command holds without a fresh one, s.</summary>
    public const double DeadManSeconds = 0.3;
    const long DeadManNanoseconds = (long)(DeadManSeconds * 1e9);

    sealed record Setpoint(double Speed, long SentAt);

    volatile Setpoint? _current;

    /// <summary>Why <paramref name="speed"/> cannot be commanded, or null when it can.</summary>
    public static string? Problem(double speed) =>
        !double.IsFinite(speed) ? "the velocity is not a finite number"
        : Math.Abs(speed) > VelocityReference.MaxSpeed ? $"velocity {speed:F3} m/s is outside the envelope of +-{VelocityReference.MaxSpeed} m/s"
        : null;

    /// <summary>Commands <paramref name="speed"/> m/s from <paramref name="nowNanoseconds"/> (the loop clock's time); false (nothing changes) when <see cref="Problem"/> refuses it.</summary>
    public bool TrySet(double speed, long nowNanoseconds)
    {
        if (Problem(speed) is not null) return false;
        _current = new Setpoint(speed, nowNanoseconds);
        return true;
    }

    /// <summary>Back to 0 at once (the stop button, a disarm).</summary>
    public void Stop() => _current = null;

    /// <summary>The target at <paramref name="nowNanoseconds"/>: the last command while it is fresh, else 0.</summary>
    public double TargetAt(long nowNanoseconds) =>
        _current is { } c && nowNanoseconds - c.SentAt <= DeadManNanoseconds ? c.Speed : 0;
}
