using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
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
public sealed class Reinforce : IAlgorithm
{
    readonly StochasticPolicy _policy;
    readonly Hyperparameters _hp;
    readonly Adam _optimizer;
    readonly ValueRegression? _valueFit;

    public Reinforce(StochasticPolicy policy, ValueNetwork value, Hyperparameters hp, Random rng)
    {
        _policy = policy;
        _hp = hp;
        _optimizer = optim.Adam(policy.parameters(), hp.LearningRate);
        if (hp.Baseline == "value") _valueFit = new ValueRegression(value, hp.ValueLearningRate, rng);
    }

    public bool UsesGae => false;
    public bool UsesValue => _valueFit is not null;

    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers =>
        _valueFit is null ? [("adam", _optimizer)] : [("adam", _optimizer), ("value_adam", _valueFit.Optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        if (batch.Count == 0) return new UpdateStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, _hp.LearningRate);
        double lr = Hyperparameters.Scheduled(_hp.LearningRateSchedule, _hp.LearningRate, progressRemaining);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        double pl, ent;
        using (NewDisposeScope())
        {
            // With the value baseline, Advantages already hold G - V(s).
            var weights = _hp.Baseline switch
            {
                "none" => batch.Returns,
                "normalize" => Advantages.Normalize(batch.Returns),
                _ => Advantages.Normalize(batch.Advantages),
            };
            using var dist = _policy.Distribution(batch.Observations);
            var pLoss = -(dist.LogProb(batch.Actions) * weights).mean();
            _optimizer.zero_grad();
            pLoss.backward();
            nn.utils.clip_grad_norm_(_policy.parameters(), _hp.MaxGradNorm);
            _optimizer.step();
            pl = pLoss.item<float>();
            ent = dist.Entropy().mean().item<float>();
        }
        double vl = _valueFit?.Fit(batch, _hp.ValueEpochs, _hp.MinibatchSize) ?? double.NaN;
        return new UpdateStats(pl, vl, ent, double.NaN, double.NaN, lr);
    }
}
