using MathNet.Numerics.LinearAlgebra;
using Robot.Dynamics.Estimation;
using Robot.Dynamics.Plant;
using Robot.Policy;

namespace Robot.Dynamics.Control;

/// <summary>
/// The LQR baseline as a policy file: u = -K x on the estimator's observation, in duty units, as
/// one linear layer. It runs through the same runtime, on the same observations, as a learned policy.
/// </summary>
public static class LqrPolicy
{
    /// <summary>
    /// Default weights on (wheel angle, pitch, wheel rate, pitch rate) and on voltage: the best of a
    /// small grid on 200 randomized episodes with pushes (docs/benchmarks.md), so the baseline is a fair one.
    /// </summary>
    public static readonly double[] DefaultStateWeights = [1.0, 10.0, 0.1, 0.1];
    public const double DefaultVoltageWeight = 1.0;

    public static PolicyModel Create(UniwheelParameters p, double controlRate = 200, double[]? stateWeights = null, double voltageWeight = DefaultVoltageWeight)
    {
        var (a, b) = Linearization.Analytic(p with { CoulombFriction = 0, Deadband = 0 });
        var q = Matrix<double>.Build.DiagonalOfDiagonalArray(stateWeights ?? DefaultStateWeights);
        var r = Matrix<double>.Build.Dense(1, 1, voltageWeight);
        var k = Lqr.Gain(a, b, q, r, 1.0 / controlRate);
        // Observation: pitch, pitch rate, position = r phi, velocity = r phi', previous duty. Duty = volts / battery.
        double v = p.BatteryVoltage, radius = p.WheelRadius;
        float[] weights =
        [
            (float)(-k[0, 1] / v), (float)(-k[0, 3] / v), (float)(-k[0, 0] / (radius * v)), (float)(-k[0, 2] / (radius * v)), 0f,
        ];
        var layer = new DenseLayer(StateEstimator.ObservationSize, 1, Activation.Identity, weights, [0f]);
        int n = StateEstimator.ObservationSize;
        return new PolicyModel(StateEstimator.ObservationNames, ActionKind.Continuous, 1, OutputTransform.Clip, [-1f], [1f], [1f], [0f],
            new float[n], Enumerable.Repeat(1f, n).ToArray(), 1e9f, [layer],
            ["policy", "control_rate_hz", "producer"], ["lqr", controlRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "Robot.Dynamics.LqrPolicy"]);
    }
}
