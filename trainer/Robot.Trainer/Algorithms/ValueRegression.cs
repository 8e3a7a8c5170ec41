using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Fits the value network to a rollout's returns by minibatch regression (used by the algorithms
/// whose policy step does not train the value network itself: REINFORCE with a baseline, NPG, TRPO).
/// </summary>
public sealed class ValueRegression
{
    readonly ValueNetwork _value;
    readonly Random _rng;

    public ValueRegression(ValueNetwork value, double learningRate, Random rng)
    {
        _value = value;
        _rng = rng;
        Optimizer = new Torch.HeldScalarAdam(value.parameters(), learningRate);
    }

    public Adam Optimizer { get; }

    /// <summary>Runs <paramref name="epochs"/> passes of minibatches; returns the last epoch's mean squared error.</summary>
    public double Fit(RolloutBatch batch, IValueFitOptions options) =>
        Torch.MinibatchFit.Run(Optimizer, batch.Count, options.ValueEpochs, options.ValueMinibatchSize, _rng, rows =>
        {
            var idx = tensor(rows, ScalarType.Int64);
            return nn.functional.mse_loss(_value.ForwardNormalized(batch.NormalizedObservations.index_select(0, idx)), batch.Returns.index_select(0, idx));
        });
}
