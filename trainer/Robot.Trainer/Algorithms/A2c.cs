using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using Robot.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Advantage actor-critic (Mnih et al. 2016, synchronous): one gradient step per rollout on
///   L = -E[log pi(a|s) A] + c_v (V - R)^2 - c_e H
/// with GAE(gamma, lambda) advantages from the learned value function.
/// </summary>
public sealed class A2c : IAlgorithm
{
    readonly StochasticPolicy _policy;
    readonly ValueNetwork _value;
    readonly Hyperparameters _hp;
    readonly Adam _optimizer;
    readonly Parameter[] _parameters;

    public A2c(StochasticPolicy policy, ValueNetwork value, Hyperparameters hp)
    {
        _policy = policy;
        _value = value;
        _hp = hp;
        _parameters = policy.parameters().Concat(value.parameters()).ToArray();
        _optimizer = optim.Adam(_parameters, hp.LearningRate);
    }

    public bool UsesGae => true;
    public bool UsesValue => true;
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers => [("adam", _optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        double lr = Hyperparameters.Scheduled(_hp.LearningRateSchedule, _hp.LearningRate, progressRemaining);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        using var scope = NewDisposeScope();
        var advantages = _hp.NormalizeAdvantage ? Advantages.Normalize(batch.Advantages, _hp.AdvantageStdFloor) : batch.Advantages;
        using var dist = _policy.Distribution(batch.Observations);
        var logProb = dist.LogProb(batch.Actions);
        var pLoss = -(logProb * advantages).mean();
        var vLoss = nn.functional.mse_loss(_value.forward(batch.Observations), batch.Returns);
        var ent = dist.Entropy().mean();
        var loss = pLoss + _hp.ValueCoef * vLoss - _hp.EntropyCoef * ent;
        _optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(_parameters, _hp.MaxGradNorm);
        _optimizer.step();
        double kl;
        using (no_grad())
        using (var after = _policy.Distribution(batch.Observations))
            kl = (batch.OldLogProbs - after.LogProb(batch.Actions)).mean().item<float>();
        return new UpdateStats(pLoss.item<float>(), vLoss.item<float>(), ent.item<float>(), kl, double.NaN, lr);
    }
}
