using TorchSharp;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Policies;

/// <summary>Diagonal Gaussians over continuous actions: mean [B, n], log std [n] shared by all rows.</summary>
public sealed class GaussianDistribution(Tensor mean, Tensor logStd) : ActionDistribution
{
    // Static: an implicit double -> Scalar would be freed under libtorch (TensorLifetimeTests).
    static readonly Scalar HalfLog2Pi = (0.5 * Math.Log(2 * Math.PI)).ToScalar();
    static readonly Scalar Half = 0.5.ToScalar(), MinusHalf = (-0.5).ToScalar(), Two = 2.ToScalar();

    public Tensor Mean { get; } = mean;
    public Tensor LogStd { get; } = logStd;

    public override Tensor LogProb(Tensor actions)
    {
        var z = (actions - Mean) / LogStd.exp();
        return (MinusHalf * z * z - LogStd - HalfLog2Pi).sum(-1);
    }

    public override Tensor Entropy() => LogStd.add(Half, One).add(HalfLog2Pi, One).sum().expand(Mean.shape[0]);

    public override Tensor KlFrom(ActionDistribution old)
    {
        var o = (GaussianDistribution)old;
        var varianceRatio = (Two * (o.LogStd - LogStd)).exp();
        var meanTerm = (o.Mean - Mean) / LogStd.exp();
        return ((LogStd - o.LogStd).add(Half * varianceRatio.add(meanTerm * meanTerm, One), One) - Half).sum(-1);
    }

    public override void Dispose() => Mean.Dispose();
}
