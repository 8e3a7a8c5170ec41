using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>Diagonal Gaussians over continuous actions: mean [B, n], log std [n] shared by all rows.</summary>
public sealed class GaussianDistribution(Tensor mean, Tensor logStd) : ActionDistribution
{
    static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    public Tensor Mean { get; } = mean;
    public Tensor LogStd { get; } = logStd;

    public override Tensor LogProb(Tensor actions)
    {
        var z = (actions - Mean) / LogStd.exp();
        return (-0.5 * z * z - LogStd - HalfLog2Pi).sum(-1);
    }

    public override Tensor Entropy() => (LogStd + 0.5 + HalfLog2Pi).sum().expand(Mean.shape[0]);

    public override Tensor KlFrom(ActionDistribution old)
    {
        var o = (GaussianDistribution)old;
        var varianceRatio = (2 * (o.LogStd - LogStd)).exp();
        var meanTerm = (o.Mean - Mean) / LogStd.exp();
        return (LogStd - o.LogStd + 0.5 * (varianceRatio + meanTerm * meanTerm) - 0.5).sum(-1);
    }

    public override void Dispose() => Mean.Dispose();
}
