using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Robot.Firmware.Devices.Motor;

namespace Robot.Firmware.Configuration;

/// <summary>robot.json: buses, addresses, pins, rates, limits, IMU mounting and calibration.</summary>
public sealed record RobotConfig
{
    [JsonPropertyName("i2c_bus")] public int I2cBus { get; init; } = 1;
    [JsonPropertyName("imu_address")] public int ImuAddress { get; init; } = Iot.Device.Imu.Mpu6050.DefaultI2cAddress;
    [JsonPropertyName("encoder_address")] public int EncoderAddress { get; init; } = Devices.As5600.As5600.DefaultAddress;
    /// <summary>The PWM chip's number under /sys/class/pwm; absent: the header's, found by its device-tree node (PwmChipLocator).</summary>
    [JsonPropertyName("pwm_chip")] public int? PwmChip { get; init; }
    [JsonPropertyName("pwm_channel")] public int PwmChannel { get; init; }
    [JsonPropertyName("pwm_frequency_hz")] public int PwmFrequency { get; init; } = 20_000;
    [JsonPropertyName("in1_pin")] public int In1Pin { get; init; } = 23;
    [JsonPropertyName("in2_pin")] public int In2Pin { get; init; } = 24;
    [JsonPropertyName("estop_pin")] public int EStopPin { get; init; } = 17;
    /// <summary>The H-bridge's standby/enable input (TB6612 STBY), with a pull-down to ground; null when it is tied high.</summary>
    [JsonPropertyName("standby_pin")] public int? StandbyPin { get; init; }
    /// <summary>
    /// A GPIO the loop toggles every tick, feeding a retriggerable monostable that holds the driver's
    /// enable only while the pulses keep coming (docs/deploy.md, "The heartbeat"); null: none.
    /// </summary>
    [JsonPropertyName("heartbeat_pin")] public int? HeartbeatPin { get; init; }
    /// <summary>An input wired to the monostable's output: arming refuses unless it reads high (the enable follows the heartbeat); null: not wired.</summary>
    [JsonPropertyName("heartbeat_readback_pin")] public int? HeartbeatReadbackPin { get; init; }
    [JsonPropertyName("loop_rate_hz")] public double LoopRate { get; init; } = 200;
    [JsonPropertyName("duty_limit")] public double DutyLimit { get; init; } = 0.9;
    [JsonPropertyName("stop_mode")] public StopMode StopMode { get; init; } = StopMode.Coast;
    [JsonPropertyName("tilt_limit_rad")] public double TiltLimit { get; init; } = 0.5;
    [JsonPropertyName("arm_hold_s")] public double ArmHoldSeconds { get; init; } = 1.0;
    [JsonPropertyName("max_read_failures")] public int MaxReadFailures { get; init; } = 3;
    [JsonPropertyName("max_overruns")] public int MaxOverruns { get; init; } = 5;
    /// <summary>The loop thread's SCHED_FIFO priority on the wall clock, 1-98 (the watchdog's timer one above); 0: normal scheduling.</summary>
    [JsonPropertyName("loop_priority")] public int LoopPriority { get; init; } = 80;
    /// <summary>Arm at start without a command (for those who want it; the default waits for `arm`).</summary>
    [JsonPropertyName("auto_arm")] public bool AutoArm { get; init; }
    /// <summary>The watchdog cuts the motor when no control tick completes for this long, s (absent: <see cref="EffectiveWatchdogSeconds"/>).</summary>
    [JsonPropertyName("watchdog_s")] public double? WatchdogSeconds { get; init; }

    /// <summary>The watchdog time in force: as configured, else 25 ms or three loop periods, whichever is longer.</summary>
    public double EffectiveWatchdogSeconds => WatchdogSeconds ?? Math.Max(0.025, 3 / LoopRate);

