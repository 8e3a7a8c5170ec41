using System.Text;
using Robot.Firmware.Telemetry;

namespace Robot.Hil.Reporting;

/// <summary>A run's telemetry as the firmware writes it (robot-firmware run --telemetry): the same header and row format.</summary>
public static class TelemetryCsv
{
    /// <summary>Writes a new file (an existing one is never overwritten: FileMode.CreateNew).</summary>
    public static void Write(string path, IEnumerable<TickRecord> records)
    {
        using var file = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write));
        file.WriteLine(TelemetryWriter.Header);
        var line = new StringBuilder(256);
        foreach (var record in records)
        {
            line.Clear();
            TelemetryWriter.Format(line, record);
            file.WriteLine(line);
        }
    }
}
