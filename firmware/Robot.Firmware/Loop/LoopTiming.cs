namespace Robot.Firmware.Loop;

/// <summary>
/// Tick timing kept without allocating: lateness (start minus deadline) and compute time of the
/// last N ticks in preallocated rings, plus counters. Percentiles are computed on demand, off the
/// loop thread, from a copy into one scratch array made once (readers take turns), so asking for
/// them (the status line, every station request) allocates nothing either.
/// </summary>
public sealed class LoopTiming(int window = 8192)
{
    readonly long[] _lateness = new long[window];
    readonly long[] _compute = new long[window];
    readonly long[] _scratch = new long[window];
    long _ticks;

    public long Ticks => Interlocked.Read(ref _ticks);
    public long Overruns { get; private set; }
    public long MaxLatenessNanoseconds { get; private set; }
    public long MaxComputeNanoseconds { get; private set; }

    public void Record(long latenessNanoseconds, long computeNanoseconds, bool overrun)
    {
        int slot = (int)(_ticks % _lateness.Length);
        _lateness[slot] = latenessNanoseconds;
        _compute[slot] = computeNanoseconds;
        if (latenessNanoseconds > MaxLatenessNanoseconds) MaxLatenessNanoseconds = latenessNanoseconds;
        if (computeNanoseconds > MaxComputeNanoseconds) MaxComputeNanoseconds = computeNanoseconds;
        if (overrun) Overruns++;
        Interlocked.Increment(ref _ticks);
    }

    /// <summary>p50, p99 and max of the lateness in the window, in microseconds.</summary>
    public (double P50, double P99, double Max) LatenessMicroseconds() => Percentiles(_lateness);

    /// <summary>p50, p99 and max of the compute time in the window, in microseconds.</summary>
    public (double P50, double P99, double Max) ComputeMicroseconds() => Percentiles(_compute);

    static double At(Span<long> sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] / 1000.0;

    (double, double, double) Percentiles(long[] ring)
    {
        int n = (int)Math.Min(Ticks, ring.Length);
        if (n == 0) return (double.NaN, double.NaN, double.NaN);
        lock (_scratch)
        {
            var copy = _scratch.AsSpan(0, n);
            ring.AsSpan(0, n).CopyTo(copy);
            copy.Sort();
            return (At(copy, 0.5), At(copy, 0.99), copy[^1] / 1000.0);
        }
    }
}
