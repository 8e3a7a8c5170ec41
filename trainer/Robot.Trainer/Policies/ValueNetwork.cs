using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>State-value function V(s): an MLP with tanh hidden layers (or, for pictures, the convolutional stack) and one output.</summary>
public sealed class ValueNetwork : nn.Module<Tensor, Tensor>
{
    readonly Sequential net;
    // The policy's normalizer, shared and not registered here: the policy's checkpoint keeps it.
    readonly ObservationNormalizer? _normalizer;
    readonly InputBuffer _input = new();

    public ValueNetwork(Robot.Envs.EnvSpec spec, IReadOnlyList<int> hidden, ObservationNormalizer? normalizer = null) : base(nameof(ValueNetwork))
    {
        _normalizer = normalizer;
        Hidden = hidden.ToArray();
        net = ConvNet.For(spec, Hidden, 1, outputGain: 1.0);
        RegisterComponents();
    }

    public IReadOnlyList<int> Hidden { get; }

    /// <summary>The dense layers in order: tanh after each hidden layer, none after the last.</summary>
    public IReadOnlyList<Linear> Layers => net.children().OfType<Linear>().ToArray();

    /// <summary>The normalization in front of the network, if any (the policy's).</summary>
    public ObservationNormalizer? Normalizer => _normalizer;

    /// <summary>Values of a batch of observations, shape [B].</summary>
    public override Tensor forward(Tensor observations)
    {
        if (_normalizer is null) return ForwardNormalized(observations);
        using var normalized = _normalizer.forward(observations);
        return ForwardNormalized(normalized);
    }

    /// <summary>Values of observations already passed through <see cref="Normalizer"/>, shape [B].</summary>
    public Tensor ForwardNormalized(Tensor normalizedObservations) => net.forward(normalizedObservations).squeeze(-1);

    /// <summary>Values of <paramref name="count"/> observation rows, written to <paramref name="values"/>; no gradient.</summary>
    public void Predict(float[] observations, int count, int observationSize, float[] values)
    {
        using var scope = NewDisposeScope(); // the layers' outputs too (TensorLifetimeTests says why)
        using var _ = no_grad();
        using var v = forward(_input.Fill(observations, count, observationSize));
        v.data<float>().CopyTo(values);
    }
}
