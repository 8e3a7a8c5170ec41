using Robot.Firmware.Configuration;

namespace Robot.Firmware.Tests.Configuration;

public class RobotConfigTests : IDisposable
{
    readonly string _file = Path.Combine(Path.GetTempPath(), "robot-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_file);

    RobotConfig Load(string json)
    {
        File.WriteAllText(_file, json);
        return RobotConfig.Load(_file);
    }

    [Fact]
    public void DefaultsAreValidAndAFileOverridesThem()
    {
        Assert.Empty(new RobotConfig().Validate());
        var c = Load("""{ "loop_rate_hz": 1000, "imu_address": 105, "stop_mode": "brake", "imu_mounting": [1, -1, 2, 1, 0, 1] }""");
        Assert.Equal(1000, c.LoopRate);
        Assert.Equal(0x69, c.ImuAddress);
        Assert.Equal(Robot.Firmware.Devices.Motor.StopMode.Brake, c.StopMode);
        Assert.Equal(1, c.Mounting().ForwardAxis);
    }

    [Fact]
    public void AMissingStandbyPinIsWarnedAbout()
    {
        Assert.Contains("no standby_pin", new RobotConfig().StandbyWarning());
        Assert.Null(new RobotConfig { StandbyPin = 25 }.StandbyWarning());
    }

    [Fact]
    public void TheRunawayLimitFollowsTheFreeSpeedAtTheDutyLimitUnlessGiven()
    {
        // 75 % of the free wheel's speed at the duty limit: at the deploy config's 0.5 a free wheel reaches about 18 rad/s, never 35.
        Assert.Equal(0.75 * 36 * 0.5, Load("""{ "duty_limit": 0.5 }""").Limits().RunawayWheelRate, 9);
        Assert.Equal(0.75 * 20 * 0.9, Load("""{ "wheel_free_speed_rad_s": 20 }""").Limits().RunawayWheelRate, 9);
        Assert.Equal(30, Load("""{ "duty_limit": 0.5, "runaway_rad_s": 30 }""").Limits().RunawayWheelRate);
    }

    /// <summary>Every threshold can be set, by its own name, the ones with no setting of their own too; a named one wins over its older setting.</summary>
    [Fact]
    public void TheLimitsSectionSetsAnyThresholdAndWins()
    {
        var c = Load("""{ "tilt_limit_rad": 0.4, "limits": { "stall_seconds": 0.5, "direction_pulse_duty": 0.4, "direction_min_counts": 12, "battery_frozen_seconds": 2, "tilt_limit": 0.3 } }""");
        var limits = c.Limits();
        Assert.Equal(0.5, limits.StallSeconds);
        Assert.Equal(0.4, limits.DirectionPulseDuty);
        Assert.Equal(12, limits.DirectionMinCounts);
        Assert.Equal(2, limits.BatteryFrozenSeconds);
        Assert.Equal(0.3, limits.TiltLimit); // the section wins over tilt_limit_rad
        Assert.Equal(new Robot.Firmware.Safety.SupervisorLimits().WheelLiftedAcceleration, limits.WheelLiftedAcceleration); // the rest stay
        Assert.True(double.IsNaN(limits.LowBatteryVoltage)); // no battery monitor: still off
        Assert.Equal(typeof(Robot.Firmware.Safety.SupervisorLimits).GetProperties().Length, RobotConfig.LimitKeys.Count());
    }

    [Theory]
    [InlineData("""{ "limits": { "stall_secs": 0.5 } }""", "no threshold 'stall_secs' (the names: arm_hold_seconds")]
    [InlineData("""{ "limits": { "stall_seconds": 0 } }""", "stall_seconds must be a positive number")]
    [InlineData("""{ "limits": { "direction_min_counts": 7.5 } }""", "direction_min_counts is a count")]
    [InlineData("""{ "limits": { "stall_seconds": "long" } }""", "not a valid config")]
    public void ABadLimitIsRefusedNamingIt(string json, string mention)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(mention, e.Message);
    }

