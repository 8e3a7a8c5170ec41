using System.CommandLine;
using Robot.Trainer.Cli;

var root = new RootCommand(
    "robot-trainer: learns balancing policies by reinforcement learning (REINFORCE, A2C, NPG, TRPO, PPO) " +
    "in simulation, evaluates them, and exports them for the robot.")
{
    TrainCommand.Create(),
    EvalCommand.Create(),
};
return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
