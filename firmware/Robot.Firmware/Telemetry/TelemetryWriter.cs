using System.Globalization;
using System.Text;

namespace Robot.Firmware.Telemetry;

/// <summary>
/// Drains the telemetry ring on its own thread into a CSV file (one row per tick), so the loop
/// thread never touches the disk. Keeps the newest record for the console status line.
/// </summary>
public sealed class TelemetryWriter : IDisposable
{
    public const string Header =
        "tick,time_s,accel_forward,accel_up,gyro_pitch,encoder,pitch_rad,pitch_rate_rad_s,position_m,velocity_m_s,action,duty,lateness_us,compute_us,state,battery_v";

    readonly TelemetryRing _ring;
    readonly TextWriter? _output;
    readonly Thread _thread;
    readonly CancellationTokenSource _stop = new();
    TickRecord _latest;
    long _written;

    /// <param name="path">CSV file to write, or null to only follow the newest record.</param>
    public TelemetryWriter(TelemetryRing ring, string? path)
    {
        _ring = ring;
        if (path is not null)
        {
            _output = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
            _output.WriteLine(Header);
        }
        _thread = new Thread(Drain) { IsBackground = true, Name = "telemetry", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>
    /// The newest record drained, for the console status line. Read from another thread it may
    /// mix fields of two consecutive records: fine for display, never used for decisions.
    /// </summary>
    public TickRecord Latest => Volatile.Read(ref _written) == 0 ? default : _latest;
    public long Written => Volatile.Read(ref _written);

    void Drain()
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
                if (_output is null) continue;
                line.Clear();
                Format(line, record);
                _output.WriteLine(line);
            }
            if (_stop.IsCancellationRequested && !any) break;
            if (!any) Thread.Sleep(10);
        }
        _output?.Flush();
    }

    /// <summary>One CSV row, invariant culture.</summary>
    public static void Format(StringBuilder line, in TickRecord r)
    {
        var c = CultureInfo.InvariantCulture;
        line.Append(r.Tick).Append(',').Append(r.Time.ToString("F6", c)).Append(',')
            .Append(r.AccelForward).Append(',').Append(r.AccelUp).Append(',').Append(r.GyroPitch).Append(',').Append(r.Encoder).Append(',')
            .Append(r.Pitch.ToString("G7", c)).Append(',').Append(r.PitchRate.ToString("G7", c)).Append(',')
            .Append(r.Position.ToString("G7", c)).Append(',').Append(r.Velocity.ToString("G7", c)).Append(',')
            .Append(r.Action.ToString("G7", c)).Append(',').Append(r.Duty.ToString("G7", c)).Append(',')
            .Append(r.LatenessMicroseconds.ToString("F1", c)).Append(',').Append(r.ComputeMicroseconds.ToString("F1", c)).Append(',')
            .Append(r.State.ToString()).Append(',').Append(float.IsNaN(r.BatteryVolts) ? "" : r.BatteryVolts.ToString("F3", c));
    }

    /// <summary>Drains what is left, flushes and closes the file.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _output?.Dispose();
        _stop.Dispose();
    }
}
