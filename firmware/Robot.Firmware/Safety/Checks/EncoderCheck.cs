using Robot.Firmware.Devices.As5600;
using Robot.Observation;

namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Judges each encoder read: consecutive failures, and while the policy drives, a count no wheel can
/// reach (a glitch, rejected like a failed read): the wheel's speed is bounded, and so is its
/// acceleration, so the count must lie near where the last good steps were heading.
/// While not driving, the reference follows every read, so one garbage read cannot lock the robot
/// out. Also judges the magnet status, read every few ticks: a magnet lost while running is a fault.
/// A run of implausible reads that land on the mirror image of where the wheel was heading is no
/// glitch but an encoder counting backward from then on (the AS5600's direction input changed):
/// direction_mismatch, before the run of failures is long enough to be called one.
/// </summary>
public sealed class EncoderCheck(SupervisorLimits limits)
{
    /// <summary>
    /// Fastest plausible wheel turn relative to the body, rad/s (the motor's no-load speed at full
    /// battery is about 42): a step beyond it in one tick is a glitch.
    /// </summary>
    public const double MaxWheelRate = 60;

    /// <summary>
    /// Fastest plausible change of wheel speed, rad/s^2: the motor's stall torque (about 1.4 N m) on
    /// the wheel alone, with margin. A count further from the extrapolated one than this allows is a glitch.
    /// </summary>
    public const double MaxWheelAcceleration = 2000;

    /// <summary>Quantization and timing jitter allowance, counts.</summary>
    public const int SlackCounts = 8;

    /// <summary>Consecutive reads on the mirror image that make a reversed encoder (one could be a glitch landing there).</summary>
    public const int MirrorReadsToJudge = 2;

    int _reference = -1, _failures, _mirrorReads;
    double _lastRate, _lastGoodTime; // counts per second of the last good step; when the last good read returned, s

    /// <summary>The last count judged good (-1 before the first).</summary>
    public int Reference => _reference;

    /// <param name="readTime">When this read returned, s. Steps are judged by the real time since the last good read,
    /// not the loop's period: a late tick (a loaded machine, a stalled transfer) finds the wheel further on, and that is no glitch.</param>
    public bool Check(double readTime, bool readOk, ushort count, bool tracking, bool armed, FaultSet faults)
    {
        double elapsed = Math.Max(readTime - _lastGoodTime, 1e-4);
        bool usable = readOk && (!tracking || _reference < 0 || Plausible(count, elapsed));
        if (usable)
        {
            if (_reference >= 0) _lastRate = As5600Scale.ShortestStep(count - _reference) / elapsed;
            _failures = 0;
            _mirrorReads = 0;
            _lastGoodTime = readTime;
            _reference = count;
            return true;
        }
        _failures++;
        _mirrorReads = readOk && tracking && Mirrored(count, elapsed) ? _mirrorReads + 1 : 0;
        if (armed && _mirrorReads >= MirrorReadsToJudge)
            faults.Report(FaultCause.DirectionMismatch, readTime,
                "the encoder jumped to the mirror image of the wheel's angle ({0:F0} reads in a row): it counts backward (the AS5600's DIR input?)", _mirrorReads);
        if (armed && _failures >= limits.MaxConsecutiveReadFailures)
            faults.Report(FaultCause.EncoderReadFailures, readTime, readOk
                ? "{0} consecutive encoder reads failed or implausible (last step beyond {1:F0} rad/s)"
                : "{0} consecutive encoder reads failed", _failures, MaxWheelRate);
        return false;
    }

    /// <summary>The STATUS register's verdict (null when the read failed: the angle reads judge the bus).</summary>
    public void CheckMagnet(double time, MagnetStatus? status, bool armed, FaultSet faults)
    {
        if (armed && status is MagnetStatus s && ((s & MagnetStatus.Detected) == 0 || (s & MagnetStatus.TooWeak) != 0))
            faults.Report(FaultCause.MagnetLost, time, "encoder magnet lost or too weak (status {0:F0})", (int)s);
    }

    /// <summary>Judged in time, not ticks: a late tick (a loaded machine, a slow transfer) moves the wheel further, and that is fine.</summary>
    bool Plausible(ushort count, double elapsed)
    {
        const double countsPerRadian = As5600Scale.CountsPerTurn / (2 * Math.PI);
        int step = As5600Scale.ShortestStep(count - _reference);
        if (Math.Abs(step) > MaxWheelRate * elapsed * countsPerRadian + SlackCounts) return false;
        double surprise = Math.Abs(step - _lastRate * elapsed);
        return surprise <= 0.5 * MaxWheelAcceleration * elapsed * elapsed * countsPerRadian + SlackCounts;
    }

    /// <summary>The count lies where the mirror image of the wheel's expected angle (counting backward from 0) would be.</summary>
    bool Mirrored(ushort count, double elapsed)
    {
        const double countsPerRadian = As5600Scale.CountsPerTurn / (2 * Math.PI);
        double expected = _reference + _lastRate * elapsed;
        double miss = As5600Scale.ShortestStep((int)Math.Round(count + expected) & (As5600Scale.CountsPerTurn - 1));
        return Math.Abs(miss) <= 0.5 * MaxWheelAcceleration * elapsed * elapsed * countsPerRadian + SlackCounts;
    }

    /// <summary>At arming: no failures, no speed carried over; the reference and its time stay (every read before updated them).</summary>
    public void Reset()
    {
        _failures = 0;
        _mirrorReads = 0;
        _lastRate = 0;
    }
}
