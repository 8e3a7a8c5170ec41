using System.Text.Json.Serialization;

namespace Robot.Firmware.Devices.Motor;

/// <summary>
/// robot.json's <c>heartbeat</c> section: a GPIO the loop toggles every tick, feeding a retriggerable
/// monostable that holds the driver's enable only while the pulses keep coming (docs/deploy.md,
/// "The heartbeat"); null: none.
/// </summary>
public sealed record HeartbeatOptions
{
    [JsonPropertyName("pin")] public int? Pin { get; init; }
    /// <summary>An input wired to the monostable's output: arming refuses unless it reads high (the enable follows the heartbeat); null: not wired.</summary>
    [JsonPropertyName("readback_pin")] public int? ReadbackPin { get; init; }
}