    /// <summary>The wall clock for this robot: its watchdog timer runs one real-time priority above the loop.</summary>
    public Loop.StopwatchClock WallClock() => new(timerPriority: LoopPriority == 0 ? 0 : LoopPriority + 1);
    /// <summary>Longest gap without a good IMU sample before the motor is cut, s.</summary>
    [JsonPropertyName("imu_blind_s")] public double ImuBlindSeconds { get; init; } = 0.05;
    /// <summary>
    /// The wheel's speed with no load at full duty on a charged pack, rad/s at the wheel: the gearmotor's
    /// no-load speed at the pack's voltage (datasheet rpm x 2 pi / 60), or (battery_voltage - deadband) /
    /// back_emf_constant from robot-plant.json. The default is the built-in robot's (docs/uniwheel-model.md).
    /// </summary>
    [JsonPropertyName("wheel_free_speed_rad_s")] public double WheelFreeSpeed { get; init; } = 36;
    /// <summary>Wheel speed relative to the body that counts as running away, rad/s (absent: <see cref="EffectiveRunawayWheelRate"/>).</summary>
    [JsonPropertyName("runaway_rad_s")] public double? RunawayWheelRate { get; init; }

    /// <summary>Of the free speed at the duty limit: balancing never needs this much; a wheel that gets there is free or runs away.</summary>
    public const double RunawayShareOfFreeSpeed = 0.75;

    /// <summary>Of the free speed at the duty limit, for a wheel meant to spin in the air: only a sensor or the supply can make it faster.</summary>
    public const double FreeWheelRunawayFactor = 1.2;

    /// <summary>The runaway limit in force: as configured, else 75 % of the wheel's free speed at the duty limit.</summary>
    public double EffectiveRunawayWheelRate => RunawayWheelRate ?? RunawayShareOfFreeSpeed * WheelFreeSpeed * DutyLimit;
    /// <summary>I2C address of the INA219 battery monitor (64-79), or null for none.</summary>
    [JsonPropertyName("battery_monitor_address")] public int? BatteryMonitorAddress { get; init; }
    /// <summary>Fault when the battery's filtered voltage falls below this (3.0 V a cell for a 3S LiPo).</summary>
    [JsonPropertyName("low_battery_v")] public double LowBatteryVoltage { get; init; } = 9.0;
    /// <summary>The INA219 board's shunt resistor, ohm.</summary>
    [JsonPropertyName("shunt_ohms")] public double ShuntOhms { get; init; } = Devices.Ina219.BatteryMonitor.DefaultShuntOhms;
    /// <summary>Battery current that, sustained, is an over-current or a stall, A (read through the INA219's shunt).</summary>
    [JsonPropertyName("max_current_a")] public double MaxCurrent { get; init; } = Devices.Ina219.BatteryMonitor.DefaultMaxCurrent;
    /// <summary>Telemetry is written in files of at most this many MB (about 0.1 GB an hour at 200 Hz), then rotated.</summary>
    [JsonPropertyName("telemetry_file_mb")] public double TelemetrySegmentMegabytes { get; init; } = 100;
    /// <summary>The newest this many telemetry files are kept; older ones are deleted, so the SD card never fills.</summary>
    [JsonPropertyName("telemetry_keep_files")] public int TelemetryKeepFiles { get; init; } = 10;
    [JsonPropertyName("imu_filter_hz")] public int ImuFilterHz { get; init; } = 41;
    [JsonPropertyName("wheel_radius_m")] public double WheelRadius { get; init; } = 0.05;
    [JsonPropertyName("imu_mounting")] public int[] ImuMounting { get; init; } = [0, 1, 2, 1, 1, 1];
    /// <summary>
    /// Any of the supervisor's thresholds by their own names (<see cref="Safety.SupervisorLimits"/> in snake_case,
    /// docs/safety.md): the stall, the direction pulse, the frozen battery, the free-wheel detection, every one. A
    /// threshold named here wins over the settings above that set it too (tilt_limit_rad, watchdog_s, ...).
    /// </summary>
    [JsonPropertyName("limits")] public Dictionary<string, double>? LimitOverrides { get; init; }
    /// <summary>From `calibrate`; null (absent) means not calibrated, and the robot will not arm.</summary>
    [JsonPropertyName("gyro_bias_counts")] public double? GyroBiasCounts { get; init; }
    /// <summary>From `calibrate`; null (absent) means not calibrated.</summary>
    [JsonPropertyName("pitch_offset_rad")] public double? PitchOffset { get; init; }

    /// <summary>Gyro bias beyond which a calibration is implausible: 20 deg/s, far outside the MPU-6050's +-20 deg/s zero-rate spec at its worst.</summary>
    public const double MaxGyroBiasCounts = 20 * Robot.Observation.Mpu6050Scale.GyroLsbPerDegPerSecond;
    /// <summary>Upright offset beyond which a calibration is implausible, rad (about 11 degrees: the IMU is mounted askew, or the robot was not upright).</summary>
    public const double MaxPitchOffset = 0.2;

