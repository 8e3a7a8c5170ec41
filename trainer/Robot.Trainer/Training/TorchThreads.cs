namespace Robot.Trainer.Training;

/// <summary>
/// How many threads TorchSharp's kernels get when the user does not say. The networks of the
/// state envs are a few thousand weights: a kernel's work is smaller than the cost of handing it
/// to a second thread, so intra-op threads only add synchronization (measured: CartPole's PPO
/// preset reaches the threshold in 2.8 s on one thread and 4.4-4.8 s on two; docs/benchmarks.md).
/// Wide networks (images, say) are the case where more threads pay.
/// </summary>
public static class TorchThreads
{
    /// <summary>Hidden layers at most this wide count as small.</summary>
    public const int SmallNetworkWidth = 256;

    /// <summary>Every core for convolutional networks (pictures) and wide MLPs; one for the state envs' small MLPs.</summary>
    public static int For(Robot.Envs.EnvSpec spec, IReadOnlyList<int> policyHidden, IReadOnlyList<int> valueHidden) =>
        spec.Image is null && policyHidden.Concat(valueHidden).All(w => w <= SmallNetworkWidth) ? 1 : Environment.ProcessorCount;
}
