using MathNet.Numerics.LinearAlgebra;
using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Dynamics.Control;

/// <summary>
/// The LQR baseline on the estimator's observation: duty = gains . observation, so that it runs
/// through the policy runtime (as a one-layer linear policy file) on exactly the observations a
/// learned policy sees. Building that file is the policy format's business (Robot.Policy.LinearPolicy).
/// </summary>
/// <param name="DutyGains">One gain per observation entry, in <see cref="ObservationLayout"/> order, in duty units.</param>
public sealed record LqrBaseline(float[] DutyGains, double ControlRate)
{
    /// <summary>
    /// Default weights on (wheel angle, pitch, wheel rate, pitch rate) and on voltage: the best of a
    /// small grid on 200 randomized episodes with pushes (docs/benchmarks.md), so the baseline is a fair one.
    /// </summary>
    public static readonly double[] DefaultStateWeights = [1.0, 10.0, 0.1, 0.1];
    public const double DefaultVoltageWeight = 1.0;
    public const double DefaultControlRate = 200;

    /// <summary>Gains for the plant <paramref name="p"/>, discretized for <paramref name="controlRate"/> Hz.</summary>
    public static LqrBaseline Design(UniwheelParameters p, double controlRate = DefaultControlRate, double[]? stateWeights = null,
        double voltageWeight = DefaultVoltageWeight)
    {
        var (a, b) = Linearization.Analytic(p with { CoulombFriction = 0, Deadband = 0 });
        var q = Matrix<double>.Build.DiagonalOfDiagonalArray(stateWeights ?? DefaultStateWeights);
        var r = Matrix<double>.Build.Dense(1, 1, voltageWeight);
        var k = Lqr.Gain(a, b, q, r, 1.0 / controlRate);
        // The plant's state is (wheel angle, pitch, wheel rate, pitch rate) in volts; the observation
        // has position = r phi and velocity = r phi', and duty = volts / battery.
        double v = p.BatteryVoltage, radius = p.WheelRadius;
        var gains = new float[ObservationLayout.Size];
        gains[ObservationLayout.Pitch] = (float)(-k[0, 1] / v);
        gains[ObservationLayout.PitchRate] = (float)(-k[0, 3] / v);
        gains[ObservationLayout.Position] = (float)(-k[0, 0] / (radius * v));
        gains[ObservationLayout.Velocity] = (float)(-k[0, 2] / (radius * v));
        return new LqrBaseline(gains, controlRate);
    }

    /// <summary>What a policy file of this baseline records about itself.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata =>
    [
        new("policy", "lqr"),
        new("control_rate_hz", ControlRate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("producer", "Robot.Dynamics.LqrBaseline"),
    ];
}
