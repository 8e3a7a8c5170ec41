using TorchSharp;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Algorithms;

public static class Advantages
{
    /// <summary>
    /// Standardizes to zero mean and unit variance (no-op for a single row). With a
    /// <paramref name="stdFloor"/> the divisor is never below it: once the value function predicts
    /// every return (CartPole's policy balancing to the time limit), what is left is noise, and
    /// plain standardization would blow that noise up to full-size policy updates.
    /// </summary>
    public static Tensor Normalize(Tensor advantages, double stdFloor = 0)
    {
        if (advantages.shape[0] < 2) return advantages;
        using var floor = stdFloor.ToScalar(); // alive through the calls (TensorLifetimeTests)
        return stdFloor > 0 ? (advantages - advantages.mean()) / advantages.std().clamp_min(floor)
            : (advantages - advantages.mean()) / advantages.std().add(Tiny, One);
    }

    static readonly Scalar Tiny = 1e-8.ToScalar();
}
