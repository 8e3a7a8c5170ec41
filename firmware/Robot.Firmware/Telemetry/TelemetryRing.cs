namespace Robot.Firmware.Telemetry;

/// <summary>
/// Single-producer, single-consumer lock-free ring: the loop thread writes tick records without
/// blocking or allocating; a logger thread drains them to disk. When the logger falls behind,
/// new records are dropped (and counted) rather than ever stalling the loop.
/// </summary>
public sealed class TelemetryRing
{
    readonly TickRecord[] _items;
    readonly int _mask;
    long _head; // next slot to write (producer only)
    long _tail; // next slot to read (consumer only)
    long _dropped;

    public TelemetryRing(int capacityPowerOfTwo = 4096)
    {
        if (capacityPowerOfTwo < 2 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), "capacity must be a power of two");
        _items = new TickRecord[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public int Capacity => _items.Length;
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Producer side (the loop thread). False when full: the record is dropped.</summary>
    public bool TryWrite(in TickRecord record)
    {
        long head = _head;
        if (head - Volatile.Read(ref _tail) >= _items.Length)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }
        _items[head & _mask] = record;
        Volatile.Write(ref _head, head + 1); // publish after the record is in place
        return true;
    }

    /// <summary>Consumer side (the logger thread).</summary>
    public bool TryRead(out TickRecord record)
    {
        long tail = _tail;
        if (tail >= Volatile.Read(ref _head))
        {
            record = default;
            return false;
        }
        record = _items[tail & _mask];
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }
}
