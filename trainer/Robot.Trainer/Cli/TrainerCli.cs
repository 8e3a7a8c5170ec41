using System.CommandLine;

namespace Robot.Trainer.Cli;

/// <summary>The `robot-trainer` command line: train and eval.</summary>
public static class TrainerCli
{
    public static RootCommand Build() => new(
        "robot-trainer: learns balancing policies by reinforcement learning (REINFORCE, A2C, NPG, TRPO, PPO) " +
        "in simulation, evaluates them, and exports them for the robot.")
    {
        TrainCommand.Create(),
        EvalCommand.Create(),
    };

    /// <summary>Parses and runs; Ctrl+C is handled by the commands themselves (train saves a checkpoint).</summary>
    public static int Invoke(string[] args) =>
        Build().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
