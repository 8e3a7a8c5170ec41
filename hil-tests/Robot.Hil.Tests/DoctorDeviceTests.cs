using System.Text.Json.Nodes;
using Robot.Firmware.Doctor;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Tests;

/// <summary>robot-firmware doctor's device checks on the simulated robot: all answer on a good one; each wiring fault fails its own line, with a fix, and no other.</summary>
public class DoctorDeviceTests
{
    static IReadOnlyList<DoctorFinding> Check(params FaultWindow[] faults)
    {
        var scenario = new Scenario { Name = "doctor", Robot = new JsonObject { ["battery"] = new JsonObject { ["monitor_address"] = 0x40 } }, Faults = faults };
        var config = HilRunner.Configure(scenario);
        using var rig = SimulatedRig.Create(scenario, config, realTime: false);
        return DeviceDoctor.Check(config, rig.Hardware);
    }

    [Fact]
    public void EveryDeviceAnswersOnAGoodRobot()
    {
        var findings = Check();
        Assert.Equal(["IMU", "encoder", "battery monitor", "e-stop"], findings.Select(f => f.Check));
        Assert.All(findings, f => Assert.True(f.Ok, $"{f.Check}: {f.Detail}"));
    }

    [Theory]
    [InlineData(FaultKind.ImuNack, 0, "IMU", "does not answer")]
    [InlineData(FaultKind.MagnetLost, 0, "encoder", "no magnet detected")]
    [InlineData(FaultKind.EncoderNack, 0, "encoder", "does not answer")]
    [InlineData(FaultKind.BatteryMonitorNack, 0, "battery monitor", "does not answer")]
    [InlineData(FaultKind.BatterySag, 8.0, "battery monitor", "below limits.low_battery_voltage")]
    [InlineData(FaultKind.EStop, 0, "e-stop", "reads pressed")]
    public void EachFaultFailsItsOwnLine(FaultKind kind, double value, string check, string detail)
    {
        var findings = Check(new FaultWindow { Kind = kind, Start = 0, Value = value });
        var failed = Assert.Single(findings, f => !f.Ok);
        Assert.Equal(check, failed.Check);
        Assert.Contains(detail, failed.Detail);
        Assert.False(string.IsNullOrEmpty(failed.Fix));
    }
}
