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
        PolicyCommand.Create(),
    };

    /// <summary>
    /// Parses and runs. A parse error is one line on stderr and exit code 2; Ctrl+C is handled by
    /// the commands themselves (train saves a checkpoint).
    /// </summary>
    public static int Invoke(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized")) ?? parsed.Errors[0];
            string message = string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
            string command = parsed.CommandResult.Command.Name;
            Console.Error.WriteLine($"error: {message} (see: robot-trainer {(command == "robot-trainer" ? "" : command + " ")}--help)");
            return CliErrors.UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
