using System.Text.Json.Serialization;

namespace Robot.Firmware.Runtime;

/// <summary>robot.json's <c>run</c> section: how a run of <see cref="RobotSession"/> begins.</summary>
public sealed record RunOptions
{
    /// <summary>Arm at start without a command (for those who want it; the default waits for `arm`).</summary>
    [JsonPropertyName("auto_arm")] public bool AutoArm { get; init; }
}
