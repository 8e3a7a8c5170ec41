using Robot.Envs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>
/// Softmax over discrete actions. With no hidden layers it is the linear softmax policy; with
/// hidden layers, the MLP softmax policy (tanh).
/// </summary>
public sealed class SoftmaxPolicy : StochasticPolicy
{
    readonly Sequential net;
    readonly int _actions;
    float[] _logProbBuffer = [];
    readonly InputBuffer _input = new();

    public SoftmaxPolicy(EnvSpec spec, IReadOnlyList<int> hidden, bool normalizeObservations = false)
        : base(nameof(SoftmaxPolicy), spec, normalizeObservations)
    {
        if (!spec.Action.IsDiscrete) throw new ArgumentException($"{spec.Id} has continuous actions; a softmax policy needs discrete ones");
        Hidden = hidden.ToArray();
        _actions = spec.Action.Count;
        net = ConvNet.For(spec, Hidden, _actions, outputGain: 0.01);
        RegisterComponents();
    }

    public override string Kind => Spec.Image is not null ? "conv_softmax" : Hidden.Count == 0 ? "linear_softmax" : "mlp_softmax";
    public override IReadOnlyList<int> Hidden { get; }

    public override Tensor forward(Tensor observations)
    {
        using var normalized = normalizer.forward(observations);
        return net.forward(normalized);
    }

    public override IReadOnlyList<Linear> Layers => net.children().OfType<Linear>().ToArray();

    public override IReadOnlyList<Conv2d> Convolutions => net.children().OfType<Conv2d>().ToArray();

    public override ActionDistribution DistributionOfNormalized(Tensor normalizedObservations) =>
        new CategoricalDistribution(net.forward(normalizedObservations));

    public override void Act(float[] observations, int count, Random rng, bool deterministic, float[] actions, float[] logProbs)
    {
        int n = _actions;
        if (_logProbBuffer.Length < count * n) _logProbBuffer = new float[count * n];
        using var scope = NewDisposeScope(); // the layers' outputs too (TensorLifetimeTests says why)
        using (no_grad())
        using (var logits = forward(_input.Fill(observations, count, Spec.ObservationSize)))
        using (var lp = logits.log_softmax(-1))
            lp.data<float>().CopyTo(_logProbBuffer);
        for (int i = 0; i < count; i++)
        {
            var row = _logProbBuffer.AsSpan(i * n, n);
            int chosen = CategoricalSampling.Choose(row, rng, deterministic);
            actions[i] = chosen;
            logProbs[i] = row[chosen];
        }
    }
}
