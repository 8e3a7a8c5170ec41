using Robot.Cli;
using System.CommandLine;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Onnx;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer import`: a feed-forward policy network in ONNX as the robot's policy file for an env.</summary>
public static class ImportCommand
{
    /// <summary>Larger than any policy network a robot runs; a bigger file is refused before it is read.</summary>
    const long MaxModelBytes = 256L << 20;

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The ONNX model (.onnx) of the policy network" };
        var env = new Option<string>("--env") { Description = "The env whose observations and actions the policy takes: " + string.Join(", ", EnvRegistry.Names), Required = true };
        var output = new Option<string>("--out") { Description = "Policy file to write (must not exist)", Required = true };
        var normalization = new Option<string?>("--normalization") { Description = "Observation statistics kept beside the model (SB3's VecNormalize: mean, var, epsilon, clip_obs as JSON; docs/onnx.md)" };
        var observation = new Option<string?>("--observation") { Description = "The model's observation layout, comma-separated names in input order (checked against the env's); default: the model's metadata" };
        var command = new Command("import", "Convert an ONNX policy network (an SB3 or CleanRL actor exported with torch.onnx.export) to a policy file.\n" +
            "Example: robot-trainer import actor.onnx --env cartpole --observation cart_position_m,cart_velocity_m_s,pole_angle_rad,pole_angular_velocity_rad_s --out actor.rpol")
            { model, env, output, observation, normalization };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string source = parse.GetValue(model)!, outPath = parse.GetValue(output)!;
            var spec = EnvRegistry.Spec(parse.GetValue(env)!);
            InputFile.Require(source, "model", MaxModelBytes);
            InputFile.RequireNewOutput(outPath, "--out");
            string[]? names = parse.GetValue(observation)?.Split(',', StringSplitOptions.TrimEntries);
            var statistics = parse.GetValue(normalization) is string stats ? ObservationStatistics.Load(stats, spec.ObservationSize) : null;
            PolicyModel policy;
            try
            {
                policy = OnnxImporter.Import(File.ReadAllBytes(source), spec, names,
                    new Dictionary<string, string> { ["env"] = spec.Id, ["imported_from"] = Path.GetFileName(source) }, statistics);
            }
            catch (InputException e)
            {
                throw new InputException($"{source}: {e.Message}");
            }
            PolicyFile.Save(outPath, policy);
            Console.WriteLine($"Wrote {Path.GetFullPath(outPath)} ({new FileInfo(outPath).Length} bytes): {policy.LayerCount} dense layers, {policy.ParameterCount} parameters, for {spec.Id}");
            return 0;
        }));
        return command;
    }
}
