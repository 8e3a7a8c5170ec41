using Robot.Dynamics.Control;
using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Dynamics.Tests;

/// <summary>The driving observation (VelocityReference) and the LQR baseline's tracking of it.</summary>
public class DrivingContractTests
{
    static float[] Observation(double position)
    {
        var o = new float[ObservationLayout.DrivingSize];
        o[ObservationLayout.Position] = (float)position;
        return o;
    }

    [Fact]
    public void ThePointMovesAtTheTargetAndThePositionBecomesTheDistanceFromIt()
    {
        var reference = new VelocityReference();
        var o = Observation(0);
        for (int k = 0; k < 100; k++)
        {
            o[ObservationLayout.Position] = (float)(0.3 * (k + 1) * 0.005); // the wheel keeps up exactly
            reference.Apply(o, 0.3, 0.005);
        }
        Assert.Equal(0.15, reference.Position, 9);
        Assert.Equal(0, o[ObservationLayout.Position], 5);
        Assert.Equal(0.3f, o[ObservationLayout.TargetVelocity]);
    }

    [Fact]
    public void AHeldBackRobotIsNeverAskedToMakeUpMoreThanTheLag()
    {
        var reference = new VelocityReference();
        var o = Observation(0);
        for (int k = 0; k < 1000; k++) // 5 s at 0.5 m/s with the wheel held at 0: 2.5 m of command
        {
            o[ObservationLayout.Position] = 0;
            reference.Apply(o, 0.5, 0.005);
        }
        Assert.Equal(VelocityReference.MaxLag, reference.Position, 9);
        Assert.Equal(-VelocityReference.MaxLag, o[ObservationLayout.Position], 5);
        // Pushed far the other way: the point follows the wheel, again at most the lag away.
        o[ObservationLayout.Position] = -1;
        reference.Apply(o, 0, 0.005);
        Assert.Equal(-1 + VelocityReference.MaxLag, reference.Position, 6);
    }

    [Fact]
    public void TheLqrHoldingDutyRollsTheWheelWithNoNetTorque()
    {
        var p = new UniwheelParameters() with { Deadband = 0, CoulombFriction = 0 };
        double speed = 0.4, rate = speed / p.WheelRadius;
        double volts = LqrBaseline.HoldingDutyPerSpeed(p) * speed * p.BatteryVoltage;
        var d = new UniwheelPlant(p).Derivative(new UniwheelState(0, 0, rate, 0), volts);
        Assert.Equal(0, d.WheelRate, 9); // no wheel acceleration
        Assert.Equal(0, d.PitchRate, 9); // no pitch acceleration
        // Without it (the balancing gains only), friction and back-EMF slow the wheel.
        var coasting = new UniwheelPlant(p).Derivative(new UniwheelState(0, 0, rate, 0), 0);
        Assert.True(coasting.WheelRate < -0.1);
    }

    [Fact]
    public void TheDrivingLqrHasTheBalancingGainsAndAGainOnTheTarget()
    {
        var balance = LqrBaseline.Design(new UniwheelParameters());
        var drive = LqrBaseline.Design(new UniwheelParameters(), driving: true);
        Assert.Equal(ObservationLayout.DrivingNames, drive.ObservationNames);
        Assert.Equal(balance.DutyGains, drive.DutyGains[..ObservationLayout.Size]);
        double expected = LqrBaseline.HoldingDutyPerSpeed(new UniwheelParameters()) - drive.DutyGains[ObservationLayout.Velocity];
        Assert.Equal(expected, drive.DutyGains[ObservationLayout.TargetVelocity], 5);
    }
}
