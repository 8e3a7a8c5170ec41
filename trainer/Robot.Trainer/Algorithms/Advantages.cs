using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

static class Advantages
{
    /// <summary>Standardizes to zero mean and unit variance (no-op for a single row).</summary>
    public static Tensor Normalize(Tensor advantages) =>
        advantages.shape[0] < 2 ? advantages : (advantages - advantages.mean()) / (advantages.std() + 1e-8);
}
