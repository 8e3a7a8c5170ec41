using Robot.Policy;
using Robot.Trainer.Export;
using TorchSharp.Modules;

namespace Robot.Trainer.Policies;

/// <summary>
/// A snapshot of a torch MLP and the observation normalization in front of it, run by the robot's
/// own runtime layers (shared/Robot.Policy, SIMD) instead of TorchSharp. For acting during
/// rollouts: a few observations through two 64-wide layers take about a microsecond each here,
/// while every TorchSharp call pays tens of microseconds of fixed overhead. The arithmetic is the
/// torch forward pass's up to float rounding (tested).
/// </summary>
public sealed class RuntimeMlp
{
    readonly DenseLayer[] _layers;
    readonly float[] _mean, _std;
    readonly float _clip;
    readonly float[] _a, _b;

    public RuntimeMlp(IReadOnlyList<Linear> layers, ObservationNormalizer? normalizer)
    {
        _layers = PolicyExporter.DenseLayers(layers);
        Inputs = _layers[0].Inputs;
        Outputs = _layers[^1].Outputs;
        if (normalizer is null) (_mean, _std, _clip) = (new float[Inputs], Enumerable.Repeat(1f, Inputs).ToArray(), float.PositiveInfinity);
        else (_mean, _std, _clip) = normalizer.Export();
        int width = Math.Max(Inputs, _layers.Max(l => l.Outputs));
        _a = new float[width];
        _b = new float[width];
    }

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Runs <paramref name="count"/> rows of observations, writing <paramref name="count"/> rows of outputs.</summary>
    public void Forward(float[] observations, int count, Span<float> outputs)
    {
        for (int r = 0; r < count; r++)
        {
            var result = NormalizedForward.Run(_mean, _std, _clip, _layers, observations, r * Inputs, _a, _b)
                ?? throw new InvalidOperationException($"observation row {r} or the network's output for it is NaN or infinite");
            result.AsSpan(0, Outputs).CopyTo(outputs.Slice(r * Outputs, Outputs));
        }
    }
}
