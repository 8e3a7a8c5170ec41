using Robot.Envs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>
/// The lecture's network for pixels: three 5x5 stride-2 convolutions with 16, 32 and 32 channels,
/// each followed by ReLU, then flatten and a linear head. Orthogonal weights (gain sqrt(2) in the
/// convolutions, <paramref name="outputGain"/> in the head: small for a policy so its first actions
/// are near uniform), zero biases. Inputs are the env's stacked frames, already in [0, 1].
/// </summary>
public static class ConvNet
{
    public const int Kernel = 5, Stride = 2;
    public static readonly int[] Channels = [16, 32, 32];

    /// <summary>Side length after one unpadded convolution.</summary>
    public static int After(int size) => (size - Kernel) / Stride + 1;

    /// <summary>Features after the convolutions: 32 x 3 x 9 for the 2 x 50 x 100 view.</summary>
    public static int Features(ImageShape image)
    {
        int h = image.Height, w = image.Width;
        for (int i = 0; i < Channels.Length; i++) (h, w) = (After(h), After(w));
        if (h < 1 || w < 1) throw new ArgumentException($"a {image.Height}x{image.Width} frame is too small for {Channels.Length} {Kernel}x{Kernel} stride-{Stride} convolutions");
        return Channels[^1] * h * w;
    }

    /// <summary>flat observations [B, k*H*W] -> [B, k, H, W] -> convolutions -> [B, output].</summary>
    public static Sequential Build(ImageShape image, int output, double outputGain)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("frames", nn.Unflatten(1, [image.Frames, image.Height, image.Width])) };
        int channels = image.Frames;
        for (int i = 0; i < Channels.Length; i++)
        {
            var conv = nn.Conv2d(channels, Channels[i], Kernel, stride: Stride);
            using (no_grad())
            {
                nn.init.orthogonal_(conv.weight!, Math.Sqrt(2));
                nn.init.zeros_(conv.bias!);
            }
            layers.Add(($"conv{i}", conv));
            layers.Add(($"relu{i}", nn.ReLU()));
            channels = Channels[i];
        }
        layers.Add(("flatten", nn.Flatten()));
        var head = nn.Linear(Features(image), output);
        using (no_grad())
        {
            nn.init.orthogonal_(head.weight!, outputGain);
            nn.init.zeros_(head.bias!);
        }
        layers.Add(("out", head));
        return nn.Sequential(layers);
    }

    /// <summary>The network for a spec: convolutional for images (hidden widths must be empty), else the MLP.</summary>
    public static Sequential For(EnvSpec spec, IReadOnlyList<int> hidden, int output, double outputGain)
    {
        if (spec.Image is null) return Mlp.Build(spec.ObservationSize, hidden, output, outputGain);
        if (hidden.Count > 0) throw new ArgumentException($"{spec.Id} is seen through pictures: its networks are the convolutional stack and a linear head, so policy_hidden and value_hidden must be []");
        return Build(spec.Image, output, outputGain);
    }
}
