using Robot.Cli;
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
        BenchCommand.Create(),
        ExportCommand.Create(),
        ImportCommand.Create(),
        PolicyCommand.Create(),
        RenderCommand.Create(),
        SysidCommand.Create(),
    };

    /// <summary>Parses and runs (exit codes: Robot.Cli.ExitCode); Ctrl+C is handled by train itself (it saves a checkpoint).</summary>
    public static int Invoke(string[] args) => CommandLineHost.Invoke(Build(), args);
}
