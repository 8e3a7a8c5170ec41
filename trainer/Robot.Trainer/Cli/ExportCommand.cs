using Robot.Cli;
using System.CommandLine;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Export;
using Robot.Trainer.Onnx;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer export`: write the policy of a run's last checkpoint (or of a policy file) as the robot's policy file or as ONNX.</summary>
public static class ExportCommand
{
    public enum Format { Rpol, Onnx }

    public static Command Create()
    {
        var run = new Option<string?>("--run") { Description = "A run folder written by train" };
        var policy = new Option<string?>("--policy") { Description = "A policy file (.rpol) to convert, instead of --run (with --format onnx)" };
        var format = new Option<Format>("--format") { Description = "rpol: the robot's policy file; onnx: an ONNX model computing the same actions (docs/onnx.md)", DefaultValueFactory = _ => Format.Rpol };
        var output = new Option<string?>("--out") { Description = "File to write (default: RUN/policy.rpol or RUN/policy.onnx; required with --policy)" };
        var command = new Command("export", "Export a run's last checkpoint as a policy file for the robot, or a policy as ONNX.\n" +
            "Example: robot-trainer export --run runs/ppo-1 --out ppo-1.rpol\n" +
            "Example: robot-trainer export --policy ppo-1.rpol --format onnx --out ppo-1.onnx") { run, policy, format, output };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string? dir = parse.GetValue(run), file = parse.GetValue(policy), outPath = parse.GetValue(output);
            bool onnx = parse.GetValue(format) == Format.Onnx;
            if ((dir is null) == (file is null)) throw new InputException("give one of --run DIR or --policy FILE.rpol");
            if (file is not null && !onnx) throw new InputException("--policy converts a policy file to ONNX: add --format onnx");
            if (file is not null && outPath is null) throw new InputException("--out: name the ONNX file to write");
            string path;
            if (file is not null)
            {
                var model = CommandLineHost.LoadPolicy(file);
                OnnxExporter.Write(model, path = outPath!);
            }
            else
            {
                var state = Checkpoint.ReadState(dir!);
                var trained = EvalCommand.Load(dir!, state.Env);
                if (onnx) OnnxExporter.Write(PolicyExporter.ToModel(trained, state), path = outPath ?? Path.Combine(dir!, "policy.onnx"));
                else path = PolicyExporter.Export(trained, state, outPath ?? Path.Combine(dir!, PolicyExporter.FileName));
            }
            Console.WriteLine($"Wrote {Path.GetFullPath(path)} ({new FileInfo(path).Length} bytes)");
            return 0;
        }));
        return command;
    }
}
