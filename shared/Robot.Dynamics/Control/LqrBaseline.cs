using MathNet.Numerics.LinearAlgebra;
using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Dynamics.Control;

/// <summary>
/// The LQR baseline on the estimator's observation: duty = gains . observation, so that it runs
/// through the policy runtime (as a one-layer linear policy file) on exactly the observations a
/// learned policy sees. Building that file is the policy format's business (Robot.Policy.LinearPolicy).
/// Driving: the same regulator on the errors from the moving point and the command, plus the
/// duty that holds the commanded speed (back-EMF and viscous friction at that wheel rate), which
/// is again linear in the driving observation.
/// </summary>
/// <param name="DutyGains">One gain per observation entry, in the order of <paramref name="ObservationNames"/>, in duty units.</param>
public sealed record LqrBaseline(float[] DutyGains, double ControlRate, string[] ObservationNames)
{
    /// <summary>
    /// Default weights on (wheel angle, pitch, wheel rate, pitch rate) and on voltage: the best of a
    /// small grid on 200 randomized episodes with pushes (docs/benchmarks.md), so the baseline is a fair one.
    /// </summary>
    public static readonly double[] DefaultStateWeights = [1.0, 10.0, 0.1, 0.1];
    public const double DefaultVoltageWeight = 1.0;
    public const double DefaultControlRate = 200;

    /// <summary>Gains for the plant <paramref name="p"/>, discretized for <paramref name="controlRate"/> Hz.</summary>
    /// <param name="driving">Gains for the driving observation (<see cref="ObservationLayout.DrivingNames"/>) rather than the balancing one.</param>
    public static LqrBaseline Design(UniwheelParameters p, double controlRate = DefaultControlRate, double[]? stateWeights = null,
        double voltageWeight = DefaultVoltageWeight, bool driving = false)
    {
        var (a, b) = Linearization.Analytic(p with { CoulombFriction = 0, Deadband = 0 });
        var q = Matrix<double>.Build.DiagonalOfDiagonalArray(stateWeights ?? DefaultStateWeights);
        var r = Matrix<double>.Build.Dense(1, 1, voltageWeight);
        var k = Lqr.Gain(a, b, q, r, 1.0 / controlRate);
        // The plant's state is (wheel angle, pitch, wheel rate, pitch rate) in volts; the observation
        // has position = r phi and velocity = r phi', and duty = volts / battery.
        double v = p.BatteryVoltage, radius = p.WheelRadius;
        var gains = new float[driving ? ObservationLayout.DrivingSize : ObservationLayout.Size];
        gains[ObservationLayout.Pitch] = (float)(-k[0, 1] / v);
        gains[ObservationLayout.PitchRate] = (float)(-k[0, 3] / v);
        gains[ObservationLayout.Position] = (float)(-k[0, 0] / (radius * v));
        gains[ObservationLayout.Velocity] = (float)(-k[0, 2] / (radius * v));
        if (!driving) return new LqrBaseline(gains, controlRate, ObservationLayout.Names);
        // duty = ... + g_v (velocity - target) + holding(target): the target's gain is holding - g_v.
        gains[ObservationLayout.TargetVelocity] = (float)(HoldingDutyPerSpeed(p) - gains[ObservationLayout.Velocity]);
        return new LqrBaseline(gains, controlRate, ObservationLayout.DrivingNames);
    }

    /// <summary>
    /// The duty per m/s that rolls the wheel at a steady speed with the body upright: no net torque
    /// (no acceleration, no lean), so the current only balances viscous friction, b w / K_t, and the
    /// voltage is K_e w + R b w / K_t with w = speed / r (the deadband and dry friction are left to the feedback).
    /// </summary>
    public static double HoldingDutyPerSpeed(UniwheelParameters p) =>
        (p.BackEmfConstant + p.Resistance * p.ViscousFriction / p.TorqueConstant) / (p.WheelRadius * p.BatteryVoltage);

    /// <summary>What a policy file of this baseline records about itself.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata =>
    [
        new("policy", "lqr"),
        new("control_rate_hz", ControlRate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("producer", "Robot.Dynamics.LqrBaseline"),
    ];
}
