using Robot.Firmware.Devices.Mpu6050;
using Robot.Observation;

namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Judges each IMU read: consecutive failed reads, a gap in time without a good sample (whatever
/// the bus did meanwhile), frozen data, a saturated accelerometer or no gravity (also what a chip
/// that reset mid-run reads: zeros), and a saturated gyroscope. Reports only while armed; keeps
/// its counters always.
/// </summary>
public sealed class ImuCheck(SupervisorLimits limits)
{
    /// <summary>Identical raw samples in a row that count as a frozen sensor (real samples always carry noise).</summary>
    public const int FrozenAfter = 20;

    /// <summary>This tick's raw sample equals the last one: a sensor that may be frozen, whose stillness proves nothing.</summary>
    public bool Repeating => _same > 0;

    Mpu6050Sample _last;
    int _same, _failures, _gyroSaturated;
    double _lastGood = double.NaN;

    /// <summary>Judges one read at <paramref name="time"/> (when the read returned); returns whether the sample may be used.</summary>
    public bool Check(double time, bool readOk, in Mpu6050Sample raw, short forward, short up, short pitchRate, bool armed, FaultSet faults)
    {
        // The gap is judged before this read counts: a read that returns after a long stall does not hide it.
        if (armed && !double.IsNaN(_lastGood) && time - _lastGood > limits.ImuBlindSeconds)
            faults.Report(FaultCause.ImuStale, time, "no good IMU sample for {0:F3} s (limit {1:F3} s)", time - _lastGood, limits.ImuBlindSeconds);
        if (!readOk)
        {
            _failures++;
            if (armed && _failures >= limits.MaxConsecutiveReadFailures)
                faults.Report(FaultCause.ImuReadFailures, time, "{0} consecutive IMU read failures", _failures);
            return false;
        }
        _failures = 0;
        _same = raw == _last ? _same + 1 : 0;
        _last = raw;
        _gyroSaturated = pitchRate is short.MaxValue or short.MinValue ? _gyroSaturated + 1 : 0;
        bool usable = true;
        if (_same >= FrozenAfter)
        {
            usable = false;
            if (armed) faults.Report(FaultCause.ImuFrozen, time, "IMU data identical for {0} samples", _same);
        }
        if (up is short.MaxValue or short.MinValue || up <= 0 && forward is > -1000 and < 1000)
        {
            usable = false;
            if (armed) faults.Report(FaultCause.ImuOutOfRange, time, "accelerometer saturated or no gravity (up {0} counts)", up);
        }
        if (_gyroSaturated >= limits.GyroSaturatedSamples)
        {
            usable = false;
            if (armed) faults.Report(FaultCause.GyroSaturated, time, "gyroscope at full scale for {0} samples", _gyroSaturated);
        }
        if (usable) _lastGood = time;
        return usable;
    }

    /// <summary>
    /// Forgets the history (on arming): the blind-time clock starts at <paramref name="now"/>, so a slow
    /// tick before arming (the first ticks compile their code) is not taken for a gap.
    /// </summary>
    public void Reset(double now)
    {
        _same = _failures = _gyroSaturated = 0;
        _lastGood = now;
    }
}
