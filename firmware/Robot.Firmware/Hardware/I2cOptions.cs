using System.Text.Json.Serialization;

namespace Robot.Firmware.Hardware;

/// <summary>robot.json's <c>i2c</c> section: the bus the IMU, the encoder and the battery monitor share.</summary>
public sealed record I2cOptions
{
    [JsonPropertyName("bus")] public int Bus { get; init; } = 1;
}
