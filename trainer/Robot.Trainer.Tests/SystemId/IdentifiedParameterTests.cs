using Robot.SystemId;

namespace Robot.Trainer.Tests.SystemId;

/// <summary>A fitted value stopped on a bound of the fit is never reported as pinned down, nor as "+- 0".</summary>
public class IdentifiedParameterTests
{
    [Fact]
    public void AValueOnABoundIsNotIdentified()
    {
        Assert.True(IdentifiedParameter.OnBound(0.003, 0.003, 0.3));
        Assert.True(IdentifiedParameter.OnBound(0.3, 0.003, 0.3));
        Assert.False(IdentifiedParameter.OnBound(0.03, 0.003, 0.3));
        var stuck = new IdentifiedParameter("deadband", 0.003, 0, "V", AtBound: true);
        Assert.False(stuck.Identified);
        Assert.Contains("bound", stuck.Uncertainty);
        Assert.DoesNotContain("+- 0", stuck.Uncertainty);
        var fitted = new IdentifiedParameter("deadband", 0.3, 0.003, "V");
        Assert.True(fitted.Identified);
        Assert.Equal("+- 0.003 (1.00 %)", fitted.Uncertainty);
    }
}

/// <summary>sysid's start: the hand measurements, required by name; the wheel's inertia follows them.</summary>
public class MeasuredRobotTests
{
    [Fact]
    public void TheWheelsInertiaFollowsItsMassAndRadius()
    {
        var p = MeasuredRobot.FromStartFile("""{"format":"robot-plant/1","parameters":{"body_mass":0.9,"wheel_mass":0.3,"wheel_radius":0.15}}""", "m.json");
        Assert.Equal(0.3 * 0.15 * 0.15 / 2, p.WheelInertia, 12);
        Assert.Equal(0.9, p.BodyMass);
        var given = MeasuredRobot.FromStartFile("""{"format":"robot-plant/1","parameters":{"body_mass":0.9,"wheel_mass":0.3,"wheel_radius":0.15,"wheel_inertia":0.004}}""", "m.json");
        Assert.Equal(0.004, given.WheelInertia);
    }

    [Fact]
    public void AMissingMeasurementIsNamed()
    {
        var e = Assert.Throws<FormatException>(() => MeasuredRobot.FromStartFile("""{"format":"robot-plant/1","parameters":{"wheel_radius":0.05}}""", "m.json"));
        Assert.Contains("\"body_mass\"", e.Message);
        Assert.Contains("\"wheel_mass\"", e.Message);
        Assert.DoesNotContain("\"wheel_radius\"", e.Message);
    }
}
