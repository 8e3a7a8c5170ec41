using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Torch;

/// <summary>Epochs of shuffled minibatches, one optimizer step each: the regression loop the value fits and the warm start share.</summary>
public static class MinibatchFit
{
    /// <summary>Runs <paramref name="epochs"/> passes over <paramref name="rows"/> rows; <paramref name="loss"/> gets each minibatch's row indices. Returns the last epoch's mean loss.</summary>
    public static double Run(Adam optimizer, int rows, int epochs, int minibatchSize, Random rng, Func<int[], Tensor> loss)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        double last = double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < rows; start += minibatchSize)
            {
                using var scope = NewDisposeScope();
                var value = loss(order[start..Math.Min(rows, start + minibatchSize)]);
                optimizer.zero_grad();
                value.backward();
                optimizer.step();
                sum += value.item<float>();
                batches++;
            }
            last = sum / Math.Max(batches, 1);
        }
        return last;
    }
}
