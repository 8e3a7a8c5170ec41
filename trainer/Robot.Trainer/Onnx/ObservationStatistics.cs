using System.Text.Json;
using Robot.Cli;

namespace Robot.Trainer.Onnx;

/// <summary>
/// Observation statistics kept beside a network rather than in it, as Stable-Baselines3's VecNormalize keeps
/// them: <c>{"mean": [...], "var": [...], "epsilon": 1e-8, "clip_obs": 10}</c>, meaning
/// clip((obs - mean) / sqrt(var + epsilon), -clip_obs, clip_obs), what the policy file's normalization computes.
/// </summary>
public sealed record ObservationStatistics(float[] Mean, float[] Std, float Clip)
{
    const long MaxFileBytes = 1 << 20;

    /// <summary>Reads and checks a statistics file for <paramref name="size"/> observations; every problem is one line naming the file.</summary>
    public static ObservationStatistics Load(string path, int size)
    {
        string text = InputFile.ReadText(path, "--normalization", MaxFileBytes);
        Raw raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(text, new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })
                ?? throw new InputException($"--normalization: '{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new InputException($"--normalization: '{path}' is not the statistics file docs/onnx.md describes ({e.Message.Split('.')[0]}); it holds mean, var, epsilon and clip_obs");
        }
        if (raw.mean is not { } mean || raw.var is not { } variance)
            throw new InputException($"--normalization: '{path}' needs both 'mean' and 'var'");
        if (mean.Length != size || variance.Length != size)
            throw new InputException($"--normalization: '{path}' has {mean.Length} means and {variance.Length} variances for {size} observations");
        double epsilon = raw.epsilon ?? 1e-8, clip = raw.clip_obs ?? 10;
        if (!(epsilon >= 0) || !(clip > 0) || double.IsInfinity(clip) || mean.Any(m => !double.IsFinite(m)) || variance.Any(v => !(v >= 0) || double.IsInfinity(v)))
            throw new InputException($"--normalization: '{path}' holds a value that is not finite, a negative variance or epsilon, or a clip that is not positive");
        var std = variance.Select(v => (float)Math.Sqrt(v + epsilon)).ToArray();
        if (std.Any(s => !(s > 0))) throw new InputException($"--normalization: '{path}': a variance and epsilon of 0 would divide by zero");
        return new ObservationStatistics(mean.Select(m => (float)m).ToArray(), std, (float)clip);
    }

    // The file's own names (SB3's).
    sealed record Raw(double[]? mean, double[]? var, double? epsilon, double? clip_obs);
}
