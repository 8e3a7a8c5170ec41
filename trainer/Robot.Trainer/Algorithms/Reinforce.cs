using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using System.Text.Json.Serialization;
using Robot.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// REINFORCE, the vanilla policy gradient (Williams 1992): one step on -E[log pi(a_t|s_t) G_t]
/// with Monte Carlo discounted returns-to-go G_t over complete episodes. Baseline "none" uses G
/// as it is, "normalize" standardizes G over the batch, "value" subtracts a learned V(s) that is
/// fitted to G afterwards.
/// </summary>
public sealed record ReinforceOptions : GradientOptions, IValueFitOptions
{
    [JsonPropertyName("baseline")] public ReinforceBaseline Baseline { get; init; } = ReinforceBaseline.Normalize;
    [JsonPropertyName("value_learning_rate")] public double ValueLearningRate { get; init; } = 1e-3;
    [JsonPropertyName("value_epochs")] public int ValueEpochs { get; init; } = 5;
    [JsonPropertyName("minibatch_size")] public int ValueMinibatchSize { get; init; } = 64;

    public override double? GaeLambda => null;

    public override string? Validate() => base.Validate() ?? Known(Baseline, "baseline") ?? Positive(ValueLearningRate, "value_learning_rate")
        ?? AtLeastOne(ValueEpochs, "value_epochs") ?? AtLeastOne(ValueMinibatchSize, "minibatch_size");
}

/// <summary>What REINFORCE subtracts from the returns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReinforceBaseline>))]
public enum ReinforceBaseline
{
    /// <summary>The returns as they are.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>The returns standardized over the batch.</summary>
    [JsonStringEnumMemberName("normalize")] Normalize,
    /// <summary>A learned V(s), fitted to the returns after each step.</summary>
    [JsonStringEnumMemberName("value")] Value,
}

public sealed class Reinforce : IAlgorithm
{
    readonly StochasticPolicy _policy;
    readonly ReinforceOptions _hp;
    readonly Adam _optimizer;
    readonly ValueRegression? _valueFit;

    public Reinforce(StochasticPolicy policy, ValueNetwork value, ReinforceOptions hp, Random rng)
    {
        _policy = policy;
        _hp = hp;
        _optimizer = new Torch.HeldScalarAdam(policy.parameters(), hp.LearningRate);
        if (hp.Baseline == ReinforceBaseline.Value) _valueFit = new ValueRegression(value, hp.ValueLearningRate, rng);
    }

    public AlgorithmOptions Options => _hp;
    public bool UsesValue => _valueFit is not null;

    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers =>
        _valueFit is null ? [("adam", _optimizer)] : [("adam", _optimizer), ("value_adam", _valueFit.Optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        if (batch.Count == 0) return new UpdateStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, _hp.LearningRate);
        double lr = _hp.LearningRateSchedule.At(_hp.LearningRate, progressRemaining);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        double pl, ent;
        using (NewDisposeScope())
        {
            // With the value baseline, Advantages already hold G - V(s).
            var weights = _hp.Baseline switch
            {
                ReinforceBaseline.None => batch.Returns,
                ReinforceBaseline.Normalize => Advantages.Normalize(batch.Returns),
                _ => Advantages.Normalize(batch.Advantages),
            };
            using var dist = _policy.DistributionOfNormalized(batch.NormalizedObservations);
            var pLoss = A2c.PolicyGradientLoss(dist.LogProb(batch.Actions), weights);
            _optimizer.zero_grad();
            pLoss.backward();
            nn.utils.clip_grad_norm_(_policy.parameters(), _hp.MaxGradNorm);
            _optimizer.step();
            pl = pLoss.item<float>();
            ent = dist.Entropy().mean().item<float>();
        }
        double vl = _valueFit?.Fit(batch, _hp) ?? double.NaN;
        return new UpdateStats(pl, vl, ent, double.NaN, double.NaN, lr);
    }
}