    [Theory]
    [InlineData("""{ "loop_rate_hz": 5000 }""", "loop_rate_hz")]
    [InlineData("""{ "duty_limit": 1.5 }""", "duty_limit")]
    [InlineData("""{ "imu_address": 80 }""", "imu_address")]
    [InlineData("""{ "in1_pin": 17 }""", "different pins")]
    [InlineData("""{ "heartbeat_pin": 23 }""", "different pins")]
    [InlineData("""{ "heartbeat_readback_pin": 6 }""", "give heartbeat_pin too")]
    [InlineData("""{ "imu_mounting": [0, 1, 0, 1, 1, 1] }""", "imu_mounting")]
    [InlineData("""{ "imu_mounting": [0, 1, 2, 1, 0, 1] }""", "pitch-rate axis")]
    [InlineData("""{ "pwm_frequency_hz": 10 }""", "pwm_frequency_hz")]
    [InlineData("""{ "imu_filter_hz": 50 }""", "imu_filter_hz")]
    [InlineData("""{ "battery_monitor_address": 54 }""", "battery_monitor_address")]
    [InlineData("""{ "low_battery_v": 0 }""", "low_battery_v")]
    [InlineData("""{ "arm_hold_s": 0 }""", "arm_hold_s")]
    [InlineData("""{ "max_read_failures": 0 }""", "max_read_failures")]
    [InlineData("""{ "loop_rate": 200 }""", "loop_rate")]
    [InlineData("""{ "wheel_free_speed_rad_s": 0 }""", "wheel_free_speed_rad_s")]
    [InlineData("""{ "loop_rate_hz": "fast" }""", "not a valid config")]
    [InlineData("""not json""", "not a valid config")]
    public void BadValuesAreRefusedNamingTheField(string json, string mention)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(mention, e.Message);
    }

    [Fact]
    public void AMisspeltSettingIsRefusedWithTheNamesThereAre()
    {
        var e = Assert.Throws<ConfigException>(() => Load("""{ "loop_rate_hz": 200, "dutty_limit": 0.5 }"""));
        Assert.Contains("'dutty_limit' is not a robot.json setting", e.Message);
        Assert.Contains("duty_limit, encoder_address", e.Message);
        Assert.DoesNotContain(".NET", e.Message);
    }

    [Fact]
    public void APatchChangesOnlyWhatItNamesDownToOneThreshold()
    {
        var own = Load("""{ "duty_limit": 0.7, "battery_monitor_address": 65, "limits": { "stall_seconds": 0.5 } }""");
        var patched = own.WithPatch((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(
            """{ "tilt_limit_rad": 0.3, "battery_monitor_address": null, "limits": { "runaway_seconds": 0.2 } }""")!, "patch");
        Assert.Equal(0.3, patched.TiltLimit);
        Assert.Equal(0.7, patched.DutyLimit); // untouched
        Assert.Null(patched.BatteryMonitorAddress); // null removes: back to no monitor
        Assert.Equal(0.5, patched.Limits().StallSeconds); // the file's threshold stays beside the patch's
        Assert.Equal(0.2, patched.Limits().RunawaySeconds);
        var e = Assert.Throws<ConfigException>(() => own.WithPatch(new() { ["duty_limit"] = 3 }, "scenario 'x'"));
        Assert.StartsWith("scenario 'x': ", e.Message); // validated as a file is
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        var problems = new RobotConfig { LoopRate = 1, DutyLimit = 0, TiltLimit = 3 }.Validate();
        Assert.Equal(3, problems.Count);
        Assert.ThrowsAny<Robot.Cli.InputException>(() => RobotConfig.Load("/nonexistent/robot.json"));
    }

    [Fact]
    public void CalibrationIsSavedAtomicallyAndReadsBackExactly()
    {
        var original = Load("""{ "loop_rate_hz": 500, "stop_mode": "brake" }""");
        original.WithCalibration(65.25, -0.0123).Save(_file);
        var again = RobotConfig.Load(_file);
        Assert.Equal(65.25, again.GyroBiasCounts);
        Assert.Equal(-0.0123, again.PitchOffset);
        Assert.Equal(500, again.LoopRate);
        Assert.Equal(Robot.Firmware.Devices.Motor.StopMode.Brake, again.StopMode);
        Assert.False(File.Exists(_file + ".tmp"));
        Assert.Equal(3, again.Limits().MaxConsecutiveReadFailures);
        Assert.True(double.IsNaN(again.Limits().LowBatteryVoltage), "no battery monitor, no low-battery check");
        Assert.Equal(9.0, (again with { BatteryMonitorAddress = 0x40 }).Limits().LowBatteryVoltage);
    }
}

