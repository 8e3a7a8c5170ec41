using System.Text.Json.Nodes;

namespace Robot.Firmware.Configuration;

/// <summary>
/// robot.json's flat form, before it had sections (every key at the top: "duty_limit", "imu_address",
/// ...): read into the sectioned form, so a robot installed before keeps its file and its calibration;
/// `calibrate` saves the sectioned form.
/// </summary>
public static class FlatRobotConfig
{
    /// <summary>Each flat key and where it lives now: a section and a key, or limits and a threshold.</summary>
    static readonly Dictionary<string, (string Section, string Key)> Moves = new()
    {
        ["i2c_bus"] = ("i2c", "bus"),
        ["imu_address"] = ("imu", "address"), ["imu_filter_hz"] = ("imu", "filter_hz"), ["imu_mounting"] = ("imu", "mounting"),
        ["gyro_bias_counts"] = ("imu", "gyro_bias_counts"), ["pitch_offset_rad"] = ("imu", "pitch_offset_rad"),
        ["encoder_address"] = ("encoder", "address"),
        ["wheel_radius_m"] = ("wheel", "radius_m"), ["wheel_free_speed_rad_s"] = ("wheel", "free_speed_rad_s"),
        ["pwm_chip"] = ("motor", "pwm_chip"), ["pwm_channel"] = ("motor", "pwm_channel"), ["pwm_frequency_hz"] = ("motor", "pwm_frequency_hz"),
        ["in1_pin"] = ("motor", "in1_pin"), ["in2_pin"] = ("motor", "in2_pin"), ["standby_pin"] = ("motor", "standby_pin"),
        ["duty_limit"] = ("motor", "duty_limit"), ["stop_mode"] = ("motor", "stop_mode"),
        ["heartbeat_pin"] = ("heartbeat", "pin"), ["heartbeat_readback_pin"] = ("heartbeat", "readback_pin"),
        ["estop_pin"] = ("estop", "pin"),
        ["battery_monitor_address"] = ("battery", "monitor_address"), ["shunt_ohms"] = ("battery", "shunt_ohms"),
        ["loop_rate_hz"] = ("loop", "rate_hz"), ["loop_priority"] = ("loop", "priority"),
        ["telemetry_file_mb"] = ("telemetry", "file_mb"), ["telemetry_keep_files"] = ("telemetry", "keep_files"),
        ["auto_arm"] = ("run", "auto_arm"),
        ["tilt_limit_rad"] = ("limits", "tilt_limit"), ["arm_hold_s"] = ("limits", "arm_hold_seconds"),
        ["max_read_failures"] = ("limits", "max_consecutive_read_failures"), ["max_overruns"] = ("limits", "max_consecutive_overruns"),
        ["watchdog_s"] = ("limits", "watchdog_seconds"), ["imu_blind_s"] = ("limits", "imu_blind_seconds"),
        ["runaway_rad_s"] = ("limits", "runaway_wheel_rate"), ["low_battery_v"] = ("limits", "low_battery_voltage"),
        ["max_current_a"] = ("limits", "max_current"),
    };

    /// <summary>A file with any of the flat keys at its top is in the flat form.</summary>
    public static bool IsFlat(JsonObject root) => root.Any(p => Moves.ContainsKey(p.Key));

    /// <summary>
    /// The same settings in sections. Keys neither flat nor a section's stay where they are (a misspelt
    /// one is refused by name later); the flat form's limits section won over its other keys, and still does.
    /// </summary>
    public static JsonObject ToSections(JsonObject flat)
    {
        var sections = new JsonObject();
        JsonObject Section(string name) => sections[name] as JsonObject ?? (JsonObject)(sections[name] = new JsonObject());
        foreach (var (key, value) in flat)
        {
            if (value is null && Moves.TryGetValue(key, out var nullMove) && nullMove.Section == "limits") continue; // an absent threshold
            if (Moves.TryGetValue(key, out var move))
            {
                var section = Section(move.Section);
                if (!section.ContainsKey(move.Key)) section[move.Key] = value?.DeepClone();
            }
            else if (key == "limits" && value is JsonObject limits)
                foreach (var (name, threshold) in limits) Section("limits")[name] = threshold?.DeepClone();
            else sections[key] = value?.DeepClone();
        }
        return sections;
    }
}
