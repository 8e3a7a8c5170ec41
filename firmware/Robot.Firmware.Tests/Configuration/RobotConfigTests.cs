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

    [Theory]
    [InlineData("""{ "loop_rate_hz": 5000 }""", "loop_rate_hz")]
    [InlineData("""{ "duty_limit": 1.5 }""", "duty_limit")]
    [InlineData("""{ "imu_address": 80 }""", "imu_address")]
    [InlineData("""{ "in1_pin": 17 }""", "three different pins")]
    [InlineData("""{ "imu_mounting": [0, 1, 0, 1, 1, 1] }""", "imu_mounting")]
    [InlineData("""{ "pwm_frequency_hz": 10 }""", "pwm_frequency_hz")]
    [InlineData("""{ "imu_filter_hz": 50 }""", "imu_filter_hz")]
    [InlineData("""{ "battery_monitor_address": 54 }""", "battery_monitor_address")]
    [InlineData("""{ "low_battery_v": 0 }""", "low_battery_v")]
    [InlineData("""{ "arm_hold_s": 0 }""", "arm_hold_s")]
    [InlineData("""{ "max_read_failures": 0 }""", "max_read_failures")]
    [InlineData("""{ "loop_rate": 200 }""", "loop_rate")]
    [InlineData("""{ "loop_rate_hz": "fast" }""", "not a valid config")]
    [InlineData("""not json""", "not a valid config")]
    public void BadValuesAreRefusedNamingTheField(string json, string mention)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(mention, e.Message);
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        var problems = new RobotConfig { LoopRate = 1, DutyLimit = 0, TiltLimit = 3 }.Validate();
        Assert.Equal(3, problems.Count);
        Assert.Throws<ConfigException>(() => RobotConfig.Load("/nonexistent/robot.json"));
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
