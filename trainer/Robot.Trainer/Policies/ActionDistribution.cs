using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>
/// A batch of action distributions, one per observation row. Actions are float tensors of shape
/// [B, width] (a discrete action is its index stored as a float).
/// </summary>
public abstract class ActionDistribution : IDisposable
{
    /// <summary>Log-probability of each row's action, shape [B].</summary>
    public abstract Tensor LogProb(Tensor actions);

    /// <summary>Entropy of each row's distribution, shape [B].</summary>
    public abstract Tensor Entropy();

    /// <summary>KL(old || this) per row, shape [B]; differentiable in this distribution's parameters.</summary>
    public abstract Tensor KlFrom(ActionDistribution old);

    public abstract void Dispose();
}
