using TorchSharp;
using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using System.Text.Json.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Natural policy gradient (Kakade 2001) as in Schulman et al.'s TRPO paper without the line
/// search: the step s = x sqrt(2 delta / x'Fx), with F x = g solved by conjugate gradient, so
/// that the quadratic KL estimate of the step equals the bound delta. The value function is
/// fitted separately by regression on the GAE returns.
/// </summary>
public record NpgOptions : AlgorithmOptions, IValueFitOptions
{
    [JsonPropertyName("gae_lambda")] public double Lambda { get; init; } = 0.95;
    /// <summary>The KL bound delta each step is scaled to.</summary>
    [JsonPropertyName("max_kl")] public double MaxKl { get; init; } = 0.01;
    [JsonPropertyName("cg_iters")] public int ConjugateGradientIterations { get; init; } = 10;
    [JsonPropertyName("cg_damping")] public double ConjugateGradientDamping { get; init; } = 0.1;
    [JsonPropertyName("value_learning_rate")] public double ValueLearningRate { get; init; } = 1e-3;
    [JsonPropertyName("value_epochs")] public int ValueEpochs { get; init; } = 5;
    [JsonPropertyName("minibatch_size")] public int ValueMinibatchSize { get; init; } = 64;

    public override double? GaeLambda => Lambda;

    public override string? Validate() => Fraction(Lambda, "gae_lambda") ?? Positive(MaxKl, "max_kl")
        ?? AtLeastOne(ConjugateGradientIterations, "cg_iters") ?? NotNegative(ConjugateGradientDamping, "cg_damping")
        ?? Positive(ValueLearningRate, "value_learning_rate") ?? AtLeastOne(ValueEpochs, "value_epochs") ?? AtLeastOne(ValueMinibatchSize, "minibatch_size");
}

public class Npg : IAlgorithm
{
    protected readonly StochasticPolicy Policy;
    protected readonly NpgOptions Hp;
    readonly ValueRegression _valueFit;
    readonly Parameter[] _parameters;

    public Npg(StochasticPolicy policy, ValueNetwork value, NpgOptions hp, Random rng)
    {
        Policy = policy;
        Hp = hp;
        _parameters = policy.parameters().ToArray();
        _valueFit = new ValueRegression(value, hp.ValueLearningRate, rng);
    }

    public AlgorithmOptions Options => Hp;
    public bool UsesValue => true;
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers => [("value_adam", _valueFit.Optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        double policyLoss, entropy, kl;
        using (NewDisposeScope())
        {
            var advantages = Advantages.Normalize(batch.Advantages);
            var observations = batch.NormalizedObservations;
            using var old = DetachedDistribution(observations);

            Tensor Surrogate()
            {
                using var dist = Policy.DistributionOfNormalized(observations);
                return ((dist.LogProb(batch.Actions) - batch.OldLogProbs).exp() * advantages).mean();
            }
            Tensor MeanKl()
            {
                using var dist = Policy.DistributionOfNormalized(observations);
                return dist.KlFrom(old).mean();
            }

            var surrogate = Surrogate();
            var g = NaturalGradient.FlatGrad(surrogate, _parameters);
            var meanKl = MeanKl();
            Tensor Fvp(Tensor v) => NaturalGradient.FisherVectorProduct(meanKl, _parameters, v, Hp.ConjugateGradientDamping);
            var direction = NaturalGradient.ConjugateGradient(Fvp, g, Hp.ConjugateGradientIterations);
            double quadratic = (direction * Fvp(direction)).sum().item<float>();
            using var stepScale = Math.Sqrt(2 * Hp.MaxKl / Math.Max(quadratic, 1e-12)).ToScalar(); // alive through the call (TensorLifetimeTests)
            var step = direction * stepScale;
            var start = NaturalGradient.CopyParameters(_parameters);
            double before = surrogate.item<float>();
            Apply(start, step, before, Surrogate, MeanKl);

            using (no_grad())
            {
                policyLoss = -Surrogate().item<float>();
                kl = MeanKl().item<float>();
                using var dist = Policy.DistributionOfNormalized(observations);
                entropy = dist.Entropy().mean().item<float>();
            }
        }
        double valueLoss = _valueFit.Fit(batch, Hp);
        return new UpdateStats(policyLoss, valueLoss, entropy, kl, double.NaN, Hp.ValueLearningRate);
    }

    /// <summary>Moves the parameters from <paramref name="start"/> by the natural-gradient step. NPG takes it whole.</summary>
    protected virtual void Apply(Tensor start, Tensor step, double surrogateBefore,
        Func<Tensor> surrogate, Func<Tensor> meanKl) => NaturalGradient.SetFlatParameters(_parameters, start.add(step, One));

    protected IReadOnlyList<Parameter> Parameters => _parameters;

    ActionDistribution DetachedDistribution(Tensor normalizedObservations)
    {
        using var _ = no_grad();
        return Policy.DistributionOfNormalized(normalizedObservations);
    }
}
