using System.Text.Json.Serialization;

namespace Robot.Firmware.Configuration;

/// <summary>robot.json's <c>wheel</c> section: what the estimator and the wheel's limits need of it.</summary>
public sealed record WheelOptions
{
    [JsonPropertyName("radius_m")] public double Radius { get; init; } = 0.05;
    /// <summary>
    /// The wheel's speed with no load at full duty on a charged pack, rad/s at the wheel: the gearmotor's
    /// no-load speed at the pack's voltage (datasheet rpm x 2 pi / 60), or (battery_voltage - deadband) /
    /// back_emf_constant from robot-plant.json. The default is the built-in robot's (docs/uniwheel-model.md).
    /// </summary>
    [JsonPropertyName("free_speed_rad_s")] public double FreeSpeed { get; init; } = 36;
}
