using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>Softmax distributions over discrete actions, from unnormalized logits [B, n].</summary>
public sealed class CategoricalDistribution : ActionDistribution
{
    public CategoricalDistribution(Tensor logits) => LogProbs = logits.log_softmax(-1);

    /// <summary>Log-probability of every action, [B, n].</summary>
    public Tensor LogProbs { get; }

    public override Tensor LogProb(Tensor actions) =>
        LogProbs.gather(-1, actions.select(-1, 0).to_type(ScalarType.Int64).unsqueeze(-1)).squeeze(-1);

    public override Tensor Entropy() => -(LogProbs.exp() * LogProbs).sum(-1);

    public override Tensor KlFrom(ActionDistribution old)
    {
        var o = (CategoricalDistribution)old;
        return (o.LogProbs.exp() * (o.LogProbs - LogProbs)).sum(-1);
    }

    public override void Dispose() => LogProbs.Dispose();
}
