using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using System.Text.Json.Serialization;
using Robot.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Proximal Policy Optimization with the clipped surrogate (Schulman et al. 2017): several epochs
/// of minibatch gradient steps on
///   L = -E[min(r A, clip(r, 1-eps, 1+eps) A)] + c_v E[(V(s) - R)^2] - c_e H,   r = pi(a|s) / pi_old(a|s)
/// with GAE advantages (normalized per minibatch, optionally with a floor under the divisor), an
/// entropy bonus, gradient-norm clipping, scheduled learning rate and clip range, and optionally an
/// early stop of the update once the policy has moved too far from the one that collected the rollout.
/// </summary>
public sealed record PpoOptions : ActorCriticOptions
{
    [JsonPropertyName("n_epochs")] public int Epochs { get; init; } = 10;
    [JsonPropertyName("minibatch_size")] public int MinibatchSize { get; init; } = 64;
    /// <summary>Adam's epsilon: larger values let small gradients take proportionally small steps.</summary>
    [JsonPropertyName("adam_eps")] public double AdamEps { get; init; } = 1e-5;
    [JsonPropertyName("clip_range")] public double ClipRange { get; init; } = 0.2;
    [JsonPropertyName("clip_schedule")] public Schedule ClipSchedule { get; init; } = Schedule.Constant;
    /// <summary>
    /// Continuous actions: weight of the squared distance by which the Gaussian's mean leaves the action
    /// bounds. The env clips what it is given, so past the bound the return no longer depends on the mean:
    /// without this term nothing brings a saturated mean back, and the policy stays bang-bang.
    /// </summary>
    [JsonPropertyName("bound_coef")] public double BoundCoef { get; init; }
    /// <summary>
    /// The KL stop (as Stable-Baselines3's target_kl): before each gradient step the minibatch's KL from the
    /// rollout's policy, E[(r - 1) - log r], is estimated; beyond 1.5 x this the update ends there, its remaining
    /// epochs skipped. Null: every epoch runs.
    /// </summary>
    [JsonPropertyName("target_kl")] public double? TargetKl { get; init; }

    public override string? Validate() => base.Validate() ?? AtLeastOne(Epochs, "n_epochs") ?? AtLeastOne(MinibatchSize, "minibatch_size")
        ?? Positive(AdamEps, "adam_eps") ?? (ClipRange is > 0 and < 1 ? null : "clip_range must be in (0, 1)") ?? Known(ClipSchedule, "clip_schedule")
        ?? NotNegative(BoundCoef, "bound_coef") ?? (TargetKl is null or > 0 ? null : "target_kl must be positive");

    /// <summary>How far past target_kl a minibatch's KL may go before the update stops (Stable-Baselines3's factor).</summary>
    public const double KlStopFactor = 1.5;
}

public sealed class Ppo : IAlgorithm
{
    readonly StochasticPolicy _policy;
    readonly ValueNetwork _value;
    readonly PpoOptions _hp;
    readonly Random _rng;
    readonly Adam _optimizer;
    readonly FlatParameters _flat;
    readonly Parameter[] _parameters;
    // Held for the algorithm's life: an implicit double -> Scalar would be freed under libtorch (TensorLifetimeTests).
    readonly Scalar _valueCoef, _entropyCoef, _boundCoef, _low, _high;

    public Ppo(StochasticPolicy policy, ValueNetwork value, PpoOptions hp, Random rng)
    {
        if (value.Normalizer is not null && value.Normalizer != policy.Normalizer)
            throw new ArgumentException("PPO normalizes each batch once for both networks: the value network must use the policy's normalizer");
        _policy = policy;
        _value = value;
        _hp = hp;
        _rng = rng;
        // One flat buffer for both networks: Adam, clipping and zeroing touch one tensor (FlatParameters).
        _flat = new FlatParameters(policy.parameters().Concat(value.parameters()));
        _parameters = [_flat.Flat];
        _optimizer = new Torch.HeldScalarAdam(_parameters, hp.LearningRate, eps: hp.AdamEps);
        _valueCoef = hp.ValueCoef.ToScalar();
        _entropyCoef = hp.EntropyCoef.ToScalar();
        _boundCoef = hp.BoundCoef.ToScalar();
        _low = policy.Spec.Action.Low.ToScalar();
        _high = policy.Spec.Action.High.ToScalar();
    }