    /// <summary>Every problem with the values, each naming its field; empty when the config is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }
        Check(I2cBus >= 0, "i2c_bus must be 0 or more");
        Check(ImuAddress is Iot.Device.Imu.Mpu6050.DefaultI2cAddress or Iot.Device.Imu.Mpu6050.SecondI2cAddress,
            $"imu_address must be 0x{Iot.Device.Imu.Mpu6050.DefaultI2cAddress:x2} or 0x{Iot.Device.Imu.Mpu6050.SecondI2cAddress:x2} (AD0 low or high), got 0x{ImuAddress:x2}");
        Check(EncoderAddress == Devices.As5600.As5600.DefaultAddress,
            $"encoder_address must be 0x{Devices.As5600.As5600.DefaultAddress:x2} (the AS5600's fixed address), got 0x{EncoderAddress:x2}");
        Check(PwmChip is null or >= 0 && PwmChannel >= 0, "pwm_chip and pwm_channel must be 0 or more");
        Check(PwmFrequency is >= 1_000 and <= 100_000, $"pwm_frequency_hz must be 1000 to 100000, got {PwmFrequency}");
        int[] pins = [In1Pin, In2Pin, EStopPin, .. new[] { StandbyPin, HeartbeatPin, HeartbeatReadbackPin }.OfType<int>()];
        Check(pins.Distinct().Count() == pins.Length, "in1_pin, in2_pin, estop_pin, standby_pin, heartbeat_pin and heartbeat_readback_pin must be different pins");
        Check(HeartbeatReadbackPin is null || HeartbeatPin is not null, "heartbeat_readback_pin reads the heartbeat circuit's output: give heartbeat_pin too");
        Check(pins.All(p => p is >= 0 and <= 27), "pins must be BCM GPIO numbers 0 to 27");
        Check(LoopRate is >= 50 and <= 1000, $"loop_rate_hz must be 50 to 1000, got {LoopRate}");
        Check(DutyLimit is > 0 and <= 1, $"duty_limit must be in (0, 1], got {DutyLimit}");
        Check(TiltLimit is > 0 and < 1.2, $"tilt_limit_rad must be in (0, 1.2), got {TiltLimit}");
        Check(ArmHoldSeconds is >= 0.2 and <= 10, $"arm_hold_s must be 0.2 to 10, got {ArmHoldSeconds}");
        Check(MaxReadFailures is >= 1 and <= 100, $"max_read_failures must be 1 to 100, got {MaxReadFailures}");
        Check(MaxOverruns is >= 1 and <= 1000, $"max_overruns must be 1 to 1000, got {MaxOverruns}");
        Check(LoopPriority is >= 0 and <= 98, $"loop_priority must be 0 (normal scheduling) to 98, got {LoopPriority}");
        Check(Devices.Mpu6050.Mpu6050Setup.Filters.ContainsKey(ImuFilterHz),
            $"imu_filter_hz must be one of {string.Join(", ", Devices.Mpu6050.Mpu6050Setup.Filters.Keys)}, got {ImuFilterHz}");
        Check(BatteryMonitorAddress is null or (>= 0x40 and <= 0x4F), $"battery_monitor_address must be 64 to 79 (INA219, 0x40-0x4F) or null, got {BatteryMonitorAddress}");
        Check(LowBatteryVoltage is > 3 and < 30, $"low_battery_v must be between 3 and 30, got {LowBatteryVoltage}");
        Check(WheelRadius is > 0.005 and < 1, $"wheel_radius_m must be between 0.005 and 1, got {WheelRadius}");
        Check(GyroBiasCounts is null || double.IsFinite(GyroBiasCounts.Value), "gyro_bias_counts must be a finite number");
        Check(PitchOffset is null || double.IsFinite(PitchOffset.Value), "pitch_offset_rad must be a finite number");
        double period = 1 / Math.Clamp(LoopRate, 50, 1000); // judged against a valid rate: a bad rate is its own problem
        Check(WatchdogSeconds is null || WatchdogSeconds >= 2 * period && WatchdogSeconds <= 0.1, $"watchdog_s must be at least two loop periods ({2 * period:F4} s) and at most 0.1, got {WatchdogSeconds}");
        Check(ImuBlindSeconds >= 2 * period && ImuBlindSeconds <= 0.1, $"imu_blind_s must be at least two loop periods ({2 * period:F4} s) and at most 0.1, got {ImuBlindSeconds}");
        Check(RunawayWheelRate is null or (> 5 and < 200), $"runaway_rad_s must be between 5 and 200, got {RunawayWheelRate}");
        Check(WheelFreeSpeed is > 5 and < 500, $"wheel_free_speed_rad_s must be between 5 and 500, got {WheelFreeSpeed}");
        Check(TelemetrySegmentMegabytes is >= 1 and <= 10_000, $"telemetry_file_mb must be 1 to 10000, got {TelemetrySegmentMegabytes}");
        Check(TelemetryKeepFiles is >= 1 and <= 1000, $"telemetry_keep_files must be 1 to 1000, got {TelemetryKeepFiles}");
        Check(ShuntOhms is > 0.001 and <= 10, $"shunt_ohms must be in (0.001, 10], got {ShuntOhms}");
        Check(MaxCurrent is > 0 and <= 100, $"max_current_a must be in (0, 100], got {MaxCurrent}");
        if (MaxCurrent is > 0 and <= 100 && ShuntOhms is > 0.001 and <= 10)
            Check(Devices.Ina219.BatteryMonitor.Range(ShuntOhms, MaxCurrent) is not null,
                $"max_current_a {MaxCurrent} is beyond what the INA219 reads through shunt_ohms {ShuntOhms} (its instant trip, 1.5x, needs " +
                $"{Safety.Checks.BatteryCheck.InstantTripFactor * MaxCurrent * ShuntOhms:F3} V across the shunt, the chip reads 0.32 V): at most {Devices.Ina219.BatteryMonitor.LargestLimit(ShuntOhms):F2} A, or a smaller shunt");
        foreach (var (key, value) in LimitOverrides ?? [])
            if (!LimitKeys.Contains(key)) problems.Add($"limits: no threshold '{key}' (the names: {string.Join(", ", LimitKeys)})");
            else if (!double.IsFinite(value) || value <= 0) problems.Add($"limits: {key} must be a positive number, got {value}");
            else if (typeof(Safety.SupervisorLimits).GetProperties().Single(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == key).PropertyType == typeof(int)
                     && value != Math.Floor(value))
                problems.Add($"limits: {key} is a count, got {value}");
        if (ImuMounting.Length != 6) problems.Add("imu_mounting must be [forward_axis, forward_sign, up_axis, up_sign, pitch_rate_axis, pitch_rate_sign]");
        else if (Mounting().Validate() is string m) problems.Add("imu_mounting: " + m);
        return problems;
    }

    static readonly JsonSerializerOptions LimitNames = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // the battery limits are NaN without a monitor
    };

    /// <summary>Every threshold's name in the limits section.</summary>
    public static IEnumerable<string> LimitKeys =>
        typeof(Safety.SupervisorLimits).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).Order();

    /// <summary>The supervisor's thresholds from this config: the settings above, then the limits section over them.</summary>
    public Safety.SupervisorLimits Limits()
    {
        var limits = BaseLimits();
        if (LimitOverrides is not { Count: > 0 }) return limits;
        var merged = JsonSerializer.SerializeToNode(limits, LimitNames)!.AsObject();
        foreach (var (key, value) in LimitOverrides) merged[key] = value;
        return merged.Deserialize<Safety.SupervisorLimits>(LimitNames)!;
    }

    Safety.SupervisorLimits BaseLimits() => new()
    {
        TiltLimit = TiltLimit, ArmHoldSeconds = ArmHoldSeconds, MaxConsecutiveReadFailures = MaxReadFailures, MaxConsecutiveOverruns = MaxOverruns,
        WatchdogSeconds = EffectiveWatchdogSeconds, ImuBlindSeconds = ImuBlindSeconds, RunawayWheelRate = EffectiveRunawayWheelRate,
        FreeWheelRunawayRate = FreeWheelRunawayFactor * WheelFreeSpeed * DutyLimit,
        LowBatteryVoltage = BatteryMonitorAddress is null ? double.NaN : LowBatteryVoltage,
        MaxCurrent = BatteryMonitorAddress is null ? double.NaN : MaxCurrent,
    };

    /// <summary>Why this robot must not arm on its calibration (absent or implausible), or null.</summary>
    public string? CalibrationProblem()
    {
        if (GyroBiasCounts is null || PitchOffset is null) return "robot.json has no calibration: run `robot-firmware calibrate --config robot.json` first";
        if (Math.Abs(GyroBiasCounts.Value) > MaxGyroBiasCounts)
            return $"gyro_bias_counts {GyroBiasCounts:F0} is implausible (beyond {MaxGyroBiasCounts:F0}): calibrate again with the robot still";
        if (Math.Abs(PitchOffset.Value) > MaxPitchOffset)
            return $"pitch_offset_rad {PitchOffset:F3} is implausible (beyond {MaxPitchOffset}): calibrate again with the robot upright, or check imu_mounting";
        return null;
    }

    /// <summary>Why this robot's motor may stay driven when no software can act (no standby pin), or null.</summary>
    public string? StandbyWarning() => StandbyPin is null
        ? "no standby_pin: if the Pi freezes or resets, nothing holds the motor driver off (docs/deploy.md, the STBY wiring)"
        : null;

    /// <summary>This config with new calibration values, for `firmware calibrate` to save.</summary>
    public RobotConfig WithCalibration(double gyroBiasCounts, double pitchOffset) => this with { GyroBiasCounts = gyroBiasCounts, PitchOffset = pitchOffset };

    public void Save(string path)
    {
        var json = JsonSerializer.Serialize(this, SavedFormat);
        Robot.Policy.DurableFile.WriteAllText(path, json + Environment.NewLine); // a crash or power cut mid-write never leaves a half config
    }

    public Devices.Mpu6050.ImuMounting Mounting() =>
        new(ImuMounting[0], ImuMounting[1], ImuMounting[2], ImuMounting[3], ImuMounting[4], ImuMounting[5]);

    /// <summary>Larger than any robot.json: a bigger file is not one.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>Reads and validates robot.json; any problem is a <see cref="ConfigException"/> listing them all.</summary>
    public static RobotConfig Load(string path) => Parse(Robot.Cli.InputFile.ReadText(path, "config", MaxBytes), $"'{path}'");

    /// <summary>Validates robot.json's text; <paramref name="source"/> names it in the problems.</summary>
    public static RobotConfig Parse(string json, string source)
    {
        RobotConfig config;
        try
        {
            config = JsonSerializer.Deserialize<RobotConfig>(json, FileFormat) ?? throw new ConfigException($"{source} is empty");
        }
        catch (JsonException e) when (e.Path is string path && e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            throw new ConfigException($"{source}: '{path.TrimStart('$', '.')}' is not a robot.json setting; the settings are {string.Join(", ", Keys)}");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source} is not a valid config: {e.Message}");
        }
        var problems = config.Validate();
        return problems.Count == 0 ? config : throw new ConfigException($"{source}: " + string.Join("; ", problems));
    }

    /// <summary>
    /// This config with a JSON merge patch over its file form (RFC 7396, <see cref="JsonMergePatch"/>):
    /// the keys the patch names change, the rest stay; validated as a file would be.
    /// </summary>
    public RobotConfig WithPatch(JsonObject patch, string source) =>
        Parse(JsonMergePatch.Apply(JsonSerializer.SerializeToNode(this, FileFormat), patch)!.ToJsonString(), source);

    /// <summary>Every key of robot.json, in order.</summary>
    public static IEnumerable<string> Keys =>
        typeof(RobotConfig).GetProperties().Select(p => p.GetCustomAttributes(typeof(JsonPropertyNameAttribute), false).OfType<JsonPropertyNameAttribute>().FirstOrDefault()?.Name)
            .OfType<string>().Order();

    /// <summary>robot.json's form: every key known (a misspelt one is refused by name), enums by their snake_case names.</summary>
    static readonly JsonSerializerOptions FileFormat = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true, // "imu_mounting": null is refused by name, not a NullReferenceException later
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The file form, indented for a person to read (declared after it: static fields start in order).</summary>
    static readonly JsonSerializerOptions SavedFormat = new(FileFormat) { WriteIndented = true };
}

/// <summary>A config file that cannot be used, with every reason.</summary>
public sealed class ConfigException(string message) : Robot.Cli.InputException(message);
