using System.Text.Json.Serialization;

namespace Robot.Firmware.Telemetry;

/// <summary>robot.json's <c>telemetry</c> section: how the log is rotated so the SD card never fills.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Telemetry is written in files of at most this many MB (about 0.1 GB an hour at 200 Hz), then rotated.</summary>
    [JsonPropertyName("file_mb")] public double SegmentMegabytes { get; init; } = 100;
    /// <summary>The newest this many telemetry files are kept; older ones are deleted.</summary>
    [JsonPropertyName("keep_files")] public int KeepFiles { get; init; } = 10;
}
