using System.Text.Json.Serialization;

namespace Robot.Firmware.Devices.As5600;

/// <summary>robot.json's <c>encoder</c> section: the AS5600 on the wheel.</summary>
public sealed record EncoderOptions
{
    /// <summary>The AS5600's address is fixed; the setting says which one the robot expects.</summary>
    [JsonPropertyName("address")] public int Address { get; init; } = As5600.DefaultAddress;
}
