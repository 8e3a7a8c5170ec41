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
        var own = new RobotConfig { DutyLimit = 0.7, WheelRadius = 0.06, LimitOverrides = new() { ["stall_seconds"] = 0.5 } };
        var scenario = new Scenario
        {
            Name = "patched", BaseConfig = own,
            Robot = Patch("""{ "battery_monitor_address": 64, "limits": { "runaway_seconds": 0.2 } }"""),
        };
        var config = HilRunner.Configure(scenario);
        Assert.Equal(0.7, config.DutyLimit); // the user's, untouched
        Assert.Equal(0.06, config.WheelRadius); // a user's robot.json keeps its own geometry
        Assert.Equal(0x40, config.BatteryMonitorAddress);
        Assert.Equal(0.5, config.Limits().StallSeconds); // the user's threshold beside the scenario's
        Assert.Equal(0.2, config.Limits().RunawaySeconds);
        // What the simulated chips fix comes last: the IMU's calibration, the INA219's shunt.
        Assert.Equal((0.0, 0.0, SimulatedIna219.ShuntOhms), (config.GyroBiasCounts!.Value, config.PitchOffset!.Value, config.ShuntOhms));
    }

    [Fact]
    public void WithoutAUsersRobotJsonTheGeometryIsThePlantsAndTheLoopRunsAtNormalPriority()
    {
        var plant = new UniwheelParameters { WheelRadius = 0.09 };
        var config = HilRunner.Configure(new Scenario { Name = "plain", Plant = plant });
        Assert.Equal(0.09, config.WheelRadius);
        Assert.Equal(0, config.LoopPriority);
        Assert.Equal(80, HilRunner.Configure(new Scenario { Name = "rt", Robot = Patch("""{ "loop_priority": 80 }""") }).LoopPriority);
    }

    [Fact]
    public void AMisspeltSettingIsRefusedNamingItAndTheScenario()
    {
        var e = Assert.Throws<ScenarioException>(() => HilRunner.Configure(new Scenario { Name = "typo", Robot = Patch("""{ "max_curent_a": 1.5 }""") }));
        Assert.Contains("scenario 'typo'", e.Message);
        Assert.Contains("'max_curent_a' is not a robot.json setting", e.Message);
    }

    [Fact]
    public void TheSuitesDutyLimitNeverOverridesTheScenariosOwnNorChangesIt()
    {
        var own = new Scenario { Name = "own", Robot = Patch("""{ "duty_limit": 0.9 }""") };
        Assert.Equal(0.9, HilRunner.Configure(own.AtDutyLimit(0.5)).DutyLimit);
        var plain = new Scenario { Name = "plain", Robot = Patch("""{ "max_current_a": 1.5 }""") };
        var limited = plain.AtDutyLimit(0.5);
        Assert.Equal(0.5, HilRunner.Configure(limited).DutyLimit);
        Assert.Equal(1.5, HilRunner.Configure(limited).MaxCurrent);
        Assert.False(plain.Robot!.ContainsKey("duty_limit")); // the loaded scenario is not touched
    }
}
