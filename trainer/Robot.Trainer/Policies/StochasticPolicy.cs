using Robot.Envs;
using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>
/// A stochastic policy: observations in, a distribution over actions out. Acting for a batch of
/// environments samples (training) or takes the mode (evaluation) with the caller's random source,
/// so that runs are reproducible from one seed.
/// </summary>
public abstract class StochasticPolicy : nn.Module<Tensor, Tensor>
{
    protected StochasticPolicy(string name, EnvSpec spec, bool normalizeObservations, bool centreObservations = true) : base(name)
    {
        Spec = spec;
        normalizer = new ObservationNormalizer(spec.ObservationSize, normalizeObservations, centred: centreObservations);
    }

    public EnvSpec Spec { get; }

    // Registered by the subclass's RegisterComponents, so checkpoints keep the statistics.
    protected readonly ObservationNormalizer normalizer;

    /// <summary>The observation normalization in front of this policy (and of the value network trained with it).</summary>
    public ObservationNormalizer Normalizer => normalizer;

    /// <summary>The kind written into checkpoints and policy files, e.g. "mlp_softmax".</summary>
    public abstract string Kind { get; }

    /// <summary>Hidden layer widths (empty for a linear policy).</summary>
    public abstract IReadOnlyList<int> Hidden { get; }

    public ActionDistribution Distribution(Tensor observations)
    {
        using var normalized = normalizer.forward(observations);
        return DistributionOfNormalized(normalized);
    }

    /// <summary>
    /// The distribution for observations already passed through <see cref="Normalizer"/>: an update
    /// whose batch stays fixed normalizes it once instead of in every gradient step.
    /// </summary>
    public abstract ActionDistribution DistributionOfNormalized(Tensor normalizedObservations);

    /// <summary>The dense layers in order: tanh after each hidden layer, none after the last (for export).</summary>
    public abstract IReadOnlyList<TorchSharp.Modules.Linear> Layers { get; }

    /// <summary>The convolutions in front of the dense layers, in order (none unless the env is seen through pictures).</summary>
    public virtual IReadOnlyList<TorchSharp.Modules.Conv2d> Convolutions => [];

    /// <summary>
    /// Chooses actions for <paramref name="count"/> observation rows, writing actions
    /// [count * width] and their log-probabilities [count]. No gradient is recorded.
    /// </summary>
    public abstract void Act(float[] observations, int count, Random rng, bool deterministic, float[] actions, float[] logProbs);
}
