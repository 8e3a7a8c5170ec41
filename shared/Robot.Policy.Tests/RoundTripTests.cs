namespace Robot.Policy.Tests;

public class RoundTripTests
{
    public static TheoryData<ActionKind, OutputTransform, Activation, int> Shapes => new()
    {
        { ActionKind.Discrete, OutputTransform.Clip, Activation.Tanh, 2 },
        { ActionKind.Discrete, OutputTransform.Clip, Activation.Relu, 5 },
        { ActionKind.Continuous, OutputTransform.Clip, Activation.Tanh, 1 },
        { ActionKind.Continuous, OutputTransform.TanhSquash, Activation.Tanh, 3 },
        { ActionKind.Discrete, OutputTransform.Clip, Activation.Sigmoid, 2 },
        { ActionKind.Continuous, OutputTransform.Clip, Activation.Elu, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriteReadWriteIsIdenticalAndActsTheSame(ActionKind kind, OutputTransform transform, Activation activation, int actions)
    {
        var model = TestPolicies.Random(7, kind, [16, 16], obs: 6, actions: actions, transform: transform, activation: activation);
        byte[] bytes = PolicyWriter.Write(model);
        var read = PolicyReader.Read(bytes);
        Assert.Equal(bytes, PolicyWriter.Write(read));
        Assert.Equal("7", read.Metadata("seed"));
        Assert.Equal("obs3_unit", read.ObservationName(3));
        var rng = new Random(1);
        var a = new float[model.ActionWidth];
        var b = new float[model.ActionWidth];
        for (int k = 0; k < 200; k++)
        {
            var obs = Enumerable.Range(0, 6).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray();
            Assert.True(model.Act(obs, a));
            Assert.True(read.Act(obs, b));
            Assert.Equal(a, b);
        }
    }

    /// <summary>Each file in the lowest version that holds it: older files stay byte for byte what they were.</summary>
    [Theory]
    [InlineData(Activation.Tanh, false, 1)]
    [InlineData(Activation.Relu, true, 2)]
    [InlineData(Activation.Sigmoid, false, 3)]
    [InlineData(Activation.Elu, true, 3)]
    public void TheWriterPicksTheLowestVersionThatHoldsThePolicy(Activation activation, bool pictures, int version)
    {
        PolicyModel model = pictures ? TestPolicies.RandomConv(3, activation: activation) : TestPolicies.Random(3, activation: activation);
        byte[] bytes = PolicyWriter.Write(model);
        Assert.Equal(version, bytes[4] | bytes[5] << 8);
        Assert.Equal(bytes, PolicyWriter.Write(PolicyReader.Read(bytes)));
    }

    /// <summary>A version-3 activation in a file that says version 1 or 2 is refused: the reader it was written for could not run it.</summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void AVersionThreeActivationInAnOlderFileIsRefused(bool pictures, int olderVersion)
    {
        PolicyModel model = pictures ? TestPolicies.RandomConv(4, activation: Activation.Elu) : TestPolicies.Random(4, activation: Activation.Sigmoid);
        byte[] bytes = PolicyWriter.Write(model);
        bytes[4] = (byte)olderVersion;
        var e = Assert.Throws<PolicyFormatException>(() => PolicyReader.Read(TestPolicies.WithFixedChecksum(bytes)));
        Assert.Equal(PolicyError.InvalidValue, e.Reason);
        Assert.Contains("needs format version 3", e.Message);
    }

    /// <summary>Sigmoid and ELU as PyTorch defines them (torch.sigmoid; nn.ELU with alpha 1), on both forward paths.</summary>
    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Elu)]
    public void TheNewActivationsComputeTheirDefinitions(Activation activation)
    {
        Func<double, double> definition = activation == Activation.Sigmoid ? x => 1 / (1 + Math.Exp(-x)) : x => x > 0 ? x : Math.Exp(x) - 1;
        var rng = new Random(5);
        var weights = Enumerable.Range(0, 3 * 9).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var bias = Enumerable.Range(0, 9).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var layer = new DenseLayer(3, 9, activation, weights, bias);
        var fast = new float[9];
        var portable = new float[9];
        for (int k = 0; k < 300; k++)
        {
            var x = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 12 - 6)).ToArray();
            layer.Forward(x, fast);
            layer.ForwardPortable(x, portable);
            for (int o = 0; o < 9; o++)
            {
                double z = bias[o];
                for (int i = 0; i < 3; i++) z += weights[o * 3 + i] * x[i];
                double expected = definition(z);
                Assert.True(Math.Abs(fast[o] - expected) <= 2e-6 * Math.Max(1, Math.Abs(expected)), $"fast {fast[o]} vs {expected}");
                Assert.True(Math.Abs(portable[o] - expected) <= 2e-6 * Math.Max(1, Math.Abs(expected)), $"portable {portable[o]} vs {expected}");
            }
        }
    }

    [Fact]
    public void ContinuousActionsAreScaledOffsetAndClipped()
    {
        // One identity layer with weight 1: the network output equals the normalized observation.
        var layer = new DenseLayer(1, 1, Activation.Identity, [1f], [0f]);
        var model = new PolicyModel(["x"], ActionKind.Continuous, 1, OutputTransform.Clip, [-1f], [2f], [2f], [0.5f],
            [0f], [1f], 10f, [layer], null, null);
        var action = new float[1];
        Assert.True(model.Act([0.25f], action));
        Assert.Equal(1.0f, action[0]);             // 2 * 0.25 + 0.5
        Assert.True(model.Act([5f], action));
        Assert.Equal(2f, action[0]);               // clipped to high
        Assert.True(model.Act([-5f], action));
        Assert.Equal(-1f, action[0]);              // clipped to low
        var squash = new PolicyModel(["x"], ActionKind.Continuous, 1, OutputTransform.TanhSquash, [-1f], [1f], [1f], [0f],
            [0f], [1f], 10f, [layer], null, null);
        Assert.True(squash.Act([0.5f], action));
        Assert.Equal((float)Math.Tanh(0.5), action[0], 6);
    }

    [Fact]
    public void NormalizationIsBakedInAndClipped()
    {
        var layer = new DenseLayer(1, 1, Activation.Identity, [1f], [0f]);
        var model = new PolicyModel(["x"], ActionKind.Continuous, 1, OutputTransform.Clip, [-100f], [100f], [1f], [0f],
            [2f], [4f], 3f, [layer], null, null);
        var output = new float[1];
        Assert.True(model.Forward([6f], output, model.CreateWorkspace()));
        Assert.Equal(1f, output[0]);               // (6 - 2) / 4
        Assert.True(model.Forward([100f], output, model.CreateWorkspace()));
        Assert.Equal(3f, output[0]);               // clipped at +3
    }

    [Fact]
    public void BadInputsAreRefusedWithoutExceptionsInTheHotPath()
    {
        var model = TestPolicies.Random(3);
        var action = new float[] { 42f };
        Assert.False(model.Act([0f, float.NaN, 0f, 0f], action));
        Assert.False(model.Act([0f, 0f, float.PositiveInfinity, 0f], action));
        Assert.False(model.Act([0f, 0f], action));
        Assert.False(model.Act([0f, 0f, 0f, 0f], []));
        Assert.Equal(42f, action[0]);
    }

    [Fact]
    public void ActAllocatesNothing()
    {
        var model = TestPolicies.Random(5, hidden: [64, 64]);
        var ws = model.CreateWorkspace();
        var obs = new float[] { 0.1f, -0.2f, 0.03f, 0.4f };
        var action = new float[1];
        model.Act(obs, action, ws);
        model.Act(obs, action);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            model.Act(obs, action, ws);
            model.Act(obs, action);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ConcurrentReadersGetTheSameAnswers()
    {
        var model = TestPolicies.Random(9, kind: ActionKind.Continuous, hidden: [32, 32], actions: 2);
        var observations = Enumerable.Range(0, 2000).Select(k => new[] { k * 0.001f, -k * 0.002f, 0.5f, (k % 7) * 0.1f }).ToArray();
        var expected = observations.Select(o => { var a = new float[2]; model.Act(o, a, model.CreateWorkspace()); return a; }).ToArray();
        Parallel.For(0, 8, _ =>
        {
            var a = new float[2];
            for (int k = 0; k < observations.Length; k++)
            {
                Assert.True(model.Act(observations[k], a));
                Assert.Equal(expected[k], a);
            }
        });
    }
}