    public AlgorithmOptions Options => _hp;
    public bool UsesValue => true;
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers => [("adam", _optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        double lr = _hp.LearningRateSchedule.At(_hp.LearningRate, progressRemaining);
        double clip = _hp.ClipSchedule.At(_hp.ClipRange, progressRemaining);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;

        int n = batch.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var observations = batch.NormalizedObservations;
        // Figures come from the last epoch run; with a KL stop every epoch may be the last, so each collects.
        var stats = new Accumulator();
        bool stopped = false;
        // A minibatch that is the whole rollout is the same in every epoch: build it once.
        using var whole = _hp.MinibatchSize >= n ? Minibatch.Whole(batch, observations, _hp.NormalizeAdvantage, _hp.AdvantageStdFloor) : null;
        for (int epoch = 0; epoch < _hp.Epochs && !stopped; epoch++)
        {
            bool collect = epoch == _hp.Epochs - 1 || _hp.TargetKl is not null;
            var epochStats = collect ? new Accumulator() : null;
            if (whole is null) _rng.Shuffle(order);
            for (int start = 0; start < n && !stopped; start += _hp.MinibatchSize)
            {
                using var scope = NewDisposeScope();
                var mb = whole ?? Minibatch.Select(batch, observations, order.AsSpan(start, Math.Min(_hp.MinibatchSize, n - start)), _hp.NormalizeAdvantage, _hp.AdvantageStdFloor);
                stopped = !Step(mb, clip, epochStats);
            }
            if (epochStats is { Minibatches: > 0 }) stats = epochStats;
        }
        return stats.Result(lr);
    }

    /// <summary>One gradient step on the minibatch; false, with no step, when the KL stop ends the update here.</summary>
    bool Step(Minibatch mb, double clip, Accumulator? stats)
    {
        using var dist = _policy.DistributionOfNormalized(mb.NormalizedObservations);
        var logRatio = dist.LogProb(mb.Actions) - mb.OldLogProbs;
        var ratio = logRatio.exp();
        if (_hp.TargetKl is double target)
        {
            using var __ = no_grad();
            if (ApproximateKl(ratio, logRatio).item<float>() > PpoOptions.KlStopFactor * target) return false;
        }
        var policyLoss = ClippedSurrogateLoss(ratio, mb.Advantages, clip);
        var valueLoss = nn.functional.mse_loss(_value.ForwardNormalized(mb.NormalizedObservations), mb.Returns);
        var loss = policyLoss.add(_valueCoef * valueLoss, One);
        // With no entropy bonus (CartPole's preset) the entropy stays out of the graph: a tenth of the step, the same gradients.
        Tensor? entropy = null;
        if (_hp.EntropyCoef != 0)
        {
            entropy = dist.Entropy().mean();
            loss = loss - _entropyCoef * entropy;
        }
        if (_hp.BoundCoef != 0 && dist is GaussianDistribution gaussian)
            loss = loss.add(_boundCoef * BoundLoss(gaussian.Mean, _low, _high), One);
        _flat.ZeroGrad();
        loss.backward();
        nn.utils.clip_grad_norm_(_parameters, _hp.MaxGradNorm);
        _optimizer.step();
        if (stats is null) return true;
        using var _ = no_grad();
        stats.PolicyLoss += policyLoss.item<float>();
        stats.ValueLoss += valueLoss.item<float>();
        stats.Entropy += (entropy ?? dist.Entropy().mean()).item<float>();
        stats.Kl += ApproximateKl(ratio, logRatio).item<float>();
        using var clipScalar = clip.ToScalar();
        stats.ClipFraction += (ratio - One).abs().gt(clipScalar).to_type(ScalarType.Float32).mean().item<float>();
        stats.Minibatches++;
        return true;
    }

    /// <summary>KL(old || new) estimated as E[(r - 1) - log r]: unbiased and never negative.</summary>
    public static Tensor ApproximateKl(Tensor ratio, Tensor logRatio) => (ratio - One - logRatio).mean();

    /// <summary>-E[min(r A, clip(r, 1 - eps, 1 + eps) A)]: the policy loss PPO minimizes.</summary>
    public static Tensor ClippedSurrogateLoss(Tensor ratio, Tensor advantages, double clip)
    {
        using var low = (1 - clip).ToScalar();
        using var high = (1 + clip).ToScalar(); // alive through the call (TensorLifetimeTests)
        return -torch.min(ratio * advantages, ratio.clamp(low, high) * advantages).mean();
    }

    /// <summary>E[sum over action entries of (how far the mean lies outside [low, high])^2]: zero within the bounds.</summary>
    public static Tensor BoundLoss(Tensor mean, Scalar low, Scalar high)
    {
        // Written with explicit scalars: `a + b` and `low - mean` would make hidden Scalars (TensorLifetimeTests).
        var outside = (mean - high).relu().add((mean - low).neg().relu(), One);
        return (outside * outside).sum(-1).mean();
    }

    /// <summary>The rows one gradient step sees, observations and advantages already normalized.</summary>
    sealed record Minibatch(Tensor NormalizedObservations, Tensor Actions, Tensor OldLogProbs, Tensor Advantages, Tensor Returns) : IDisposable
    {
        public static Minibatch Whole(RolloutBatch b, Tensor normalizedObservations, bool normalize, double floor) =>
            new(normalizedObservations, b.Actions, b.OldLogProbs, normalize ? Algorithms.Advantages.Normalize(b.Advantages, floor) : b.Advantages.alias(), b.Returns);

        public static Minibatch Select(RolloutBatch b, Tensor normalizedObservations, ReadOnlySpan<int> rows, bool normalize, double floor)
        {
            var idx = tensor(rows.ToArray(), ScalarType.Int64);
            var adv = b.Advantages.index_select(0, idx);
            return new(normalizedObservations.index_select(0, idx), b.Actions.index_select(0, idx), b.OldLogProbs.index_select(0, idx),
                normalize ? Algorithms.Advantages.Normalize(adv, floor) : adv, b.Returns.index_select(0, idx));
        }

        /// <summary>Only the advantages are owned here (the rest belong to the batch or to the step's dispose scope).</summary>
        public void Dispose() => Advantages.Dispose();
    }

    sealed class Accumulator
    {
        public double PolicyLoss, ValueLoss, Entropy, Kl, ClipFraction;
        public int Minibatches;

        public UpdateStats Result(double lr)
        {
            int m = Math.Max(Minibatches, 1);
            return new UpdateStats(PolicyLoss / m, ValueLoss / m, Entropy / m, Kl / m, ClipFraction / m, lr);
        }
    }
}
