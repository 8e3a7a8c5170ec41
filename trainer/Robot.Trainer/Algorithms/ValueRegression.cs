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
    public double Fit(RolloutBatch batch, IValueFitOptions options)
    {
        int epochs = options.ValueEpochs, minibatchSize = options.ValueMinibatchSize;
        int n = batch.Count;
        var order = Enumerable.Range(0, n).ToArray();
        double lastLoss = double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            _rng.Shuffle(order);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < n; start += minibatchSize)
            {
                using var scope = NewDisposeScope();
                var idx = tensor(order.AsSpan(start, Math.Min(minibatchSize, n - start)).ToArray(), ScalarType.Int64);
                var loss = nn.functional.mse_loss(_value.ForwardNormalized(batch.NormalizedObservations.index_select(0, idx)), batch.Returns.index_select(0, idx));
                Optimizer.zero_grad();
                loss.backward();
                Optimizer.step();
                sum += loss.item<float>();
                batches++;
            }
            lastLoss = sum / Math.Max(batches, 1);
        }
        return lastLoss;
    }
}
