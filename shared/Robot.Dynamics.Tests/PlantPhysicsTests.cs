using MathNet.Numerics.LinearAlgebra;
using Robot.Dynamics.Control;
using Robot.Dynamics.Plant;

namespace Robot.Dynamics.Tests;

public class PlantPhysicsTests
{
    static readonly UniwheelParameters Nominal = new();

    /// <summary>No motor, no friction: the Lagrangian system is conservative.</summary>
    static readonly UniwheelParameters Conservative = Nominal with
    {
        TorqueConstant = 0, BackEmfConstant = 0, ViscousFriction = 0, CoulombFriction = 0, Deadband = 0,
    };

    [Fact]
    public void EnergyIsConservedWithoutMotorAndFriction()
    {
        var plant = new UniwheelPlant(Conservative);
        // Falls from 30 degrees through the ground plane (no contact model) and swings: large motions.
        var s = new UniwheelState(0, 0.5, 1.0, -0.5);
        double e0 = plant.Energy(s);
        double worst = 0;
        for (int i = 0; i < 10_000; i++) // 5 s at 2 kHz
        {
            s = plant.Step(s, 0, 0.0005);
            worst = Math.Max(worst, Math.Abs(plant.Energy(s) - e0));
        }
        Assert.True(worst < 1e-7 * Math.Abs(e0) + 1e-9, $"energy drifted by {worst:E2} J of {e0:F4} J");
        Assert.True(Math.Abs(s.Pitch - 0.5) > 0.1, "the body should have moved");
    }

    [Fact]
    public void AnImpulseDoesTheWorkItsPointOfApplicationReceives()
    {
        // For an impulse J on a point whose velocity is a . q', the kinetic energy gained is
        // J (v_before + v_after) / 2 (Kelvin's impulse theorem); checks M^-1 and the Jacobian together.
        var plant = new UniwheelPlant(Nominal);
        var before = new UniwheelState(0.3, 0.2, 1.5, -0.7);
        double height = 0.15, impulse = 0.4;
        var after = plant.ApplyImpulse(before, impulse, height);
        double PointVelocity(in UniwheelState s) => Nominal.WheelRadius * s.WheelRate + height * Math.Cos(s.Pitch) * s.PitchRate;
        double gained = plant.Energy(after) - plant.Energy(before);
        Assert.Equal(impulse * (PointVelocity(before) + PointVelocity(after)) / 2, gained, 1e-12);
        Assert.True(PointVelocity(after) > PointVelocity(before), "a forward push speeds the point up");
        Assert.Equal(before.Pitch, after.Pitch);
    }

    [Fact]
    public void AnOpenCircuitMotorDoesNotBrake()
    {
        var plant = new UniwheelPlant(Nominal with { ViscousFriction = 0, CoulombFriction = 0 });
        var spinning = new UniwheelState(0, 0, 10, 0);
        Assert.Equal(0, plant.WheelTorque(spinning, 0, openCircuit: true));
        Assert.True(plant.WheelTorque(spinning, 0) < -0.3, "shorted windings brake a spinning wheel");
    }

    [Fact]
    public void FrictionAndBackEmfOnlyEverRemoveEnergy()
    {
        var plant = new UniwheelPlant(Nominal);
        var s = new UniwheelState(0, 0.3, 5.0, 0);
        double previous = plant.Energy(s);
        for (int i = 0; i < 2_000; i++)
        {
            s = plant.Step(s, 0, 0.0005);
            double e = plant.Energy(s);
            Assert.True(e <= previous + 1e-9, $"energy rose at step {i}");
            previous = e;
        }
    }

    [Fact]
    public void AnalyticJacobianMatchesFiniteDifferences()
    {
        // The Jacobian is of the smooth part: no deadband, no Coulomb friction.
        var p = Nominal with { CoulombFriction = 0, Deadband = 0 };
        var (a, b) = Linearization.Analytic(p);
        var (an, bn) = Linearization.Numerical(new UniwheelPlant(p));
        Assert.True((a - an).InfinityNorm() < 1e-5 * a.InfinityNorm(), $"A differs:\n{a}\n{an}");
        Assert.True((b - bn).InfinityNorm() < 1e-5 * b.InfinityNorm(), $"B differs:\n{b}\n{bn}");
    }

