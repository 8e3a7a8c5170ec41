using Robot.Envs;
using Robot.Trainer.Policies;

namespace Robot.Trainer.Training;

/// <summary>Return and length statistics of finished evaluation episodes.</summary>
public sealed record EvalResult(double MeanReturn, double StdReturn, double MeanLength, double StdLength, double[] Returns)
{
    public int Episodes => Returns.Length;
}

/// <summary>
/// Runs whole episodes, all in parallel as one vector of environments, with the policy's mode
/// (deterministic) or a uniformly random action. Episode k is seeded seed + k, so an evaluation
/// is reproducible and comparable across policies.
/// </summary>
public static class Evaluator
{
    public static EvalResult Evaluate(string envName, Policy? policy, int episodes, int seed, bool deterministic = true)
    {
        var env = new SyncVectorEnv(() => EnvRegistry.Create(envName), episodes);
        var spec = env.Spec;
        env.Reset(seed);
        var rng = new Random(seed);
        int width = spec.Action.Width;
        var actions = new float[episodes * width];
        var logProbs = new float[episodes];
        var returns = new double[episodes];
        var lengths = new double[episodes];
        var finished = new bool[episodes];
        int remaining = episodes;
        while (remaining > 0)
        {
            if (policy is null) RandomActions(spec.Action, rng, actions);
            else policy.Act(env.Observations, episodes, rng, deterministic, actions, logProbs);
            env.Step(actions);
            for (int i = 0; i < episodes; i++)
            {
                if (finished[i]) continue;
                returns[i] += env.Rewards[i];
                lengths[i]++;
                if (env.Terminated[i] || env.Truncated[i]) { finished[i] = true; remaining--; }
            }
        }
        return new EvalResult(returns.Average(), Std(returns), lengths.Average(), Std(lengths), returns);
    }

    static void RandomActions(ActionSpace space, Random rng, float[] actions)
    {
        for (int i = 0; i < actions.Length; i++)
            actions[i] = space.IsDiscrete ? rng.Next(space.Count) : (float)(space.Low + rng.NextDouble() * (space.High - space.Low));
    }

    static double Std(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
