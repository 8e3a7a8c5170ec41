using System.Globalization;
using System.Numerics;
using Robot.Observation;

namespace Robot.Firmware.Safety;

/// <summary>
/// The one place every check reports into (the shape of ODrive's error bits): a fault stays set
/// until an explicit clear, simultaneous faults are all kept, and the first one is remembered.
/// Safe to report from the loop, the watchdog and the process's exit handlers at once. Reporting a
/// fault already set costs nothing and allocates nothing: the detail is formatted only the first time.
/// </summary>
public sealed class FaultSet
{
    readonly Fault[] _details = new Fault[64];
    long _active;
    Fault _first;

    public FaultCause Active => (FaultCause)Volatile.Read(ref _active);
    public bool Any => Volatile.Read(ref _active) != 0;
    public bool Has(FaultCause cause) => (Volatile.Read(ref _active) & (long)cause) != 0;

    /// <summary>The first fault since the last clear (default when none).</summary>
    public Fault First => Volatile.Read(ref _active) == 0 ? default : _first;

    /// <summary>
    /// Sets <paramref name="cause"/>; returns true if it was not set before. The detail is
    /// string.Format(format, value, limit), invariant culture, built only then.
    /// </summary>
    public bool Report(FaultCause cause, double time, string format, double value = double.NaN, double limit = double.NaN)
    {
        long bit = (long)cause;
        if ((Volatile.Read(ref _active) & bit) != 0) return false;
        var fault = new Fault(cause, time, string.Format(CultureInfo.InvariantCulture, format, value, limit));
        _details[BitOperations.TrailingZeroCount(bit)] = fault;
        long before = Interlocked.Or(ref _active, bit);
        if ((before & bit) != 0) return false;
        if (before == 0) _first = fault;
        return true;
    }

    /// <summary>The detail of one set fault.</summary>
    public Fault Detail(FaultCause cause) => Has(cause) ? _details[BitOperations.TrailingZeroCount((long)cause)] : default;

    /// <summary>Every set fault, oldest first (allocates: for display and reports, never the loop).</summary>
    public IReadOnlyList<Fault> List()
    {
        long active = Volatile.Read(ref _active);
        var list = new List<Fault>();
        for (int i = 0; i < 64; i++)
            if ((active & (1L << i)) != 0) list.Add(_details[i]);
        return list.OrderBy(f => f.Time).ToList();
    }

    /// <summary>The acknowledgement: every fault cleared.</summary>
    public void Clear() => Interlocked.Exchange(ref _active, 0);
}
