using Robot.Envs;
using Robot.Trainer.Algorithms;
using Robot.Trainer.Policies;

namespace Robot.Trainer.Training;

/// <summary>The policy, value network and algorithm a run trains, built from its settings.</summary>
public sealed record Agent(StochasticPolicy Policy, ValueNetwork Value, IAlgorithm Algorithm);

public static class AgentFactory
{
    // TorchSharp's default generator is process-wide: runs built at the same time (bench --parallel)
    // must seed it and draw their initial weights one after the other.
    static readonly Lock InitLock = new();

    /// <summary>Builds the networks with weights drawn from <paramref name="seed"/> and the named algorithm.</summary>
    public static Agent Create(EnvSpec spec, RunSettings settings, int seed, Random rng)
    {
        var hp = settings.Training;
        if (hp.OddPolicy && spec.Action.IsDiscrete)
            throw new ArgumentException($"odd_policy: {spec.Id} has discrete actions; an odd policy is a Gaussian one, for continuous actions");
        StochasticPolicy policy;
        ValueNetwork value;
        lock (InitLock)
        {
            TorchSharp.torch.random.manual_seed(seed);
            policy = spec.Action.IsDiscrete
                ? new SoftmaxPolicy(spec, hp.PolicyHidden, hp.NormalizeObservations)
                : new GaussianPolicy(spec, hp.PolicyHidden, hp.NormalizeObservations, odd: hp.OddPolicy);
            value = new ValueNetwork(spec, hp.ValueHidden, policy.Normalizer);
        }
        IAlgorithm algorithm = settings.Algorithm switch
        {
            ReinforceOptions o => new Reinforce(policy, value, o, rng),
            A2cOptions o => new A2c(policy, value, o),
            TrpoOptions o => new Trpo(policy, value, o, rng),
            NpgOptions o => new Npg(policy, value, o, rng),
            PpoOptions o => new Ppo(policy, value, o, rng),
            var o => throw new ArgumentException($"no algorithm for options {o.GetType().Name}"),
        };
        return new Agent(policy, value, algorithm);
    }
}
