using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Ina219;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Hardware;
using Robot.Firmware.Loop;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;

namespace Robot.Firmware.Configuration;

/// <summary>
/// robot.json: one section per component, each read into that component's own options record, and
/// <c>limits</c>, every threshold of <see cref="SupervisorLimits"/> by its snake_case name (docs/deploy.md,
/// "robot.json"). A file in the flat form of before is read as it was (<see cref="FlatRobotConfig"/>).
/// </summary>
public sealed record RobotConfig
{
    [JsonPropertyName("i2c")] public I2cOptions I2c { get; init; } = new();
    [JsonPropertyName("imu")] public ImuOptions Imu { get; init; } = new();
    [JsonPropertyName("encoder")] public EncoderOptions Encoder { get; init; } = new();
    [JsonPropertyName("wheel")] public WheelOptions Wheel { get; init; } = new();
    [JsonPropertyName("motor")] public MotorOptions Motor { get; init; } = new();
    [JsonPropertyName("heartbeat")] public HeartbeatOptions Heartbeat { get; init; } = new();
    [JsonPropertyName("estop")] public EStopOptions EStop { get; init; } = new();
    [JsonPropertyName("battery")] public BatteryOptions Battery { get; init; } = new();
    [JsonPropertyName("loop")] public LoopOptions Loop { get; init; } = new();
    [JsonPropertyName("telemetry")] public TelemetryOptions Telemetry { get; init; } = new();
    [JsonPropertyName("run")] public RunOptions Run { get; init; } = new();
    /// <summary>
    /// Any of the supervisor's thresholds by their own names (<see cref="SupervisorLimits"/> in snake_case,
    /// docs/safety.md); those not named take their defaults, some of them from the sections above
    /// (<see cref="Limits"/>).
    /// </summary>
    [JsonPropertyName("limits")] public Dictionary<string, double> LimitOverrides { get; init; } = [];

    /// <summary>Fault when the battery's filtered voltage falls below this by default, V (3.0 V a cell for a 3S LiPo).</summary>
    public const double DefaultLowBatteryVoltage = 9.0;

    /// <summary>Of the free speed at the duty limit: balancing never needs this much; a wheel that gets there is free or runs away.</summary>
    public const double RunawayShareOfFreeSpeed = 0.75;

    /// <summary>Of the free speed at the duty limit, for a wheel meant to spin in the air: only a sensor or the supply can make it faster.</summary>
    public const double FreeWheelRunawayFactor = 1.2;

    /// <summary>Larger than any robot.json: a bigger file is not one.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>This config with the thresholds named in <paramref name="overrides"/> set (over any set before).</summary>
    public RobotConfig WithLimits(params (string Key, double Value)[] overrides)
    {
        var merged = new Dictionary<string, double>(LimitOverrides);
        foreach (var (key, value) in overrides) merged[key] = value;
        return this with { LimitOverrides = merged };
    }

    /// <summary>
    /// The supervisor's thresholds: the defaults, some of them following the sections (the watchdog the
    /// loop's rate, the runaway limits the wheel's free speed at the duty limit, the battery's only with
    /// a monitor), then the limits section over them.
    /// </summary>
    public SupervisorLimits Limits()
    {
        bool monitor = Battery.MonitorAddress is not null;
        var limits = new SupervisorLimits
        {
            WatchdogSeconds = Math.Max(0.025, 3 / Loop.Rate),
            RunawayWheelRate = RunawayShareOfFreeSpeed * Wheel.FreeSpeed * Motor.DutyLimit,
            FreeWheelRunawayRate = FreeWheelRunawayFactor * Wheel.FreeSpeed * Motor.DutyLimit,
            LowBatteryVoltage = monitor ? DefaultLowBatteryVoltage : double.NaN,
            MaxCurrent = monitor ? BatteryMonitor.DefaultMaxCurrent : double.NaN,
        };
        if (LimitOverrides.Count == 0) return limits;
        var merged = JsonSerializer.SerializeToNode(limits, LimitNames)!.AsObject();
        foreach (var (key, value) in LimitOverrides)
            if (LimitKeys.Contains(key)) merged[key] = value;
        return merged.Deserialize<SupervisorLimits>(LimitNames)!;
    }

