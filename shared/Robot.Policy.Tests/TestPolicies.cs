namespace Robot.Policy.Tests;

/// <summary>Random but valid policies of every shape the format allows, for round trips and fuzzing.</summary>
public static class TestPolicies
{
    /// <summary>A small policy that sees pictures: 2x12x16 frames, a padded 3x3 stride-2 convolution and a 3x3 one, then a dense head.</summary>
    public static PolicyModel RandomConv(int seed, int actions = 3, Activation activation = Activation.Relu)
    {
        var rng = new Random(seed);
        float[] Draw(int n, double spread) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * spread)).ToArray();
        var image = new ImageInput(2, 12, 16, 0.5f);
        var c0 = new ConvLayer(2, 12, 16, 4, 3, 2, 1, activation, Draw(4 * 2 * 9, 0.5), Draw(4, 0.1)); // -> 4x6x8
        var c1 = new ConvLayer(4, 6, 8, 3, 3, 1, 0, Activation.Tanh, Draw(3 * 4 * 9, 0.3), Draw(3, 0.1));  // -> 3x4x6
        var head = new DenseLayer(c1.OutputSize, actions, Activation.Identity, Draw(c1.OutputSize * actions, 0.3), Draw(actions, 0.1));
        return new PolicyModel(image, [c0, c1], ActionKind.Discrete, actions, OutputTransform.Clip, null, null, null, null, [head],
            ["env", "seed"], ["pictures", seed.ToString()]);
    }

    public static PolicyModel Random(int seed, ActionKind kind = ActionKind.Discrete, int[]? hidden = null, int obs = 4, int actions = 2,
        OutputTransform transform = OutputTransform.Clip, Activation activation = Activation.Tanh)
    {
        var rng = new Random(seed);
        hidden ??= [8, 8];
        var widths = new List<int> { obs };
        widths.AddRange(hidden);
        widths.Add(actions);
        var layers = new DenseLayer[widths.Count - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            int i = widths[l], o = widths[l + 1];
            var w = Enumerable.Range(0, i * o).Select(_ => (float)(rng.NextDouble() * 2 - 1) / MathF.Sqrt(i)).ToArray();
            var b = Enumerable.Range(0, o).Select(_ => (float)(rng.NextDouble() * 0.2 - 0.1)).ToArray();
            layers[l] = new DenseLayer(i, o, l < layers.Length - 1 ? activation : Activation.Identity, w, b);
        }
        var names = Enumerable.Range(0, obs).Select(k => $"obs{k}_unit").ToArray();
        var mean = Enumerable.Range(0, obs).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var std = Enumerable.Range(0, obs).Select(_ => (float)(0.5 + rng.NextDouble())).ToArray();
        float[]? low = null, high = null, scale = null, offset = null;
        if (kind == ActionKind.Continuous)
        {
            low = Enumerable.Repeat(-0.8f, actions).ToArray();
            high = Enumerable.Repeat(0.9f, actions).ToArray();
            scale = Enumerable.Repeat(1.5f, actions).ToArray();
            offset = Enumerable.Repeat(0.05f, actions).ToArray();
        }
        return new PolicyModel(names, kind, actions, transform, low, high, scale, offset, mean, std, 5f, layers,
            ["env", "seed"], ["test", seed.ToString()]);
    }

    /// <summary>The file bytes with the checksum recomputed, so that structural checks (not the CRC) are what is tested.</summary>
    public static byte[] WithFixedChecksum(byte[] data)
    {
        var copy = (byte[])data.Clone();
        if (copy.Length >= PolicyFormat.HeaderSize + PolicyFormat.ChecksumSize)
        {
            uint crc = Crc32.Compute(copy, 0, copy.Length - 4);
            BitConverter.GetBytes(crc).CopyTo(copy, copy.Length - 4);
        }
        return copy;
    }
}
