using System.Text.Json.Serialization;

namespace Robot.Firmware.Safety;

/// <summary>robot.json's <c>estop</c> section: the normally-closed emergency-stop switch to ground (pressed or a cut wire reads high).</summary>
public sealed record EStopOptions
{
    [JsonPropertyName("pin")] public int Pin { get; init; } = 17;
}
