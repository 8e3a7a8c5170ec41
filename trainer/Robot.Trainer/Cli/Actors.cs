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
        if (source == "random") return Evaluator.RandomActor(spec.Action, rng);
        if (source == "lqr" && !EnvRegistry.IsUniwheel(envName)) throw new InputException("--policy lqr is the uniwheel robot's baseline; this env has none");
        if (source == "lqr") return Evaluator.ModelActor(Export.LqrPolicyFile.Create(new Robot.Dynamics.Plant.UniwheelParameters(), driving: envName == "uniwheel-drive"), spec);
        if (File.Exists(source)) return Evaluator.ModelActor(EvalCommand.LoadFile(source, envName), spec);
        var policy = EvalCommand.Load(source, envName);
        var logProbs = new float[64];
        return (observations, count, actions) => policy.Act(observations, count, rng, true, actions, logProbs);
    }
}
