using Robot.Envs;
using Robot.Trainer.Algorithms;
using Robot.Trainer.Policies;

namespace Robot.Trainer.Training;

/// <summary>The policy, value network and algorithm a run trains, built from its settings.</summary>
public sealed record Agent(StochasticPolicy Policy, ValueNetwork Value, IAlgorithm Algorithm);

public static class AgentFactory
{
    public static IReadOnlyList<string> Algorithms { get; } = ["reinforce", "a2c", "npg", "trpo", "ppo"];

    // TorchSharp's default generator is process-wide: runs built at the same time (bench --parallel)
    // must seed it and draw their initial weights one after the other.
    static readonly Lock InitLock = new();

    /// <summary>Builds the networks with weights drawn from <paramref name="seed"/> and the named algorithm.</summary>
    public static Agent Create(EnvSpec spec, string algo, Hyperparameters hp, int seed, Random rng)
    {
        StochasticPolicy policy;
        ValueNetwork value;
        lock (InitLock)
        {
            TorchSharp.torch.random.manual_seed(seed);
            policy = spec.Action.IsDiscrete
                ? new SoftmaxPolicy(spec, hp.PolicyHidden, hp.NormalizeObservations)
                : new GaussianPolicy(spec, hp.PolicyHidden, hp.NormalizeObservations);
            value = new ValueNetwork(spec.ObservationSize, hp.ValueHidden, policy.Normalizer);
        }
        IAlgorithm algorithm = algo switch
        {
            "reinforce" => new Reinforce(policy, value, hp, rng),
            "a2c" => new A2c(policy, value, hp),
            "npg" => new Npg(policy, value, hp, rng),
            "trpo" => new Trpo(policy, value, hp, rng),
            "ppo" => new Ppo(policy, value, hp, rng),
            _ => throw new ArgumentException($"unknown algorithm '{algo}' (known: {string.Join(", ", Algorithms)})"),
        };
        return new Agent(policy, value, algorithm);
    }
}
