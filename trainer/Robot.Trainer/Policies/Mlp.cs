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
    /// heads so the first policy is near uniform), zero biases. Without biases (tanh being odd) the
    /// network is an odd function of its input: f(-x) = -f(x).
    /// </summary>
    public static Sequential Build(int input, IReadOnlyList<int> hidden, int output, double outputGain, bool bias = true)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = input;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", Linear(width, hidden[i], Math.Sqrt(2), bias)));
            layers.Add(($"tanh{i}", nn.Tanh()));
            width = hidden[i];
        }
        layers.Add(("out", Linear(width, output, outputGain, bias)));
        return nn.Sequential(layers);
    }

    static Linear Linear(int input, int output, double gain, bool bias)
    {
        var layer = nn.Linear(input, output, hasBias: bias);
        using (no_grad())
        {
            nn.init.orthogonal_(layer.weight!, gain);
            if (layer.bias is not null) nn.init.zeros_(layer.bias);
        }
        return layer;
    }
}
