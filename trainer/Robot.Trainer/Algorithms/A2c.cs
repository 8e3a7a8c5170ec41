using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using Robot.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Advantage actor-critic (Mnih et al. 2016, synchronous): one gradient step per rollout on
///   L = -E[log pi(a|s) A] + c_v (V - R)^2 - c_e H
/// with GAE(gamma, lambda) advantages from the learned value function.
/// </summary>
public sealed record A2cOptions : ActorCriticOptions;

public sealed class A2c : IAlgorithm
{
    readonly StochasticPolicy _policy;
    readonly ValueNetwork _value;
    readonly A2cOptions _hp;
    readonly Adam _optimizer;
    readonly Parameter[] _parameters;
    // Held for the algorithm's life: an implicit double -> Scalar would be freed under libtorch (TensorLifetimeTests).
    readonly Scalar _valueCoef, _entropyCoef;

    public A2c(StochasticPolicy policy, ValueNetwork value, A2cOptions hp)
    {
        _valueCoef = hp.ValueCoef.ToScalar();
        _entropyCoef = hp.EntropyCoef.ToScalar();
        _policy = policy;
        _value = value;
        _hp = hp;
        _parameters = policy.parameters().Concat(value.parameters()).ToArray();
        _optimizer = new Torch.HeldScalarAdam(_parameters, hp.LearningRate);
    }

    public AlgorithmOptions Options => _hp;
    public bool UsesValue => true;
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers => [("adam", _optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        double lr = _hp.LearningRateSchedule.At(_hp.LearningRate, progressRemaining);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        using var scope = NewDisposeScope();
        var advantages = _hp.NormalizeAdvantage ? Advantages.Normalize(batch.Advantages, _hp.AdvantageStdFloor) : batch.Advantages;
        using var dist = _policy.DistributionOfNormalized(batch.NormalizedObservations);
        var pLoss = PolicyGradientLoss(dist.LogProb(batch.Actions), advantages);
        var vLoss = nn.functional.mse_loss(_value.ForwardNormalized(batch.NormalizedObservations), batch.Returns);
        var ent = dist.Entropy().mean();
        var loss = pLoss.add(_valueCoef * vLoss, One) - _entropyCoef * ent;
        _optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(_parameters, _hp.MaxGradNorm);
        _optimizer.step();
        double kl;
        using (no_grad())
        using (var after = _policy.DistributionOfNormalized(batch.NormalizedObservations))
            kl = (batch.OldLogProbs - after.LogProb(batch.Actions)).mean().item<float>();
        return new UpdateStats(pLoss.item<float>(), vLoss.item<float>(), ent.item<float>(), kl, double.NaN, lr);
    }

    /// <summary>-E[log pi(a|s) A]: the policy-gradient loss of A2C and REINFORCE (A: advantages or weighted returns).</summary>
    public static Tensor PolicyGradientLoss(Tensor logProbs, Tensor weights) => -(logProbs * weights).mean();
}
