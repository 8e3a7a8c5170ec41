using Robot.Dynamics.Control;
using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Dynamics.Tests;

/// <summary>The LQR is designed for the plant it is given, not the built-in one.</summary>
public class LqrBaselineTests
{
    /// <summary>
    /// Known answer: the regulator works in volts, so on a pack of V' volts the same volts need
    /// V / V' times the duty. A 2S robot's gains are the built-in 3S robot's times 11.1 / 7.4.
    /// </summary>
    [Fact]
    public void APacksVoltageScalesTheDutyGainsByItsRatio()
    {
        var builtIn = new UniwheelParameters();
        var twoCell = builtIn with { BatteryVoltage = 7.4 };
        var a = LqrBaseline.Design(builtIn).DutyGains;
        var b = LqrBaseline.Design(twoCell).DutyGains;
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i] * 11.1 / 7.4, b[i], 1e-5 * Math.Abs(a[i]) + 1e-9);
    }

    /// <summary>A taller, heavier body falls with more torque: its regulator spends more duty per radian of tilt.</summary>
    [Fact]
    public void TheRegulatorSeesTheBodyItIsDesignedFor()
    {
        var builtIn = LqrBaseline.Design(new UniwheelParameters()).DutyGains;
        var tall = LqrBaseline.Design(new UniwheelParameters { BodyComHeight = 0.16, BodyMass = 1.6, BodyInertia = 0.009 }).DutyGains;
        Assert.True(Math.Abs(tall[ObservationLayout.Pitch]) > 1.2 * Math.Abs(builtIn[ObservationLayout.Pitch]),
            $"pitch gain {tall[ObservationLayout.Pitch]} against the built-in's {builtIn[ObservationLayout.Pitch]}");
    }
}
