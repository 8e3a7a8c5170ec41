using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>Multi-layer perceptrons with tanh hidden layers and orthogonal initialization.</summary>
public static class Mlp
{
    /// <summary>
    /// input -> (Linear, Tanh) per hidden width -> Linear(output). Orthogonal weights with gain
    /// sqrt(2) in hidden layers and <paramref name="outputGain"/> in the last (small for policy
    /// heads so the first policy is near uniform), zero biases.
    /// </summary>
    public static Sequential Build(int input, IReadOnlyList<int> hidden, int output, double outputGain)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = input;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", Linear(width, hidden[i], Math.Sqrt(2))));
            layers.Add(($"tanh{i}", nn.Tanh()));
            width = hidden[i];
        }
        layers.Add(("out", Linear(width, output, outputGain)));
        return nn.Sequential(layers);
    }

    static Linear Linear(int input, int output, double gain)
    {
        var layer = nn.Linear(input, output);
        using (no_grad())
        {
            nn.init.orthogonal_(layer.weight!, gain);
            nn.init.zeros_(layer.bias!);
        }
        return layer;
    }
}
