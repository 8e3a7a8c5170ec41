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
        var c = Load("""{ "loop": { "rate_hz": 1000 }, "imu": { "address": 105, "mounting": [1, -1, 2, 1, 0, 1] }, "motor": { "stop_mode": "brake" } }""");
        Assert.Equal(1000, c.Loop.Rate);
        Assert.Equal(0x69, c.Imu.Address);
        Assert.Equal(Robot.Firmware.Devices.Motor.StopMode.Brake, c.Motor.StopMode);
        Assert.Equal(1, c.Imu.Orientation().ForwardAxis);
    }

    [Fact]
    public void AMissingStandbyPinIsWarnedAbout()
    {
        Assert.Contains("no motor.standby_pin", new RobotConfig().StandbyWarning());
        Assert.Null(new RobotConfig { Motor = new() { StandbyPin = 25 } }.StandbyWarning());
    }

    [Fact]
    public void TheRunawayLimitFollowsTheFreeSpeedAtTheDutyLimitUnlessGiven()
    {
        // 75 % of the free wheel's speed at the duty limit: at the deploy config's 0.5 a free wheel reaches about 18 rad/s, never 35.
        Assert.Equal(0.75 * 36 * 0.5, Load("""{ "motor": { "duty_limit": 0.5 } }""").Limits().RunawayWheelRate, 9);
        Assert.Equal(0.75 * 20 * 0.9, Load("""{ "wheel": { "free_speed_rad_s": 20 } }""").Limits().RunawayWheelRate, 9);
        Assert.Equal(30, Load("""{ "motor": { "duty_limit": 0.5 }, "limits": { "runaway_wheel_rate": 30 } }""").Limits().RunawayWheelRate);
        Assert.Equal(0.03, Load("""{ "loop": { "rate_hz": 100 } }""").Limits().WatchdogSeconds, 9); // three periods, above 25 ms
    }

    /// <summary>Every threshold can be set, by its own name, in the one section that holds them.</summary>
    [Fact]
    public void TheLimitsSectionSetsAnyThreshold()
    {
        var c = Load("""{ "limits": { "stall_seconds": 0.5, "direction_pulse_duty": 0.4, "direction_min_counts": 12, "battery_frozen_seconds": 2, "tilt_limit": 0.3 } }""");
        var limits = c.Limits();
        Assert.Equal(0.5, limits.StallSeconds);
        Assert.Equal(0.4, limits.DirectionPulseDuty);
        Assert.Equal(12, limits.DirectionMinCounts);
        Assert.Equal(2, limits.BatteryFrozenSeconds);
        Assert.Equal(0.3, limits.TiltLimit);
        Assert.Equal(new Robot.Firmware.Safety.SupervisorLimits().WheelLiftedAcceleration, limits.WheelLiftedAcceleration); // the rest stay
        Assert.True(double.IsNaN(limits.LowBatteryVoltage)); // no battery monitor: still off
        Assert.Equal(typeof(Robot.Firmware.Safety.SupervisorLimits).GetProperties().Length, RobotConfig.LimitKeys.Count());
    }

    [Theory]
    [InlineData("""{ "limits": { "stall_secs": 0.5 } }""", "no threshold 'stall_secs' (the names: arm_hold_seconds")]
    [InlineData("""{ "limits": { "stall_seconds": 0 } }""", "limits.stall_seconds must be a positive number")]
    [InlineData("""{ "limits": { "direction_min_counts": 7.5 } }""", "limits.direction_min_counts is a count")]
    [InlineData("""{ "limits": { "low_battery_voltage": 6 } }""", "give battery.monitor_address too")]
    [InlineData("""{ "limits": { "stall_seconds": "long" } }""", "not a valid config")]
    public void ABadLimitIsRefusedNamingIt(string json, string mention)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(mention, e.Message);
    }

    [Theory]
    [InlineData("""{ "loop": { "rate_hz": 5000 } }""", "loop.rate_hz")]
    [InlineData("""{ "motor": { "duty_limit": 1.5 } }""", "motor.duty_limit")]
    [InlineData("""{ "imu": { "address": 80 } }""", "imu.address")]
    [InlineData("""{ "motor": { "in1_pin": 17 } }""", "different pins")]
    [InlineData("""{ "heartbeat": { "pin": 23 } }""", "different pins")]
    [InlineData("""{ "heartbeat": { "readback_pin": 6 } }""", "give heartbeat.pin too")]
    [InlineData("""{ "imu": { "mounting": [0, 1, 0, 1, 1, 1] } }""", "imu.mounting")]
    [InlineData("""{ "imu": { "mounting": [0, 1, 2, 1, 0, 1] } }""", "pitch-rate axis")]
    [InlineData("""{ "motor": { "pwm_frequency_hz": 10 } }""", "motor.pwm_frequency_hz")]
    [InlineData("""{ "imu": { "filter_hz": 50 } }""", "imu.filter_hz")]
    [InlineData("""{ "battery": { "monitor_address": 54 } }""", "battery.monitor_address")]
    [InlineData("""{ "battery": { "monitor_address": 64 }, "limits": { "low_battery_voltage": 2 } }""", "limits.low_battery_voltage")]
    [InlineData("""{ "limits": { "arm_hold_seconds": 0.1 } }""", "limits.arm_hold_seconds")]
    [InlineData("""{ "limits": { "max_consecutive_read_failures": 200 } }""", "limits.max_consecutive_read_failures")]
    [InlineData("""{ "loop": { "rate": 200 } }""", "'loop.rate' is not a robot.json setting; the settings in loop are priority, rate_hz")]
    [InlineData("""{ "wheel": { "free_speed_rad_s": 0 } }""", "wheel.free_speed_rad_s")]
    [InlineData("""{ "loop": { "rate_hz": "fast" } }""", "not a valid config")]
    [InlineData("""not json""", "not a valid config")]
    public void BadValuesAreRefusedNamingTheField(string json, string mention)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(mention, e.Message);
    }

    [Fact]
    public void AMisspeltSettingIsRefusedWithTheNamesThereAre()
    {
        var e = Assert.Throws<ConfigException>(() => Load("""{ "loop": { "rate_hz": 200 }, "motor": { "dutty_limit": 0.5 } }"""));
        Assert.Contains("'motor.dutty_limit' is not a robot.json setting", e.Message);
        Assert.Contains("the settings in motor are duty_limit, in1_pin", e.Message);
        Assert.DoesNotContain(".NET", e.Message);
        e = Assert.Throws<ConfigException>(() => Load("""{ "moter": { "duty_limit": 0.5 } }"""));
        Assert.Contains("'moter' is not a section of robot.json; the sections are battery, encoder", e.Message);
    }

    [Fact]
    public void APatchChangesOnlyWhatItNamesDownToOneThreshold()
    {
        var own = Load("""{ "motor": { "duty_limit": 0.7 }, "battery": { "monitor_address": 65 }, "limits": { "stall_seconds": 0.5 } }""");
        var patched = own.WithPatch((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(
            """{ "battery": { "monitor_address": null }, "limits": { "tilt_limit": 0.3, "runaway_seconds": 0.2 } }""")!, "patch");
        Assert.Equal(0.3, patched.Limits().TiltLimit);
        Assert.Equal(0.7, patched.Motor.DutyLimit); // untouched
        Assert.Null(patched.Battery.MonitorAddress); // null removes: back to no monitor
        Assert.Equal(0.5, patched.Limits().StallSeconds); // the file's threshold stays beside the patch's
        Assert.Equal(0.2, patched.Limits().RunawaySeconds);
        var e = Assert.Throws<ConfigException>(() => own.WithPatch(new() { ["motor"] = new System.Text.Json.Nodes.JsonObject { ["duty_limit"] = 3 } }, "scenario 'x'"));
        Assert.StartsWith("scenario 'x': ", e.Message); // validated as a file is
    }

    /// <summary>A robot installed before robot.json had sections keeps its file: each flat key lands where it lives now.</summary>
    [Fact]
    public void AFileInTheFlatFormOfBeforeReadsAsItDid()
    {
        var c = Load("""
            { "i2c_bus": 1, "loop_rate_hz": 500, "loop_priority": 70, "duty_limit": 0.8, "stop_mode": "brake", "standby_pin": 25,
              "imu_address": 105, "imu_mounting": [1, -1, 2, 1, 0, 1], "gyro_bias_counts": -12.5, "pitch_offset_rad": 0.01,
              "battery_monitor_address": 64, "low_battery_v": 6.0, "max_current_a": 1.5, "wheel_radius_m": 0.07, "auto_arm": true,
              "tilt_limit_rad": 0.4, "watchdog_s": null, "telemetry_keep_files": 3, "limits": { "tilt_limit": 0.3, "stall_seconds": 0.5 } }
            """);
        Assert.Equal((500.0, 70), (c.Loop.Rate, c.Loop.Priority));
        Assert.Equal((0.8, Robot.Firmware.Devices.Motor.StopMode.Brake, (int?)25), (c.Motor.DutyLimit, c.Motor.StopMode, c.Motor.StandbyPin));
        Assert.Equal((0x69, -12.5, 0.01), (c.Imu.Address, c.Imu.GyroBiasCounts, c.Imu.PitchOffset));
        Assert.Equal(1, c.Imu.Orientation().ForwardAxis);
        Assert.Equal((int?)64, c.Battery.MonitorAddress);
        Assert.Equal((0.07, 3, true), (c.Wheel.Radius, c.Telemetry.KeepFiles, c.Run.AutoArm));
        var limits = c.Limits();
        Assert.Equal((6.0, 1.5, 0.5), (limits.LowBatteryVoltage, limits.MaxCurrent, limits.StallSeconds));
        Assert.Equal(0.3, limits.TiltLimit); // its limits section won over tilt_limit_rad then, and still does
        Assert.Equal(Math.Max(0.025, 3 / 500.0), limits.WatchdogSeconds); // null: the default, as before
        var e = Assert.Throws<ConfigException>(() => Load("""{ "loop_rate_hz": 200, "dutty_limit": 0.5 }"""));
        Assert.Contains("'dutty_limit' is not a section of robot.json", e.Message); // a misspelt flat key is still named
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        var problems = new RobotConfig { Loop = new() { Rate = 1 }, Motor = new() { DutyLimit = 0 } }.WithLimits(("tilt_limit", 3)).Validate();
        Assert.Equal(3, problems.Count);
        Assert.ThrowsAny<Robot.Cli.InputException>(() => RobotConfig.Load("/nonexistent/robot.json"));
    }

    [Fact]
    public void CalibrationIsSavedAtomicallyAndReadsBackExactly()
    {
        var original = Load("""{ "loop": { "rate_hz": 500 }, "motor": { "stop_mode": "brake" } }""");
        original.WithCalibration(65.25, -0.0123).Save(_file);
        var again = RobotConfig.Load(_file);
        Assert.Equal(65.25, again.Imu.GyroBiasCounts);
        Assert.Equal(-0.0123, again.Imu.PitchOffset);
        Assert.Equal(500, again.Loop.Rate);
        Assert.Equal(Robot.Firmware.Devices.Motor.StopMode.Brake, again.Motor.StopMode);
        Assert.False(File.Exists(_file + ".tmp"));
        Assert.Equal(3, again.Limits().MaxConsecutiveReadFailures);
        Assert.True(double.IsNaN(again.Limits().LowBatteryVoltage), "no battery monitor, no low-battery check");
        Assert.Equal(9.0, (again with { Battery = new() { MonitorAddress = 0x40 } }).Limits().LowBatteryVoltage);
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
    [InlineData("""{ "imu": { "mounting": null } }""", "mounting")]
    [InlineData("""{ "loop": { "rate_hz": null } }""", "rate_hz")]
    [InlineData("""{ "motor": { "stop_mode": null } }""", "stop_mode")]
    [InlineData("""{ "motor": null }""", "motor")]
    [InlineData("""{ "loop": { "rate_hz": NaN } }""", "rate_hz")]
    [InlineData("""{ "limits": { "watchdog_seconds": 0.5 } }""", "limits.watchdog_seconds")]
    [InlineData("""{ "limits": { "watchdog_seconds": 0.001 } }""", "limits.watchdog_seconds")]
    [InlineData("""{ "limits": { "imu_blind_seconds": 1 } }""", "limits.imu_blind_seconds")]
    [InlineData("""{ "battery": { "monitor_address": 64 }, "limits": { "max_current": 40 } }""", "limits.max_current 40 is beyond what the INA219 reads")]
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
        Assert.Contains("imu.gyro_bias_counts", new RobotConfig().WithCalibration(5000, 0.01).CalibrationProblem());
        Assert.Contains("imu.pitch_offset_rad", new RobotConfig().WithCalibration(10, 0.5).CalibrationProblem());
        Assert.False(new RobotConfig().Run.AutoArm); // arming is an explicit act unless asked for
    }

    [Fact]
    public void MutatedConfigsLoadOrAreRefusedWithAConfigError()
    {
        string valid = """
            { "i2c": { "bus": 1 }, "loop": { "rate_hz": 200 }, "motor": { "duty_limit": 0.8, "stop_mode": "brake" }, "run": { "auto_arm": false },
              "battery": { "monitor_address": 64 }, "imu": { "mounting": [0, 1, 2, 1, 1, 1], "gyro_bias_counts": -12.5, "pitch_offset_rad": 0.01 },
              "limits": { "watchdog_seconds": 0.03 } }
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
                Assert.NotNull(config.Imu.Mounting);
            }
            catch (ConfigException) { refused++; }
            catch (Robot.Cli.InputException) { refused++; }
        }
        Assert.InRange(refused, 1000, 3000);
    }
}
