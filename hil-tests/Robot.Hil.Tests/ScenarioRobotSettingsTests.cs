using System.Text.Json.Nodes;
using Robot.Dynamics.Plant;
using Robot.Firmware.Configuration;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Tests;

/// <summary>A scenario's robot section is a JSON merge patch over robot.json (the user's, or its defaults), then what the simulated chips fix.</summary>
public class ScenarioRobotSettingsTests
{
    static JsonObject Patch(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void TheSectionChangesOnlyWhatItNamesOverTheUsersRobotJson()
    {
        var own = new RobotConfig { Motor = new() { DutyLimit = 0.7 }, Wheel = new() { Radius = 0.06 }, LimitOverrides = new() { ["stall_seconds"] = 0.5 } };
        var scenario = new Scenario
        {
            Name = "patched", BaseConfig = own,
            Robot = Patch("""{ "battery": { "monitor_address": 64 }, "limits": { "runaway_seconds": 0.2 } }"""),
        };
        var config = HilRunner.Configure(scenario);
        Assert.Equal(0.7, config.Motor.DutyLimit); // the user's, untouched
        Assert.Equal(0.06, config.Wheel.Radius); // a user's robot.json keeps its own geometry
        Assert.Equal(0x40, config.Battery.MonitorAddress);
        Assert.Equal(0.5, config.Limits().StallSeconds); // the user's threshold beside the scenario's
        Assert.Equal(0.2, config.Limits().RunawaySeconds);
        // What the simulated chips fix comes last: the IMU's calibration, the INA219's shunt.
        Assert.Equal((0.0, 0.0, SimulatedIna219.ShuntOhms), (config.Imu.GyroBiasCounts!.Value, config.Imu.PitchOffset!.Value, config.Battery.ShuntOhms));
    }

    [Fact]
    public void WithoutAUsersRobotJsonTheGeometryIsThePlantsAndTheLoopRunsAtNormalPriority()
    {
        var plant = new UniwheelParameters { WheelRadius = 0.09 };
        var config = HilRunner.Configure(new Scenario { Name = "plain", Plant = plant });
        Assert.Equal(0.09, config.Wheel.Radius);
        Assert.Equal(0, config.Loop.Priority);
        Assert.Equal(80, HilRunner.Configure(new Scenario { Name = "rt", Robot = Patch("""{ "loop": { "priority": 80 } }""") }).Loop.Priority);
    }

    [Fact]
    public void AMisspeltSettingIsRefusedNamingItAndTheScenario()
    {
        var e = Assert.Throws<ScenarioException>(() => HilRunner.Configure(new Scenario { Name = "typo", Robot = Patch("""{ "battery": { "max_curent_a": 1.5 } }""") }));
        Assert.Contains("scenario 'typo'", e.Message);
        Assert.Contains("'battery.max_curent_a' is not a robot.json setting", e.Message);
    }

    [Fact]
    public void TheSuitesDutyLimitNeverOverridesTheScenariosOwnNorChangesIt()
    {
        var own = new Scenario { Name = "own", Robot = Patch("""{ "motor": { "duty_limit": 0.9 } }""") };
        Assert.Equal(0.9, HilRunner.Configure(own.AtDutyLimit(0.5)).Motor.DutyLimit);
        var plain = new Scenario { Name = "plain", Robot = Patch("""{ "battery": { "monitor_address": 64 }, "limits": { "max_current": 1.5 } }""") };
        var limited = plain.AtDutyLimit(0.5);
        Assert.Equal(0.5, HilRunner.Configure(limited).Motor.DutyLimit);
        Assert.Equal(1.5, HilRunner.Configure(limited).Limits().MaxCurrent);
        Assert.False(plain.Robot!.ContainsKey("motor")); // the loaded scenario is not touched
    }
}