    /// <summary>Every threshold's name in the limits section.</summary>
    public static IEnumerable<string> LimitKeys =>
        typeof(SupervisorLimits).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).Order();

    static readonly JsonSerializerOptions LimitNames = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // the battery limits are NaN without a monitor
    };

    /// <summary>Every problem with the values, each naming its section and key; empty when the config is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }
        Check(I2c.Bus >= 0, "i2c.bus must be 0 or more");
        Check(Imu.Address is Iot.Device.Imu.Mpu6050.DefaultI2cAddress or Iot.Device.Imu.Mpu6050.SecondI2cAddress,
            $"imu.address must be 0x{Iot.Device.Imu.Mpu6050.DefaultI2cAddress:x2} or 0x{Iot.Device.Imu.Mpu6050.SecondI2cAddress:x2} (AD0 low or high), got 0x{Imu.Address:x2}");
        Check(Encoder.Address == As5600.DefaultAddress, $"encoder.address must be 0x{As5600.DefaultAddress:x2} (the AS5600's fixed address), got 0x{Encoder.Address:x2}");
        Check(Motor.PwmChip is null or >= 0 && Motor.PwmChannel >= 0, "motor.pwm_chip and motor.pwm_channel must be 0 or more");
        Check(Motor.PwmFrequency is >= 1_000 and <= 100_000, $"motor.pwm_frequency_hz must be 1000 to 100000, got {Motor.PwmFrequency}");
        int[] pins = [Motor.In1Pin, Motor.In2Pin, EStop.Pin, .. new[] { Motor.StandbyPin, Heartbeat.Pin, Heartbeat.ReadbackPin }.OfType<int>()];
        Check(pins.Distinct().Count() == pins.Length, "motor.in1_pin, motor.in2_pin, estop.pin, motor.standby_pin, heartbeat.pin and heartbeat.readback_pin must be different pins");
        Check(Heartbeat.ReadbackPin is null || Heartbeat.Pin is not null, "heartbeat.readback_pin reads the heartbeat circuit's output: give heartbeat.pin too");
        Check(pins.All(p => p is >= 0 and <= 27), "pins must be BCM GPIO numbers 0 to 27");
        Check(Loop.Rate is >= 50 and <= 1000, $"loop.rate_hz must be 50 to 1000, got {Loop.Rate}");
        Check(Loop.Priority is >= 0 and <= 98, $"loop.priority must be 0 (normal scheduling) to 98, got {Loop.Priority}");
        Check(Motor.DutyLimit is > 0 and <= 1, $"motor.duty_limit must be in (0, 1], got {Motor.DutyLimit}");
        Check(Mpu6050Setup.Filters.ContainsKey(Imu.FilterHz), $"imu.filter_hz must be one of {string.Join(", ", Mpu6050Setup.Filters.Keys)}, got {Imu.FilterHz}");
        Check(Imu.GyroBiasCounts is null || double.IsFinite(Imu.GyroBiasCounts.Value), "imu.gyro_bias_counts must be a finite number");
        Check(Imu.PitchOffset is null || double.IsFinite(Imu.PitchOffset.Value), "imu.pitch_offset_rad must be a finite number");
        if (Imu.Mounting.Length != 6) problems.Add("imu.mounting must be [forward_axis, forward_sign, up_axis, up_sign, pitch_rate_axis, pitch_rate_sign]");
        else if (Imu.Orientation().Validate() is string m) problems.Add("imu.mounting: " + m);
        Check(Battery.MonitorAddress is null or (>= 0x40 and <= 0x4F), $"battery.monitor_address must be 64 to 79 (INA219, 0x40-0x4F) or null, got {Battery.MonitorAddress}");
        Check(Battery.ShuntOhms is > 0.001 and <= 10, $"battery.shunt_ohms must be in (0.001, 10], got {Battery.ShuntOhms}");
        Check(Wheel.Radius is > 0.005 and < 1, $"wheel.radius_m must be between 0.005 and 1, got {Wheel.Radius}");
        Check(Wheel.FreeSpeed is > 5 and < 500, $"wheel.free_speed_rad_s must be between 5 and 500, got {Wheel.FreeSpeed}");
        Check(Telemetry.SegmentMegabytes is >= 1 and <= 10_000, $"telemetry.file_mb must be 1 to 10000, got {Telemetry.SegmentMegabytes}");
        Check(Telemetry.KeepFiles is >= 1 and <= 1000, $"telemetry.keep_files must be 1 to 1000, got {Telemetry.KeepFiles}");
        ValidateLimits(problems);
        return problems;
    }

    void ValidateLimits(List<string> problems)
    {
        bool named = true;
        foreach (var (key, value) in LimitOverrides)
        {
            if (!LimitKeys.Contains(key)) { problems.Add($"limits: no threshold '{key}' (the names: {string.Join(", ", LimitKeys)})"); named = false; }
            else if (!double.IsFinite(value) || value <= 0) { problems.Add($"limits.{key} must be a positive number, got {value}"); named = false; }
            else if (typeof(SupervisorLimits).GetProperties().Single(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == key).PropertyType == typeof(int)
                     && value != Math.Floor(value)) { problems.Add($"limits.{key} is a count, got {value}"); named = false; }
        }
        if (!named) return;
        if (Battery.MonitorAddress is null)
            foreach (var key in new[] { "low_battery_voltage", "max_current" })
                if (LimitOverrides.ContainsKey(key)) problems.Add($"limits.{key} is judged from the battery monitor's readings: give battery.monitor_address too");
        // The thresholds given are judged; those that follow the sections are as good as the sections (judged above).
        var limits = Limits();
        void Check(string key, bool ok, string problem) { if (LimitOverrides.ContainsKey(key) && !ok) problems.Add(problem); }
        Check("tilt_limit", limits.TiltLimit is > 0 and < 1.2, $"limits.tilt_limit must be in (0, 1.2), got {limits.TiltLimit}");
        Check("arm_hold_seconds", limits.ArmHoldSeconds is >= 0.2 and <= 10, $"limits.arm_hold_seconds must be 0.2 to 10, got {limits.ArmHoldSeconds}");
        Check("max_consecutive_read_failures", limits.MaxConsecutiveReadFailures is >= 1 and <= 100, $"limits.max_consecutive_read_failures must be 1 to 100, got {limits.MaxConsecutiveReadFailures}");
        Check("max_consecutive_overruns", limits.MaxConsecutiveOverruns is >= 1 and <= 1000, $"limits.max_consecutive_overruns must be 1 to 1000, got {limits.MaxConsecutiveOverruns}");
        double period = 1 / Math.Clamp(Loop.Rate, 50, 1000); // judged against a valid rate: a bad rate is its own problem
        Check("watchdog_seconds", limits.WatchdogSeconds >= 2 * period && limits.WatchdogSeconds <= 0.1, $"limits.watchdog_seconds must be at least two loop periods ({2 * period:F4} s) and at most 0.1, got {limits.WatchdogSeconds}");
        Check("imu_blind_seconds", limits.ImuBlindSeconds >= 2 * period && limits.ImuBlindSeconds <= 0.1, $"limits.imu_blind_seconds must be at least two loop periods ({2 * period:F4} s) and at most 0.1, got {limits.ImuBlindSeconds}");
        Check("runaway_wheel_rate", limits.RunawayWheelRate is > 5 and < 200, $"limits.runaway_wheel_rate must be between 5 and 200, got {limits.RunawayWheelRate}");
        Check("low_battery_voltage", limits.LowBatteryVoltage is > 3 and < 30, $"limits.low_battery_voltage must be between 3 and 30, got {limits.LowBatteryVoltage}");
        Check("max_current", limits.MaxCurrent is > 0 and <= 100, $"limits.max_current must be in (0, 100], got {limits.MaxCurrent}");
        if (Battery.MonitorAddress is not null && limits.MaxCurrent is > 0 and <= 100 && Battery.ShuntOhms is > 0.001 and <= 10
            && BatteryMonitor.Range(Battery.ShuntOhms, limits.MaxCurrent) is null)
            problems.Add($"limits.max_current {limits.MaxCurrent} is beyond what the INA219 reads through battery.shunt_ohms {Battery.ShuntOhms} (its instant trip, 1.5x, needs " +
                $"{Safety.Checks.BatteryCheck.InstantTripFactor * limits.MaxCurrent * Battery.ShuntOhms:F3} V across the shunt, the chip reads 0.32 V): at most {BatteryMonitor.LargestLimit(Battery.ShuntOhms):F2} A, or a smaller shunt");
    }

    /// <summary>Why this robot must not arm on its calibration (absent or implausible), or null.</summary>
    public string? CalibrationProblem()
    {
        if (Imu.GyroBiasCounts is not double bias || Imu.PitchOffset is not double offset)
            return "robot.json has no calibration: run `robot-firmware calibrate --config robot.json` first";
        if (Math.Abs(bias) > ImuOptions.MaxGyroBiasCounts)
            return $"imu.gyro_bias_counts {bias:F0} is implausible (beyond {ImuOptions.MaxGyroBiasCounts:F0}): calibrate again with the robot still";
        if (Math.Abs(offset) > ImuOptions.MaxPitchOffset)
            return $"imu.pitch_offset_rad {offset:F3} is implausible (beyond {ImuOptions.MaxPitchOffset}): calibrate again with the robot upright, or check imu.mounting";
        return null;
    }

    /// <summary>Why this robot's motor may stay driven when no software can act (no standby pin), or null.</summary>
    public string? StandbyWarning() => Motor.StandbyPin is null
        ? "no motor.standby_pin: if the Pi freezes or resets, nothing holds the motor driver off (docs/deploy.md, the STBY wiring)"
        : null;

    /// <summary>This config with new calibration values, for `firmware calibrate` to save.</summary>
    public RobotConfig WithCalibration(double gyroBiasCounts, double pitchOffset) =>
        this with { Imu = Imu with { GyroBiasCounts = gyroBiasCounts, PitchOffset = pitchOffset } };

    public void Save(string path)
    {
        var json = JsonSerializer.Serialize(this, SavedFormat);
        Robot.Policy.DurableFile.WriteAllText(path, json + Environment.NewLine); // a crash or power cut mid-write never leaves a half config
    }

    /// <summary>Reads and validates robot.json; any problem is a <see cref="ConfigException"/> listing them all.</summary>
    public static RobotConfig Load(string path) => Parse(Robot.Cli.InputFile.ReadText(path, "config", MaxBytes), $"'{path}'");

    /// <summary>Validates robot.json's text (the sectioned form, or the flat one of before); <paramref name="source"/> names it in the problems.</summary>
    public static RobotConfig Parse(string json, string source)
    {
        RobotConfig config;
        try
        {
            JsonNode? node;
            try { node = JsonNode.Parse(json); }
            catch (JsonException)
            {
                JsonSerializer.Deserialize<RobotConfig>(json, FileFormat); // its error names where the file went wrong
                throw;
            }
            if (node is null) throw new ConfigException($"{source} is empty");
            if (node is JsonObject root && FlatRobotConfig.IsFlat(root)) node = FlatRobotConfig.ToSections(root);
            config = node.Deserialize<RobotConfig>(FileFormat) ?? throw new ConfigException($"{source} is empty");
        }
        catch (JsonException e) when (e.Path is string path && e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            throw new ConfigException($"{source}: {UnknownKey(path.TrimStart('$', '.'))}");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source} is not a valid config: {e.Message}");
        }
        var problems = config.Validate();
        return problems.Count == 0 ? config : throw new ConfigException($"{source}: " + string.Join("; ", problems));
    }

    /// <summary>A key robot.json has no place for, with the keys there are where it was found.</summary>
    static string UnknownKey(string path)
    {
        int dot = path.LastIndexOf('.');
        if (dot < 0) return $"'{path}' is not a section of robot.json; the sections are {string.Join(", ", Keys)}";
        string section = path[..dot];
        var type = typeof(RobotConfig).GetProperties().FirstOrDefault(p => JsonName(p) == section)?.PropertyType;
        return type is null
            ? $"'{path}' is not a robot.json setting"
            : $"'{path}' is not a robot.json setting; the settings in {section} are {string.Join(", ", KeysOf(type))}";
    }

    /// <summary>
    /// This config with a JSON merge patch over its file form (RFC 7396, <see cref="JsonMergePatch"/>):
    /// the keys the patch names change, the rest stay; validated as a file would be.
    /// </summary>
    public RobotConfig WithPatch(JsonObject patch, string source) =>
        Parse(JsonMergePatch.Apply(JsonSerializer.SerializeToNode(this, FileFormat), patch)!.ToJsonString(), source);

    /// <summary>robot.json's sections, in order.</summary>
    public static IEnumerable<string> Keys => KeysOf(typeof(RobotConfig));

    /// <summary>The JSON keys of a section's record (or of the file), in order.</summary>
    public static IEnumerable<string> KeysOf(Type section) => section.GetProperties().Select(JsonName).OfType<string>().Order();

    static string? JsonName(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;

    /// <summary>robot.json's form: every key known (a misspelt one is refused by name), enums by their snake_case names.</summary>
    static readonly JsonSerializerOptions FileFormat = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true, // "imu": {"mounting": null} is refused by name, not a NullReferenceException later
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The file form, indented for a person to read (declared after it: static fields start in order).</summary>
    static readonly JsonSerializerOptions SavedFormat = new(FileFormat) { WriteIndented = true };
}

/// <summary>A config file that cannot be used, with every reason.</summary>
public sealed class ConfigException(string message) : Robot.Cli.InputException(message);
