using System.Diagnostics;
using System.Globalization;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Export;

/// <summary>
/// Turns a trained TorchSharp policy into the robot's policy file: weights, observation names,
/// normalization, action spec and scaling, and metadata, so nothing is left to the caller.
/// </summary>
public static class PolicyExporter
{
    public const string FileName = "policy" + PolicyFile.Extension;

    public static PolicyModel ToModel(Policies.StochasticPolicy policy, RunState state)
    {
        var spec = policy.Spec;
        var layers = DenseLayers(policy.Layers);
        if (spec.Image is ImageShape picture)
        {
            if (!spec.Action.IsDiscrete) throw new NotSupportedException("only discrete-action policies see pictures here");
            var image = new ImageInput(picture.Frames, picture.Height, picture.Width, 1f); // the env's pixels are in [0, 1] already
            var pictureMeta = Metadata(state, policy.Kind);
            return new PolicyModel(image, ConvLayers(policy.Convolutions, picture), ActionKind.Discrete, spec.Action.Count, OutputTransform.Clip,
                null, null, null, null, layers, [.. pictureMeta.Keys], [.. pictureMeta.Values]);
        }
        // The running statistics learned in training (identity when the run did not normalize).
        var (mean, std, clip) = policy.Normalizer.Export();
        var meta = Metadata(state, policy.Kind);
        if (spec.Action.IsDiscrete)
            return new PolicyModel([.. spec.ObservationNames], ActionKind.Discrete, spec.Action.Count, OutputTransform.Clip,
                null, null, null, null, mean, std, clip, layers, [.. meta.Keys], [.. meta.Values]);
        // The Gaussian's mean, clipped to the bounds: what the trainer's evaluation does.
        int n = spec.Action.Size;
        return new PolicyModel([.. spec.ObservationNames], ActionKind.Continuous, n, OutputTransform.Clip,
            Enumerable.Repeat(spec.Action.Low, n).ToArray(), Enumerable.Repeat(spec.Action.High, n).ToArray(),
            Enumerable.Repeat(1f, n).ToArray(), new float[n], mean, std, clip, layers, [.. meta.Keys], [.. meta.Values]);
    }

    /// <summary>The runtime's layers with a copy of the torch weights: tanh after each but the last.</summary>
    public static DenseLayer[] DenseLayers(IReadOnlyList<TorchSharp.Modules.Linear> linears)
    {
        var layers = new DenseLayer[linears.Count];
        using (no_grad())
        {
            for (int l = 0; l < linears.Count; l++)
            {
                var linear = linears[l];
                int outputs = (int)linear.weight!.shape[0], inputs = (int)linear.weight.shape[1];
                // Called before every rollout through the runtime: the temporary handle is freed now, not by a finalizer later.
                using var contiguous = linear.weight.contiguous();
                float[] weights = contiguous.data<float>().ToArray(); // [out, in] row-major, as the format stores it
                float[] bias = linear.bias is { } b ? b.data<float>().ToArray() : new float[outputs]; // an odd policy has none
                var activation = l < linears.Count - 1 ? Activation.Tanh : Activation.Identity;
                layers[l] = new DenseLayer(inputs, outputs, activation, weights, bias);
            }
        }
        return layers;
    }

    /// <summary>The runtime's convolutions with a copy of the torch weights ([out, in, k, k], as the format stores them): ConvNet's kernel and stride, no padding, ReLU.</summary>
    public static ConvLayer[] ConvLayers(IReadOnlyList<TorchSharp.Modules.Conv2d> convolutions, ImageShape image)
    {
        var layers = new ConvLayer[convolutions.Count];
        int height = image.Height, width = image.Width;
        using (no_grad())
        {
            for (int c = 0; c < convolutions.Count; c++)
            {
                var conv = convolutions[c];
                int outputs = (int)conv.weight!.shape[0], inputs = (int)conv.weight.shape[1];
                using var contiguous = conv.weight.contiguous();
                layers[c] = new ConvLayer(inputs, height, width, outputs, Policies.ConvNet.Kernel, Policies.ConvNet.Stride, 0, Activation.Relu,
                    contiguous.data<float>().ToArray(), conv.bias!.data<float>().ToArray());
                (height, width) = (layers[c].OutHeight, layers[c].OutWidth);
            }
        }
        return layers;
    }

    /// <summary>Writes DIR/policy.rpol and returns its path.</summary>
    public static string Export(Policies.StochasticPolicy policy, RunState state, string path)
    {
        PolicyFile.Save(path, ToModel(policy, state));
        return path;
    }

    static Dictionary<string, string> Metadata(RunState state, string kind)
    {
        var meta = BaseMetadata(state, kind);
        // The robot it was trained for, when not the built-in one: robot-hil and the firmware can show which.
        if (state.PlantSha256 is string sha)
        {
            meta["plant_file"] = state.PlantFileName ?? "";
            meta["plant_sha256"] = sha;
        }
        return meta;
    }

    static Dictionary<string, string> BaseMetadata(RunState state, string kind) => new()
    {
        ["env"] = EnvRegistry.Spec(state.Env).Id,
        ["algorithm"] = state.Algo,
        ["policy"] = kind,
        ["seed"] = state.Seed.ToString(CultureInfo.InvariantCulture),
        ["env_steps"] = state.EnvSteps.ToString(CultureInfo.InvariantCulture),
        ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["git_commit"] = GitCommit(),
        ["producer"] = "robot-trainer",
    };

    static string GitCommit()
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse --short=12 HEAD")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            };
            using var p = Process.Start(psi);
            if (p is null) return "unknown";
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(5000);
            return p.ExitCode == 0 && output.Length > 0 && output.All(char.IsAsciiHexDigit) ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown"; // no git on this machine
        }
    }
}
