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
    /// <summary>Chooses actions [count * width] for observations [count * observation size].</summary>
    public delegate void Actor(float[] observations, int count, float[] actions);

    /// <summary>Evaluates a TorchSharp policy (its mode unless <paramref name="deterministic"/> is false), or uniformly random actions when null.</summary>
    public static EvalResult Evaluate(string envName, StochasticPolicy? policy, int episodes, int seed, bool deterministic = true,
        Robot.Envs.Uniwheel.PlantRandomization? plant = null)
    {
        var rng = new Random(seed);
        var space = EnvRegistry.Spec(envName).Action;
        var logProbs = new float[episodes];
        Actor actor = policy is null
            ? RandomActor(space, rng)
            : (obs, count, actions) => policy.Act(obs, count, rng, deterministic, actions, logProbs);
        return Evaluate(envName, actor, episodes, seed, plant);
    }

    /// <summary>Evaluates an exported policy file through the robot's own inference runtime.</summary>
    public static EvalResult Evaluate(string envName, Robot.Policy.PolicyModel model, int episodes, int seed) =>
        Evaluate(envName, ModelActor(model, EnvRegistry.Spec(envName)), episodes, seed);

    /// <summary>Uniformly random actions of the space.</summary>
    public static Actor RandomActor(ActionSpace space, Random rng) => (_, count, actions) =>
    {
        for (int i = 0; i < count * space.Width; i++)
            actions[i] = space.IsDiscrete ? rng.Next(space.Count) : (float)(space.Low + rng.NextDouble() * (space.High - space.Low));
    };

    /// <summary>A policy file's actions through the robot's runtime, one row at a time; refused (SpecMismatch) unless it fits the env.</summary>
    public static Actor ModelActor(Robot.Policy.PolicyModel model, EnvSpec spec)
    {
        model.RequireSpec(spec.ObservationSize, spec.Action.IsDiscrete ? Robot.Policy.ActionKind.Discrete : Robot.Policy.ActionKind.Continuous,
            spec.Action.IsDiscrete ? spec.Action.Count : spec.Action.Size);
        var ws = model.CreateWorkspace();
        var obsRow = new float[spec.ObservationSize];
        var actRow = new float[spec.Action.Width];
        return (obs, count, actions) =>
        {
            for (int i = 0; i < count; i++)
            {
                Array.Copy(obs, i * obsRow.Length, obsRow, 0, obsRow.Length);
                if (!model.Act(obsRow, actRow, ws)) throw new InvalidOperationException("the policy produced no finite action");
                Array.Copy(actRow, 0, actions, i * actRow.Length, actRow.Length);
            }
        };
    }

    public static EvalResult Evaluate(string envName, Actor actor, int episodes, int seed, Robot.Envs.Uniwheel.PlantRandomization? plant = null)
    {
        var env = new SyncVectorEnv(() => EnvRegistry.Create(envName, plant), episodes);
        var spec = env.Spec;
        env.Reset(seed);
        int width = spec.Action.Width;
        var actions = new float[episodes * width];
        var returns = new double[episodes];
        var lengths = new double[episodes];
        var finished = new bool[episodes];
        int remaining = episodes;
        while (remaining > 0)
        {
            actor(env.Observations, episodes, actions);
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

    static double Std(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
