namespace Robot.Firmware.Telemetry;

/// <summary>
/// The last few seconds of telemetry, thinned out, for live views (the ground station's plots). Fed
/// by whatever drains the telemetry ring (the writer thread, never the loop), one record in every
/// <see cref="Every"/>; read by any number of viewers, each asking for what came after the last
/// sequence number it saw. The lock is shared only by the feeder and the viewers.
/// </summary>
public sealed class LiveTelemetry
{
    readonly TickRecord[] _items;
    readonly object _lock = new();
    long _next; // sequence number of the next record kept
    long _offered;

    /// <param name="every">Keep one record in this many (1 kHz / 20 = 50 per second).</param>
    /// <param name="capacity">Records kept for viewers that fall behind.</param>
    public LiveTelemetry(int every = 20, int capacity = 1024)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), "keep at least one record in every 1");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Every = every;
        _items = new TickRecord[capacity];
    }

    public int Every { get; }

    /// <summary>Records kept for viewers that fall behind (the most one <see cref="CopySince"/> appends).</summary>
    public int Capacity => _items.Length;

    /// <summary>The sequence number the next kept record will have.</summary>
    public long Next { get { lock (_lock) return _next; } }

    /// <summary>Feeder side: every record drained from the ring; one in <see cref="Every"/> is kept.</summary>
    public void Offer(in TickRecord record)
    {
        if (_offered++ % Every != 0) return;
        lock (_lock)
        {
            _items[_next % _items.Length] = record;
            _next++;
        }
    }

    /// <summary>Viewer side: appends the records kept from sequence number <paramref name="since"/> on (those still held); returns the next one to ask for.</summary>
    public long CopySince(long since, List<TickRecord> into)
    {
        lock (_lock)
        {
            long from = Math.Max(since, _next - _items.Length);
            for (long k = Math.Max(from, 0); k < _next; k++) into.Add(_items[k % _items.Length]);
            return _next;
        }
    }
}