public class RobotConfigInputTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("robot-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string json)
    {
        string path = Path.Combine(_dir, "robot.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("""{ "imu_mounting": null }""", "imu_mounting")]
    [InlineData("""{ "loop_rate_hz": null }""", "loop_rate_hz")]
    [InlineData("""{ "stop_mode": null }""", "stop_mode")]
    [InlineData("""{ "loop_rate_hz": NaN }""", "loop_rate_hz")]
    [InlineData("""{ "watchdog_s": 0.5 }""", "watchdog_s")]
    [InlineData("""{ "watchdog_s": 0.001 }""", "watchdog_s")]
    [InlineData("""{ "imu_blind_s": 1 }""", "imu_blind_s")]
    [InlineData("""{ "max_current_a": -1 }""", "max_current_a")]
    [InlineData("""null""", "empty")]
    public void NullsNaNsAndBadSafetyLimitsAreRefusedNamingTheField(string json, string mention)
    {
        var e = Assert.Throws<ConfigException>(() => RobotConfig.Load(Write(json)));
        Assert.Contains(mention, e.Message);
    }

    [Fact]
    public void SpecialAndEmptyFilesAreRefusedWithoutBeingRead()
    {
        string fifo = Path.Combine(_dir, "fifo.json");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var e = Assert.Throws<Robot.Cli.InputException>(() => RobotConfig.Load(fifo)); // would block forever if opened
        Assert.Contains("not a regular file", e.Message);
        Assert.Throws<Robot.Cli.InputException>(() => RobotConfig.Load("/dev/zero"));
        Assert.Throws<Robot.Cli.InputException>(() => RobotConfig.Load(_dir));
    }

    [Fact]
    public void ArmingNeedsAPlausibleCalibration()
    {
        Assert.Contains("no calibration", new RobotConfig().CalibrationProblem());
        Assert.Null(new RobotConfig().WithCalibration(-40, 0.01).CalibrationProblem());
        Assert.Contains("gyro_bias_counts", new RobotConfig().WithCalibration(5000, 0.01).CalibrationProblem());
        Assert.Contains("pitch_offset_rad", new RobotConfig().WithCalibration(10, 0.5).CalibrationProblem());
        Assert.False(new RobotConfig().AutoArm); // arming is an explicit act unless asked for
    }

    [Fact]
    public void MutatedConfigsLoadOrAreRefusedWithAConfigError()
    {
        string valid = """
            { "i2c_bus": 1, "loop_rate_hz": 200, "duty_limit": 0.8, "stop_mode": "brake", "auto_arm": false, "watchdog_s": 0.03,
              "battery_monitor_address": 64, "imu_mounting": [0, 1, 2, 1, 1, 1], "gyro_bias_counts": -12.5, "pitch_offset_rad": 0.01 }
            """;
        RobotConfig.Load(Write(valid));
        var rng = new Random(15);
        int refused = 0;
        for (int n = 0; n < 3000; n++)
        {
            string path = Write(Robot.Firmware.Testing.JsonMutator.Mutate(valid, rng));
            try
            {
                var config = RobotConfig.Load(path);
                Assert.Empty(config.Validate());
                Assert.NotNull(config.ImuMounting);
            }
            catch (ConfigException) { refused++; }
            catch (Robot.Cli.InputException) { refused++; }
        }
        Assert.InRange(refused, 1000, 3000);
    }
}