    [Fact]
    public void UnstablePoleMatchesTheAnalyticValue()
    {
        var plant = new UniwheelPlant(Conservative);
        double lambda = plant.UnstablePoleWithoutMotor();
        // The linearization's eigenvalues: 0, 0, and +-lambda.
        var evd = Linearization.Analytic(Conservative).A.Evd();
        double largest = evd.EigenValues.Max(e => e.Real);
        Assert.Equal(lambda, largest, 6);
        // The nonlinear plant from a tiny tilt grows as cosh(lambda t).
        var s = new UniwheelState(0, 1e-7, 0, 0);
        for (int i = 0; i < 1000; i++) s = plant.Step(s, 0, 0.0005); // 0.5 s
        Assert.Equal(Math.Cosh(lambda * 0.5), s.Pitch / 1e-7, 3);
        Assert.InRange(lambda, 5, 20); // a 10 cm pendulum falls at about sqrt(g / l_eff)
    }

    [Fact]
    public void MotorTorqueSaturatesAtTheBatteryAndHasADeadband()
    {
        var plant = new UniwheelPlant(Nominal);
        Assert.Equal(0, plant.EffectiveVoltage(0.2));
        Assert.Equal(Nominal.BatteryVoltage - Nominal.Deadband, plant.EffectiveVoltage(100), 9);
        Assert.Equal(-(Nominal.BatteryVoltage - Nominal.Deadband), plant.EffectiveVoltage(-100), 9);
        double stall = plant.WheelTorque(default, 100);
        Assert.Equal(Nominal.TorqueConstant * (Nominal.BatteryVoltage - Nominal.Deadband) / Nominal.Resistance, stall, 9);
    }

    [Fact]
    public void LqrBalancesTheNonlinearPlantFromFiveDegrees()
    {
        var p = Nominal;
        var (a, b) = Linearization.Analytic(p with { CoulombFriction = 0, Deadband = 0 });
        var q = Matrix<double>.Build.DiagonalOfDiagonalArray([1.0, 100.0, 0.1, 1.0]);
        var r = Matrix<double>.Build.Dense(1, 1, 0.05);
        var k = Lqr.Gain(a, b, q, r, period: 0.005);
        var plant = new UniwheelPlant(p);
        var s = new UniwheelState(0, 5 * Math.PI / 180, 0, 0);
        double maxPitch = 0;
        for (int tick = 0; tick < 200 * 5; tick++) // 5 s of 200 Hz control, plant at 2 kHz
        {
            double u = -(k[0, 0] * s.WheelAngle + k[0, 1] * s.Pitch + k[0, 2] * s.WheelRate + k[0, 3] * s.PitchRate);
            for (int sub = 0; sub < 10; sub++) s = plant.Step(s, u, 0.0005);
            maxPitch = Math.Max(maxPitch, Math.Abs(s.Pitch));
        }
        Assert.True(maxPitch < 0.2, $"pitch reached {maxPitch} rad");
        Assert.True(Math.Abs(s.Pitch) < 0.01, $"pitch after 5 s: {s.Pitch} rad");
        Assert.True(Math.Abs(s.WheelAngle * p.WheelRadius) < 0.2, $"drift after 5 s: {s.WheelAngle * p.WheelRadius} m");
    }

    [Fact]
    public void DiscretizationMatchesTheExactExponentialOfADiagonalSystem()
    {
        var a = Matrix<double>.Build.DiagonalOfDiagonalArray([-2.0, 3.0]);
        var b = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 }, { 1.0 } });
        var (ad, bd) = Lqr.Discretize(a, b, 0.1);
        Assert.Equal(Math.Exp(-0.2), ad[0, 0], 12);
        Assert.Equal(Math.Exp(0.3), ad[1, 1], 12);
        Assert.Equal((1 - Math.Exp(-0.2)) / 2, bd[0, 0], 12);
        Assert.Equal((Math.Exp(0.3) - 1) / 3, bd[1, 0], 12);
    }
}
