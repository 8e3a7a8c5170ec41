using System.Text.Json.Serialization;

namespace Robot.Firmware.Devices.Ina219;

/// <summary>robot.json's <c>battery</c> section: the INA219 that watches the pack (its thresholds are in <c>limits</c>).</summary>
public sealed record BatteryOptions
{
    /// <summary>I2C address of the INA219 battery monitor (64-79), or null for none.</summary>
    [JsonPropertyName("monitor_address")] public int? MonitorAddress { get; init; }
    /// <summary>The INA219 board's shunt resistor, ohm.</summary>
    [JsonPropertyName("shunt_ohms")] public double ShuntOhms { get; init; } = BatteryMonitor.DefaultShuntOhms;
}
