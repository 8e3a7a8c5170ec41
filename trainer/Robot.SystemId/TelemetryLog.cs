using System.Globalization;
using Robot.Cli;
using Robot.Observation;

namespace Robot.SystemId;

/// <summary>
/// A log the firmware wrote (robot-firmware run --telemetry, identify --out): per tick its time, the
/// raw encoder count, the duty applied, the supervisor state and the battery monitor's volts and
/// amps. Only the columns identification needs are kept; the header names them, so a log from a
/// firmware with more columns still reads.
/// </summary>
public sealed class TelemetryLog
{
    public required string Path { get; init; }
    public required long[] Tick { get; init; }
    public required double[] Time { get; init; }
    public required int[] Encoder { get; init; }
    public required double[] Duty { get; init; }
    public required string[] State { get; init; }
    public required double[] BatteryVolts { get; init; }
    public required double[] BatteryAmps { get; init; }
    public required double[] GyroPitch { get; init; }
    /// <summary>Microseconds from the tick's start to the end of its work: the new duty reaches the motor then.</summary>
    public required double[] ComputeMicroseconds { get; init; }
    /// <summary>The firmware's estimate: pitch (rad), pitch rate (rad/s), position (m) and velocity (m/s).</summary>
    public required double[] Pitch { get; init; }
    public required double[] PitchRate { get; init; }
    public required double[] Position { get; init; }
    public required double[] Velocity { get; init; }
    public int Count => Time.Length;

    static readonly string[] Needed = [TelemetrySchema.Tick, TelemetrySchema.Time, TelemetrySchema.Encoder, TelemetrySchema.Duty, TelemetrySchema.State,
        TelemetrySchema.BatteryVolts, TelemetrySchema.BatteryAmps, TelemetrySchema.GyroPitch, TelemetrySchema.Compute, TelemetrySchema.Pitch,
        TelemetrySchema.PitchRate, TelemetrySchema.Position, TelemetrySchema.Velocity];

    /// <summary>Reads a log; a missing column, a malformed number or too few rows is an InputException naming the file and line.</summary>
    public static TelemetryLog Load(string path)
    {
        var lines = InputFile.ReadText(path, "--data", 1L << 30).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2) throw new InputException($"{path}: no rows (a firmware log has a header and one row per tick)");
        var header = lines[0].Split(',');
        var at = Needed.ToDictionary(n => n, n => Array.IndexOf(header, n));
        if (at.FirstOrDefault(kv => kv.Value < 0) is { Key: string missing }) throw new InputException($"{path}: no '{missing}' column (is this a robot-firmware log?)");
        int n = lines.Length - 1;
        var log = new TelemetryLog
        {
            Path = path, Tick = new long[n], Time = new double[n], Encoder = new int[n], Duty = new double[n], State = new string[n],
            BatteryVolts = new double[n], BatteryAmps = new double[n], GyroPitch = new double[n], ComputeMicroseconds = new double[n],
            Pitch = new double[n], PitchRate = new double[n], Position = new double[n], Velocity = new double[n],
        };
        var c = CultureInfo.InvariantCulture;
        for (int i = 0; i < n; i++)
        {
            var cells = lines[i + 1].Split(',');
            if (cells.Length != header.Length) throw new InputException($"{path}:{i + 2}: {cells.Length} cells, the header has {header.Length}");
            try
            {
                log.Tick[i] = long.Parse(cells[at[TelemetrySchema.Tick]], c);
                log.Time[i] = double.Parse(cells[at[TelemetrySchema.Time]], c);
                log.Encoder[i] = int.Parse(cells[at[TelemetrySchema.Encoder]], c);
                log.Duty[i] = double.Parse(cells[at[TelemetrySchema.Duty]], c);
                log.State[i] = cells[at[TelemetrySchema.State]];
                // Empty without a battery monitor.
                log.BatteryVolts[i] = cells[at[TelemetrySchema.BatteryVolts]] is "" ? double.NaN : double.Parse(cells[at[TelemetrySchema.BatteryVolts]], c);
                log.BatteryAmps[i] = cells[at[TelemetrySchema.BatteryAmps]] is "" ? double.NaN : double.Parse(cells[at[TelemetrySchema.BatteryAmps]], c);
                log.GyroPitch[i] = double.Parse(cells[at[TelemetrySchema.GyroPitch]], c);
                log.ComputeMicroseconds[i] = double.Parse(cells[at[TelemetrySchema.Compute]], c);
                log.Pitch[i] = double.Parse(cells[at[TelemetrySchema.Pitch]], c);
                log.PitchRate[i] = double.Parse(cells[at[TelemetrySchema.PitchRate]], c);
                log.Position[i] = double.Parse(cells[at[TelemetrySchema.Position]], c);
                log.Velocity[i] = double.Parse(cells[at[TelemetrySchema.Velocity]], c);
            }
            catch (FormatException)
            {
                throw new InputException($"{path}:{i + 2}: a cell is not a number");
            }
            if (!double.IsFinite(log.Time[i]) || (i > 0 && log.Time[i] <= log.Time[i - 1])) throw new InputException($"{path}:{i + 2}: time_s does not increase");
        }
        return log;
    }
}
