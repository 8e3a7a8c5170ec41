using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using Robot.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Proximal Policy Optimization with the clipped surrogate (Schulman et al. 2017): several epochs
/// of minibatch gradient steps on
///   L = -E[min(r A, clip(r, 1-eps, 1+eps) A)] + c_v (V - R)^2 - c_e H,  r = pi(a|s) / pi_old(a|s),
/// with GAE advantages, an entropy bonus, gradient-norm clipping and scheduled learning rate and clip range.
/// </summary>
public sealed class Ppo : IAlgorithm
{
    readonly Policy _policy;
    readonly ValueNetwork _value;
    readonly Hyperparameters _hp;
    readonly Random _rng;
    readonly Adam _optimizer;
    readonly Parameter[] _parameters;

    public Ppo(Policy policy, ValueNetwork value, Hyperparameters hp, Random rng)
    {
        _policy = policy;
        _value = value;
        _hp = hp;
        _rng = rng;
        _parameters = policy.parameters().Concat(value.parameters()).ToArray();
        _optimizer = optim.Adam(_parameters, hp.LearningRate, eps: 1e-5);
    }

    public bool UsesGae => true;
    public bool UsesValue => true;
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers => [("adam", _optimizer)];

    public UpdateStats Update(RolloutBatch batch, double progressRemaining)
    {
        double lr = Hyperparameters.Scheduled(_hp.LearningRateSchedule, _hp.LearningRate, progressRemaining);
        double clip = Hyperparameters.Scheduled(_hp.ClipSchedule, _hp.ClipRange, progressRemaining);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;

        int n = batch.Count;
        var order = Enumerable.Range(0, n).ToArray();
        double policyLoss = 0, valueLoss = 0, entropy = 0, kl = 0, clipped = 0;
        int steps = 0;
        for (int epoch = 0; epoch < _hp.Epochs; epoch++)
        {
            _rng.Shuffle(order);
            for (int start = 0; start < n; start += _hp.MinibatchSize)
            {
                using var scope = NewDisposeScope();
                var idx = tensor(order.AsSpan(start, Math.Min(_hp.MinibatchSize, n - start)).ToArray(), ScalarType.Int64);
                var obs = batch.Observations.index_select(0, idx);
                var advantages = batch.Advantages.index_select(0, idx);
                if (_hp.NormalizeAdvantage) advantages = Advantages.Normalize(advantages);

                using var dist = _policy.Distribution(obs);
                var logRatio = dist.LogProb(batch.Actions.index_select(0, idx)) - batch.OldLogProbs.index_select(0, idx);
                var ratio = logRatio.exp();
                var surrogate = torch.min(ratio * advantages, ratio.clamp(1 - clip, 1 + clip) * advantages);
                var pLoss = -surrogate.mean();
                var vLoss = nn.functional.mse_loss(_value.forward(obs), batch.Returns.index_select(0, idx));
                var ent = dist.Entropy().mean();
                var loss = pLoss + _hp.ValueCoef * vLoss - _hp.EntropyCoef * ent;

                _optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(_parameters, _hp.MaxGradNorm);
                _optimizer.step();

                using (no_grad())
                {
                    policyLoss += pLoss.item<float>();
                    valueLoss += vLoss.item<float>();
                    entropy += ent.item<float>();
                    // KL(old || new) estimated as E[(r - 1) - log r], which is unbiased and non-negative.
                    kl += ((ratio - 1) - logRatio).mean().item<float>();
                    clipped += (ratio - 1).abs().gt(clip).to_type(ScalarType.Float32).mean().item<float>();
                }
                steps++;
            }
        }
        return new UpdateStats(policyLoss / steps, valueLoss / steps, entropy / steps, kl / steps, clipped / steps, lr);
    }
}
