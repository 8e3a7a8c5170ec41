using Robot.Observation;
using Robot.Firmware.Safety;
using System.Globalization;
using System.Text;

namespace Robot.Firmware.Telemetry;

/// <summary>
/// Drains the telemetry ring on its own thread into a CSV file (one row per tick), so the loop
/// thread never touches the disk. Keeps the newest record for the console status line. A write
/// that fails (a full SD card, a removed drive) stops the writing, keeps the error in
/// <see cref="Failure"/> and calls the failure callback once, on this thread: the run decides what it means.
/// </summary>
public sealed class TelemetryWriter : IDisposable
{
    /// <summary>The columns as the contract names them (<see cref="TelemetrySchema"/>); <see cref="Format"/> writes them in that order.</summary>
    public static string Header => TelemetrySchema.Header;

    readonly TelemetryRing _ring;
    readonly TelemetryFiles? _files;
    TextWriter? _output;
    long _segmentBytes;
    readonly Thread _thread;
    readonly CancellationTokenSource _stop = new();
    TickRecord _latest;
    long _written;

    readonly Action<Exception>? _onFailure;
    readonly LiveTelemetry? _live;
    readonly Action<TickRecord>? _keep;

    /// <param name="output">Where the CSV goes (the writer owns it), or null to only follow the newest record.</param>
    /// <param name="live">Also feeds every drained record to this live view (the ground station's).</param>
    public TelemetryWriter(TelemetryRing ring, Stream? output, Action<Exception>? onFailure = null, LiveTelemetry? live = null)
        : this(ring, output is null ? null : TelemetryFiles.Of(output), onFailure, live)
    {
    }

    /// <param name="files">Where the CSV goes, rotated by size if they say so; null to only follow the newest record.</param>
    /// <param name="keep">Given every record on the writer's thread (the HIL rig keeps them all for its verdict), or null.</param>
    public TelemetryWriter(TelemetryRing ring, TelemetryFiles? files, Action<Exception>? onFailure = null, LiveTelemetry? live = null, Action<TickRecord>? keep = null)
    {
        _ring = ring;
        _live = live;
        _keep = keep;
        _onFailure = onFailure;
        _files = files;
        if (files is not null) _output = Begin(files.OpenFirst());
        _thread = new Thread(Drain) { IsBackground = true, Name = "telemetry", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>
    /// The newest record drained, for the console status line. Read from another thread it may
    /// mix fields of two consecutive records: fine for display, never used for decisions.
    /// </summary>
    public TickRecord Latest => Volatile.Read(ref _written) == 0 ? default : _latest;
    public long Written => Volatile.Read(ref _written);

    /// <summary>Why writing stopped, or null.</summary>
    public Exception? Failure { get; private set; }

    void Drain()
    {
        try
        {
            DrainUntilStopped();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            Failure = e;
            _onFailure?.Invoke(e);
        }
    }

    void DrainUntilStopped()
    {
        var line = new StringBuilder(256);
        while (true)
        {
            bool any = false;
            while (_ring.TryRead(out var record))
            {
                any = true;
                _latest = record;
                Interlocked.Increment(ref _written);
                _live?.Offer(record);
                _keep?.Invoke(record);
                if (_output is null) continue;
                line.Clear();
                Format(line, record);
                _output.WriteLine(line);
                _segmentBytes += line.Length + 1; // ASCII: a character a byte
                if (_segmentBytes >= _files!.MaxBytes)
                {
                    _output.Dispose();
                    _output = Begin(_files.OpenNext());
                }
            }
            if (_stop.IsCancellationRequested && !any) break;
            if (!any) Thread.Sleep(10);
        }
        _output?.Flush();
    }

    /// <summary>A new file's writer, its header written.</summary>
    TextWriter Begin(Stream stream)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Header);
        _segmentBytes = Header.Length + 1;
        return writer;
    }

    static readonly string[] StateNames = Enum.GetNames<SupervisorState>();

    /// <summary>One CSV row, invariant culture, formatted straight into the builder (no string per value: the writer allocates nothing per row).</summary>
    public static void Format(StringBuilder line, in TickRecord r)
    {
        var c = CultureInfo.InvariantCulture;
        line.Append(c, $"{r.Tick},{r.Time:F6},{r.AccelForward},{r.AccelUp},{r.GyroPitch},{r.Encoder},")
            .Append(c, $"{r.Pitch:G7},{r.PitchRate:G7},{r.Position:G7},{r.Velocity:G7},{r.Action:G7},{r.Duty:G7},")
            .Append(c, $"{r.LatenessMicroseconds:F1},{r.ComputeMicroseconds:F1},").Append(StateNames[(int)r.State]).Append(',');
        if (!float.IsNaN(r.BatteryVolts)) line.Append(c, $"{r.BatteryVolts:F3}");
        line.Append(',');
        if (!float.IsNaN(r.BatteryAmps)) line.Append(c, $"{r.BatteryAmps:F3}");
        line.Append(',');
        FaultNames.AppendTo(line, r.FaultSet).Append(',').Append(c, $"{r.TargetVelocity:G7}");
    }

    /// <summary>Drains what is left, flushes and closes the file.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        try
        {
            _output?.Dispose();
        }
        catch (IOException) when (Failure is not null)
        {
            // The disk already refused: the failure was reported when it happened.
        }
        _stop.Dispose();
    }
}
