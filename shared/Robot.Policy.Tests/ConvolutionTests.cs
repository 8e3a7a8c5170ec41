namespace Robot.Policy.Tests;

/// <summary>Format version 2: policies that see pictures. The convolution by hand, the round trip, the refusals, and version 1 untouched.</summary>
public class ConvolutionTests
{
    [Fact]
    public void AConvolutionComputesWhatItsDefinitionSays()
    {
        // One 3x3 input channel, one 2x2 kernel, stride 1, padding 1: a 4x4 output, checked cell by cell.
        float[] input = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var conv = new ConvLayer(1, 3, 3, 1, 2, 1, 1, Activation.Identity, [1, 10, 100, 1000], [0.5f]);
        Assert.Equal((4, 4), (conv.OutHeight, conv.OutWidth));
        var output = new float[16];
        var portable = new float[16];
        conv.Forward(input, output);
        conv.ForwardPortable(input, portable);
        float At(int r, int c) => r is >= 0 and < 3 && c is >= 0 and < 3 ? input[r * 3 + c] : 0;
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
            {
                float expected = 0.5f + At(y - 1, x - 1) + 10 * At(y - 1, x) + 100 * At(y, x - 1) + 1000 * At(y, x);
                Assert.Equal(expected, output[y * 4 + x]);
                Assert.Equal(expected, portable[y * 4 + x]);
            }
    }

    [Theory]
    [InlineData(2, 50, 100, 16, 5, 2, 0)] // the pixel policy's first layer
    [InlineData(16, 23, 48, 32, 5, 2, 0)]
    [InlineData(3, 9, 7, 5, 3, 1, 1)]     // channels not a multiple of the vector width, padding
    [InlineData(1, 6, 6, 33, 2, 3, 2)]
    public void TheSimdPassAgreesWithThePortableOne(int inChannels, int height, int width, int outChannels, int kernel, int stride, int padding)
    {
        var rng = new Random(inChannels * 100 + outChannels);
        float[] Draw(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var conv = new ConvLayer(inChannels, height, width, outChannels, kernel, stride, padding, Activation.Tanh,
            Draw(outChannels * inChannels * kernel * kernel), Draw(outChannels));
        var input = Draw(conv.InputSize);
        var simd = new float[conv.OutputSize];
        var portable = new float[conv.OutputSize];
        conv.Forward(input, simd);
        conv.ForwardPortable(input, portable);
        for (int i = 0; i < simd.Length; i++) Assert.True(Math.Abs(simd[i] - portable[i]) <= 1e-5 * Math.Max(1, Math.Abs(portable[i])), $"[{i}] {simd[i]} vs {portable[i]}");
        long before = GC.GetAllocatedBytesForCurrentThread();
        conv.Forward(input, simd);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void APicturePolicyRoundTripsAndActsWithoutAllocating()
    {
        var model = TestPolicies.RandomConv(1);
        var bytes = PolicyWriter.Write(model);
        Assert.Equal(PolicyFormat.ImageVersion, bytes[4]);
        var back = PolicyReader.Read(bytes);
        Assert.Equal(bytes, PolicyWriter.Write(back));
        Assert.Equal(2 * 12 * 16, back.ObservationSize);
        Assert.Equal(2, back.ConvolutionCount);
        var rng = new Random(2);
        var obs = Enumerable.Range(0, back.ObservationSize).Select(_ => (float)rng.NextDouble()).ToArray();
        var ws = back.CreateWorkspace();
        var a = new float[3];
        var b = new float[3];
        Assert.True(model.Forward(obs, a, model.CreateWorkspace()));
        Assert.True(back.Forward(obs, b, ws));
        Assert.Equal(a, b);
        var action = new float[1];
        back.Act(obs, action, ws);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) back.Act(obs, action, ws);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        obs[5] = float.NaN;
        Assert.False(back.Act(obs, action, ws));
        Assert.Contains("picture", PolicyInspector.Describe(bytes));
    }

    [Fact]
    public void VersionOneFilesAreWrittenAsBefore()
    {
        var bytes = PolicyWriter.Write(TestPolicies.Random(5));
        Assert.Equal(PolicyFormat.Version, bytes[4]);
        Assert.Null(PolicyReader.Read(bytes).Image);
    }

    public static TheoryData<string, Func<object>> BadShapes() => new()
    {
        { "kernel 0", () => new ConvLayer(1, 8, 8, 1, 0, 1, 0, Activation.Relu, [], [0]) },
        { "kernel 99", () => new ConvLayer(1, 8, 8, 1, 99, 1, 0, Activation.Relu, new float[99 * 99], [0]) },
        { "kernel larger than the input", () => new ConvLayer(1, 3, 3, 1, 5, 1, 0, Activation.Relu, new float[25], [0]) },
        { "stride 0", () => new ConvLayer(1, 8, 8, 1, 3, 0, 0, Activation.Relu, new float[9], [0]) },
        { "channels 100000", () => new ConvLayer(100_000, 8, 8, 1, 3, 1, 0, Activation.Relu, new float[9], [0]) },
        { "weights of the wrong length", () => new ConvLayer(1, 8, 8, 2, 3, 1, 0, Activation.Relu, new float[9], [0, 0]) },
        { "a NaN weight", () => new ConvLayer(1, 8, 8, 1, 1, 1, 0, Activation.Relu, [float.NaN], [0]) },
        { "an image that overflows", () => new ImageInput(60_000, 1000, 1000, 1) },
        { "a zero image scale", () => new ImageInput(1, 8, 8, 0) },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void AbsurdShapesAreTypedRefusals(string what, Func<object> make)
    {
        var e = Assert.Throws<PolicyFormatException>(make);
        Assert.False(string.IsNullOrEmpty(e.Message), what);
    }

    [Fact]
    public void ConvolutionsThatDoNotChainAreRefused()
    {
        var image = new ImageInput(2, 12, 16, 1);
        var wrongChannels = new ConvLayer(3, 12, 16, 4, 3, 1, 0, Activation.Relu, new float[4 * 3 * 9], new float[4]);
        var head = new DenseLayer(4 * 10 * 14, 2, Activation.Identity, new float[4 * 10 * 14 * 2], new float[2]);
        var e = Assert.Throws<PolicyFormatException>(() => new PolicyModel(image, [wrongChannels], ActionKind.Discrete, 2, OutputTransform.Clip,
            null, null, null, null, [head], null, null));
        Assert.Equal(PolicyError.LayersDoNotChain, e.Reason);
    }
}
