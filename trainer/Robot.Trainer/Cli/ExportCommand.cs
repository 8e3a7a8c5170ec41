using Robot.Cli;
using System.CommandLine;
using Robot.Envs;
using Robot.Trainer.Export;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer export`: write the policy file of a run's last checkpoint.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "A run folder written by train", Required = true };
        var output = new Option<string?>("--out") { Description = "Policy file to write (default: RUN/policy.rpol)" };
        var command = new Command("export", "Export a run's last checkpoint as a policy file for the robot.\n" +
            "Example: robot-trainer export --run runs/ppo-1 --out ppo-1.rpol") { run, output };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string dir = parse.GetValue(run)!;
            var state = Checkpoint.ReadState(dir);
            var policy = EvalCommand.Load(dir, state.Env);
            string path = PolicyExporter.Export(policy, state, parse.GetValue(output) ?? Path.Combine(dir, PolicyExporter.FileName));
            Console.WriteLine($"Wrote {Path.GetFullPath(path)} ({new FileInfo(path).Length} bytes)");
            return 0;
        }));
        return command;
    }
}
