using Robot.Envs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>
/// Gaussian MLP policy for continuous actions: tanh MLP mean, state-independent log std (a
/// learned vector). Sampled actions are kept unclipped for their log-probability; the environment
/// clips them to the action bounds. Evaluation takes the mean, clipped.
/// Odd (for an env whose mirror flips every observation and action): no biases and uncentred
/// normalization, so the mean action is exactly an odd function of the observation. The controller
/// then puts out nothing at the mirror-symmetric state (upright, still, at home): it cannot hold a
/// steady duty there that drives the robot away.
/// </summary>
public sealed class GaussianPolicy : StochasticPolicy
{
    readonly Sequential net;
    readonly Parameter log_std;
    float[] _meanBuffer = [];
    float[] _logStd = [];

    public GaussianPolicy(EnvSpec spec, IReadOnlyList<int> hidden, bool normalizeObservations = false, double initialLogStd = -0.5, bool odd = false)
        : base(nameof(GaussianPolicy), spec, normalizeObservations, centreObservations: !odd)
    {
        if (spec.Action.IsDiscrete) throw new ArgumentException($"{spec.Id} has discrete actions; a Gaussian policy needs continuous ones");
        if (odd && OddProblem(spec) is string problem) throw new ArgumentException($"odd_policy: {problem}");
        Hidden = hidden.ToArray();
        Odd = odd;
        net = Mlp.Build(spec.ObservationSize, Hidden, spec.Action.Size, outputGain: 0.01, bias: !odd);
        using (var initial = TorchSharp.ScalarExtensionMethods.ToScalar(initialLogStd)) // alive through the call (TensorLifetimeTests)
            log_std = new Parameter(full(spec.Action.Size, initial));
        RegisterComponents();
    }

    public override string Kind => "gaussian_mlp";

    /// <summary>The mean action is an odd function of the observation.</summary>
    public bool Odd { get; }

    /// <summary>Why an odd policy does not fit <paramref name="spec"/>'s environment, or null: its mirror must flip every observation and action entry.</summary>
    public static string? OddProblem(EnvSpec spec) =>
        spec.Mirror is not { } mirror ? $"{spec.Id} declares no mirror symmetry"
        : mirror.Check(spec) ?? (mirror.ObservationSigns.All(s => s == -1) && mirror.ActionSigns is { } a && a.All(s => s == -1) ? null
            : $"{spec.Id}'s mirror keeps some entries: an odd policy needs one that flips every observation and action");
    public override IReadOnlyList<int> Hidden { get; }
    public override IReadOnlyList<Linear> Layers => net.children().OfType<Linear>().ToArray();

    public override Tensor forward(Tensor observations)
    {
        using var normalized = normalizer.forward(observations);
        return net.forward(normalized);
    }

    /// <remarks>
    /// Built without gradient tracking (the "old" policy of NPG/TRPO's KL), the log std is detached too:
    /// otherwise both sides of KL(old || new) would move with it and its Fisher block would vanish.
    /// </remarks>
    public override ActionDistribution DistributionOfNormalized(Tensor normalizedObservations) =>
        new GaussianDistribution(net.forward(normalizedObservations), is_grad_enabled() ? log_std : log_std.detach());

    /// <summary>Sets every log standard deviation (a warm-started policy explores less than a new one).</summary>
    public void SetLogStd(double value)
    {
        using var held = TorchSharp.ScalarExtensionMethods.ToScalar(value); // alive through the call (TensorLifetimeTests)
        using (no_grad()) log_std.fill_(held);
    }

    /// <summary>The current log standard deviations (a copy).</summary>
    public float[] LogStd()
    {
        using (no_grad()) return log_std.data<float>().ToArray();
    }

    public override void Act(float[] observations, int count, Random rng, bool deterministic, float[] actions, float[] logProbs)
    {
        int n = Spec.Action.Size;
        if (_meanBuffer.Length < count * n) _meanBuffer = new float[count * n];
        using var scope = NewDisposeScope(); // the layers' outputs too (TensorLifetimeTests says why)
        using (no_grad())
        {
            using var obs = tensor(observations.AsSpan(0, count * Spec.ObservationSize).ToArray(), [count, Spec.ObservationSize]);
            using var mean = forward(obs);
            mean.data<float>().CopyTo(_meanBuffer);
            if (_logStd.Length != n) _logStd = new float[n];
            log_std.data<float>().CopyTo(_logStd);
        }
        GaussianSampling.Sample(_meanBuffer, count, _logStd, Spec.Action.Low, Spec.Action.High, rng, deterministic, actions, logProbs);
    }
}
