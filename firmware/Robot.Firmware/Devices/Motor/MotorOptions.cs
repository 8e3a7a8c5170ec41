using System.Text.Json.Serialization;

namespace Robot.Firmware.Devices.Motor;

/// <summary>robot.json's <c>motor</c> section: the PWM output, the H-bridge's pins, the duty limit and how it stops.</summary>
public sealed record MotorOptions
{
    /// <summary>The PWM chip's number under /sys/class/pwm; absent: the header's, found by its device-tree node (PwmChipLocator).</summary>
    [JsonPropertyName("pwm_chip")] public int? PwmChip { get; init; }
    [JsonPropertyName("pwm_channel")] public int PwmChannel { get; init; }
    [JsonPropertyName("pwm_frequency_hz")] public int PwmFrequency { get; init; } = 20_000;
    [JsonPropertyName("in1_pin")] public int In1Pin { get; init; } = 23;
    [JsonPropertyName("in2_pin")] public int In2Pin { get; init; } = 24;
    /// <summary>The H-bridge's standby/enable input (TB6612 STBY), with a pull-down to ground; null when it is tied high.</summary>
    [JsonPropertyName("standby_pin")] public int? StandbyPin { get; init; }
    [JsonPropertyName("duty_limit")] public double DutyLimit { get; init; } = 0.9;
    [JsonPropertyName("stop_mode")] public StopMode StopMode { get; init; } = StopMode.Coast;
}
