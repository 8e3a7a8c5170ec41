using MathNet.Numerics.LinearAlgebra;
using Robot.Dynamics.Control;
using Robot.Observation;
using Robot.Dynamics.Plant;
using Robot.Dynamics.Sensors;

namespace Robot.Dynamics.Tests;

/// <summary>The shared estimator against the true state, fed by the sensor models.</summary>
public class EstimatorTests
{
    [Fact]
    public void EncoderCountsTheRelativeAngleModuloATurn()
    {
        Assert.Equal(0, As5600Model.Sample(new UniwheelState(0, 0, 0, 0)));
        Assert.Equal(1024, As5600Model.Sample(new UniwheelState(Math.PI / 2 + 1e-9, 0, 0, 0)));
        Assert.Equal(3072, As5600Model.Sample(new UniwheelState(0, Math.PI / 2 - 1e-9, 0, 0))); // body turned forward: -90 deg relative
        Assert.Equal(1024, As5600Model.Sample(new UniwheelState(2.5 * Math.PI + 1e-9, 0, 0, 0)));
    }

    [Fact]
    public void StillAndTiltedTheImuReadsGravityOnly()
    {
        var plant = new UniwheelParameters();
        var imu = new Mpu6050Model(new ImuParameters { AccelNoiseG = 0, GyroNoiseDegPerSecond = 0 }, plant);
        double tilt = 10 * Math.PI / 180;
        var sample = imu.Sample(new UniwheelState(0, tilt, 0, 0), default, new Random(1));
        Assert.Equal(-Math.Sin(tilt) * 16384, sample.AccelX, 0);
        Assert.Equal(Math.Cos(tilt) * 16384, sample.AccelZ, 0);
        Assert.Equal(0, sample.GyroY);
        var fast = imu.Sample(new UniwheelState(0, 0, 0, 10), default, new Random(1)); // 573 deg/s: beyond +-250
        Assert.Equal(short.MaxValue, fast.GyroY);
    }

    [Fact]
    public void PitchAndWheelEstimatesTrackTheTruthWhileBalancing()
    {
        var p = new UniwheelParameters();
        var imuParameters = new ImuParameters { GyroBiasDegPerSecond = 1.5, AccelBiasG = 0.005 };
        var imu = new Mpu6050Model(imuParameters, p);
        var plant = new UniwheelPlant(p);
        var (a, b) = Linearization.Analytic(p with { CoulombFriction = 0, Deadband = 0 });
        var k = Lqr.Gain(a, b, Matrix<double>.Build.DiagonalOfDiagonalArray([1.0, 100.0, 0.1, 1.0]), Matrix<double>.Build.Dense(1, 1, 0.05), 0.005);
        var estimator = new StateEstimator(p.WheelRadius)
        {
            GyroBiasCounts = imuParameters.GyroBiasDegPerSecond * Mpu6050Scale.GyroLsbPerDegPerSecond, // as calibration finds it
        };
        var rng = new Random(3);
        var s = new UniwheelState(0, 4 * Math.PI / 180, 0, 0);
        double sumSquared = 0, worstPitch = 0, worstPosition = 0;
        int n = 0;
        for (int tick = 0; tick < 200 * 10; tick++)
        {
            if (tick == 1000) s = s with { PitchRate = s.PitchRate + 1.0 }; // a push at 5 s
            var imuSample = imu.Sample(s, plant.Derivative(s, 0), rng);
            estimator.Update(imuSample.AccelX, imuSample.AccelZ, imuSample.GyroY, As5600Model.Sample(s), 0.005);
            if (tick > 200) // after the filter's first second
            {
                double e = estimator.Pitch - s.Pitch;
                sumSquared += e * e;
                n++;
                worstPitch = Math.Max(worstPitch, Math.Abs(e));
                worstPosition = Math.Max(worstPosition, Math.Abs((estimator.WheelAngle - s.WheelAngle) * p.WheelRadius));
            }
            double u = -(k[0, 0] * s.WheelAngle + k[0, 1] * s.Pitch + k[0, 2] * s.WheelRate + k[0, 3] * s.PitchRate);
            for (int sub = 0; sub < 10; sub++) s = plant.Step(s, u, 0.0005);
        }
        double rmsDegrees = Math.Sqrt(sumSquared / n) * 180 / Math.PI;
        Assert.True(rmsDegrees < 0.5, $"pitch error {rmsDegrees:F3} deg RMS");
        Assert.True(worstPitch * 180 / Math.PI < 2, $"worst pitch error {worstPitch * 180 / Math.PI:F2} deg");
        Assert.True(worstPosition < 0.01, $"worst position error {worstPosition * 1000:F1} mm");
        Assert.True(Math.Abs(s.Pitch) < 0.05, "the robot fell: the scenario did not exercise the estimator");
    }
}
