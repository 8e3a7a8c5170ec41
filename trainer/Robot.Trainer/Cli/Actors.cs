using Robot.Cli;
using Robot.Envs;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>The policies a command can be pointed at, as actors: a run folder (TorchSharp, its mode), a policy file (the robot's runtime), random, or the LQR.</summary>
public static class Actors
{
    public static Evaluator.Actor For(string envName, string source, int seed)
    {
        var spec = EnvRegistry.Spec(envName);
        var rng = new Random(seed);
        if (source == "random")
            return (_, count, actions) =>
            {
                for (int i = 0; i < count * spec.Action.Width; i++)
                    actions[i] = spec.Action.IsDiscrete ? rng.Next(spec.Action.Count) : (float)(spec.Action.Low + rng.NextDouble() * (spec.Action.High - spec.Action.Low));
            };
        if (source == "lqr" && envName != "uniwheel") throw new InputException("--policy lqr is the uniwheel robot's baseline; this env has none");
        if (source == "lqr" || File.Exists(source))
        {
            var model = source == "lqr" ? Export.LqrPolicyFile.Create(new Robot.Dynamics.Plant.UniwheelParameters()) : EvalCommand.LoadFile(source, envName);
            var workspace = model.CreateWorkspace();
            var row = new float[spec.ObservationSize];
            var act = new float[spec.Action.Width];
            return (observations, count, actions) =>
            {
                for (int i = 0; i < count; i++)
                {
                    Array.Copy(observations, i * row.Length, row, 0, row.Length);
                    if (!model.Act(row, act, workspace)) throw new InvalidOperationException("the policy produced no finite action");
                    Array.Copy(act, 0, actions, i * act.Length, act.Length);
                }
            };
        }
        var policy = EvalCommand.Load(source, envName);
        var logProbs = new float[64];
        return (observations, count, actions) => policy.Act(observations, count, rng, true, actions, logProbs);
    }
}
