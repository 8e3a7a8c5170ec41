using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Robot.Cli;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Onnx;

namespace Robot.Trainer.Tests.Onnx;

/// <summary>
/// ONNX out and in, with ONNX Runtime as the reference: an exported policy computes in ONNX Runtime
/// what the robot's runtime computes; a model imported from ONNX acts in the runtime as ONNX Runtime
/// runs it; rpol -> onnx -> rpol gives the very same file; what cannot be imported is refused by name.
/// </summary>
public class OnnxTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static PolicyModel RandomPolicy(int seed, EnvSpec spec, Activation activation, OutputTransform transform, int[] hidden, bool normalized = true)
    {
        var rng = new Random(seed);
        float Draw(double spread) => (float)((rng.NextDouble() * 2 - 1) * spread);
        int actions = spec.Action.IsDiscrete ? spec.Action.Count : spec.Action.Size;
        var widths = new List<int> { spec.ObservationSize };
        widths.AddRange(hidden);
        widths.Add(actions);
        var layers = Enumerable.Range(0, widths.Count - 1).Select(l => new DenseLayer(widths[l], widths[l + 1],
            l < widths.Count - 2 ? activation : Activation.Identity,
            Enumerable.Range(0, widths[l] * widths[l + 1]).Select(_ => Draw(1.5 / Math.Sqrt(widths[l]))).ToArray(),
            Enumerable.Range(0, widths[l + 1]).Select(_ => Draw(0.2)).ToArray())).ToArray();
        int n = spec.ObservationSize;
        var mean = normalized ? Enumerable.Range(0, n).Select(_ => Draw(0.3)).ToArray() : new float[n];
        var std = normalized ? Enumerable.Range(0, n).Select(_ => 0.2f + (float)rng.NextDouble()).ToArray() : Enumerable.Repeat(1f, n).ToArray();
        float clip = normalized ? 5f : 1e9f;
        string[] keys = ["env", "seed"], values = [spec.Id, seed.ToString()];
        return spec.Action.IsDiscrete
            ? new PolicyModel([.. spec.ObservationNames], ActionKind.Discrete, actions, OutputTransform.Clip, null, null, null, null, mean, std, clip, layers, keys, values)
            : new PolicyModel([.. spec.ObservationNames], ActionKind.Continuous, actions, transform, [-0.9f], [0.8f], [1.2f], [0.05f], mean, std, clip, layers, keys, values);
    }

    public static TheoryData<string, Activation, OutputTransform> Shapes => new()
    {
        { "cartpole", Activation.Tanh, OutputTransform.Clip },
        { "cartpole", Activation.Relu, OutputTransform.Clip },
        { "uniwheel", Activation.Tanh, OutputTransform.Clip },
        { "uniwheel", Activation.Relu, OutputTransform.TanhSquash },
        { "uniwheel-drive", Activation.Tanh, OutputTransform.TanhSquash },
        { "cartpole", Activation.Sigmoid, OutputTransform.Clip }, // format version 3's two
        { "uniwheel", Activation.Elu, OutputTransform.Clip },
        { "uniwheel-drive", Activation.Sigmoid, OutputTransform.TanhSquash },
    };

    /// <summary>The runtime's raw outputs and actions beside ONNX Runtime's on the same observations.</summary>
    static void AssertSameActions(PolicyModel runtime, byte[] onnx, EnvSpec spec, int seed)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        var rng = new Random(seed);
        var output = new float[runtime.ActionSize];
        var action = new float[runtime.ActionWidth];
        var workspace = runtime.CreateWorkspace();
        for (int k = 0; k < 200; k++)
        {
            // Wide observations, so the normalization's clip and the action bounds are exercised too.
            var obs = Enumerable.Range(0, spec.ObservationSize).Select(_ => (float)((rng.NextDouble() * 2 - 1) * 4)).ToArray();
            Assert.True(runtime.Forward(obs, output, workspace));
            Assert.True(runtime.Act(obs, action, workspace));
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), new DenseTensor<float>(obs, [1, obs.Length]))]);
            var reference = results.First().AsEnumerable<float>().ToArray(); // the first output: the network's
            for (int j = 0; j < output.Length; j++)
                Assert.True(Math.Abs(output[j] - reference[j]) <= 1e-5 * Math.Max(1, Math.Abs(reference[j])), $"output {j}: runtime {output[j]}, ONNX Runtime {reference[j]}");
            var act = results.FirstOrDefault(r => r.Name == OnnxExporter.ActionOutput);
            if (act is null) continue;
            if (spec.Action.IsDiscrete) Assert.Equal(action[0], act.AsEnumerable<long>().Single());
            else
            {
                var a = act.AsEnumerable<float>().ToArray();
                for (int j = 0; j < a.Length; j++) Assert.True(Math.Abs(action[j] - a[j]) <= 1e-5 * Math.Max(1, Math.Abs(a[j])), $"action {j}: runtime {action[j]}, ONNX Runtime {a[j]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AnExportedPolicyActsInOnnxRuntimeAsInTheRobotsRuntime(string env, Activation activation, OutputTransform transform)
    {
        var spec = EnvRegistry.Spec(env);
        var policy = RandomPolicy(11, spec, activation, transform, [32, 16]);
        AssertSameActions(policy, OnnxExporter.ToOnnx(policy).ToByteArray(), spec, 3);
    }

    [Fact]
    public void TheCommittedUniwheelPolicyExportsAndComesBackBitIdentical()
    {
        var spec = EnvRegistry.Spec("uniwheel");
        string fixture = Path.Combine(RepoPaths.Root, "hil-tests", "fixtures", "uniwheel-ppo.rpol");
        var policy = PolicyFile.Load(fixture);
        byte[] onnx = OnnxExporter.ToOnnx(policy).ToByteArray();
        AssertSameActions(policy, onnx, spec, 4);
        var back = OnnxImporter.Import(onnx, spec, null);
        Assert.Equal(File.ReadAllBytes(fixture), PolicyWriter.Write(back));
    }

    /// <summary>A picture policy shaped like CartPole-from-pixels' (two convolutions over its stacked frames, a dense head), random weights.</summary>
    static PolicyModel RandomPicturePolicy(int seed, EnvSpec spec)
    {
        var rng = new Random(seed);
        float[] Draw(int count, double spread) => Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 2 - 1) * spread)).ToArray();
        var shape = spec.Image!;
        var image = new ImageInput(shape.Frames, shape.Height, shape.Width, 1f / 255);
        var c0 = new ConvLayer(shape.Frames, shape.Height, shape.Width, 4, 5, 2, 1, Activation.Relu, Draw(4 * shape.Frames * 25, 0.3), Draw(4, 0.1));
        var c1 = new ConvLayer(4, c0.OutHeight, c0.OutWidth, 3, 3, 2, 0, Activation.Tanh, Draw(3 * 4 * 9, 0.3), Draw(3, 0.1));
        var d0 = new DenseLayer(c1.OutputSize, 16, Activation.Relu, Draw(c1.OutputSize * 16, 0.1), Draw(16, 0.1));
        var d1 = new DenseLayer(16, spec.Action.Count, Activation.Identity, Draw(16 * spec.Action.Count, 0.5), Draw(spec.Action.Count, 0.1));
        return new PolicyModel(image, [c0, c1], ActionKind.Discrete, spec.Action.Count, OutputTransform.Clip, null, null, null, null, [d0, d1],
            ["env", "seed"], [spec.Id, seed.ToString()]);
    }

    [Fact]
    public void APicturePolicyExportsActsInOnnxRuntimeAsInTheRuntimeAndComesBack()
    {
        var spec = EnvRegistry.Spec("cartpole-pixels");
        var policy = RandomPicturePolicy(21, spec);
        byte[] onnx = OnnxExporter.ToOnnx(policy).ToByteArray();
        // Pixels in 0-255, as the env's frames are.
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        var rng = new Random(8);
        var output = new float[2];
        var action = new float[1];
        var workspace = policy.CreateWorkspace();
        for (int k = 0; k < 20; k++)
        {
            var obs = Enumerable.Range(0, spec.ObservationSize).Select(_ => (float)rng.Next(256)).ToArray();
            Assert.True(policy.Forward(obs, output, workspace));
            Assert.True(policy.Act(obs, action, workspace));
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.Input, new DenseTensor<float>(obs, [1, obs.Length]))]);
            var reference = results.First(r => r.Name == OnnxExporter.NetworkOutput).AsEnumerable<float>().ToArray();
            double scale = Math.Max(1, reference.Max(Math.Abs));
            for (int j = 0; j < 2; j++) Assert.True(Math.Abs(output[j] - reference[j]) <= 1e-5 * scale, $"output {j}: runtime {output[j]}, ONNX Runtime {reference[j]}");
            Assert.Equal(action[0], results.First(r => r.Name == OnnxExporter.ActionOutput).AsEnumerable<long>().Single());
        }
        Assert.Equal(PolicyWriter.Write(policy), PolicyWriter.Write(OnnxImporter.Import(onnx, spec, null)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RpolToOnnxToRpolIsTheSameFile(string env, Activation activation, OutputTransform transform)
    {
        var spec = EnvRegistry.Spec(env);
        foreach (bool normalized in new[] { true, false })
        {
            var policy = RandomPolicy(12, spec, activation, transform, [8], normalized);
            var back = OnnxImporter.Import(OnnxExporter.ToOnnx(policy).ToByteArray(), spec, null);
            Assert.Equal(PolicyWriter.Write(policy), PolicyWriter.Write(back));
        }
    }

    /// <summary>
    /// What torch.onnx.export makes of an SB3-style actor: weights as raw little-endian bytes, MatMul then Add,
    /// normalization as Sub and Div, a Softmax head, a Gaussian's log-std as a second output off the chain.
    /// </summary>
    static ModelProto ForeignModel(EnvSpec spec, int seed, bool normalized = true)
    {
        var rng = new Random(seed);
        int n = spec.ObservationSize, hidden = 24, actions = spec.Action.IsDiscrete ? spec.Action.Count : spec.Action.Size;
        TensorProto Raw(string name, long[] dims)
        {
            long count = dims.Aggregate(1L, (a, b) => a * b);
            var bytes = new byte[count * 4];
            for (int i = 0; i < count; i++) BitConverter.GetBytes((float)((rng.NextDouble() * 2 - 1) * 0.7)).CopyTo(bytes, i * 4);
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
            t.Dims.AddRange(dims);
            return t;
        }
        NodeProto Node(string op, string output, params string[] inputs)
        {
            var node = new NodeProto { OpType = op, Name = "/actor/" + op + "_" + output, Output = { output } };
            node.Input.AddRange(inputs);
            return node;
        }
        var graph = new GraphProto { Name = "main_graph" };
        graph.Input.Add(new ValueInfoProto { Name = "obs", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1,
            Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 1 }, new TensorShapeProto.Types.Dimension { DimValue = n } } } } } });
        graph.Initializer.Add(Raw("obs_mean", [n]));
        var std = Raw("obs_std", [n]);
        var stdValues = new byte[n * 4];
        for (int i = 0; i < n; i++) BitConverter.GetBytes(0.5f + (float)rng.NextDouble()).CopyTo(stdValues, i * 4);
        std.RawData = ByteString.CopyFrom(stdValues);
        graph.Initializer.Add(std);
        graph.Initializer.Add(Raw("w0", [n, hidden]));
        graph.Initializer.Add(Raw("b0", [hidden]));
        graph.Initializer.Add(Raw("w1", [hidden, hidden]));
        graph.Initializer.Add(Raw("b1", [hidden]));
        graph.Initializer.Add(Raw("w2", [actions, hidden]));
        graph.Initializer.Add(Raw("b2", [actions]));
        graph.Initializer.Add(Raw("log_std", [actions]));
        if (normalized)
        {
            graph.Node.Add(Node("Sub", "centred", "obs", "obs_mean"));
            graph.Node.Add(Node("Div", "scaled", "centred", "obs_std"));
        }
        graph.Node.Add(Node("MatMul", "mm0", normalized ? "scaled" : "obs", "w0"));
        graph.Node.Add(Node("Add", "h0", "mm0", "b0"));
        graph.Node.Add(Node("Relu", "a0", "h0"));
        graph.Node.Add(Node("MatMul", "mm1", "a0", "w1"));
        graph.Node.Add(Node("Add", "h1", "b1", "mm1")); // the bias first: Add commutes
        graph.Node.Add(Node("Tanh", "a1", "h1"));
        var gemm = Node("Gemm", "logits", "a1", "w2", "b2");
        gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(gemm);
        graph.Output.Add(new ValueInfoProto { Name = "logits" });
        if (spec.Action.IsDiscrete)
        {
            graph.Node.Add(Node("Softmax", "probs", "logits"));
            graph.Output.Add(new ValueInfoProto { Name = "probs" });
        }
        else
        {
            graph.Node.Add(Node("Exp", "std", "log_std")); // off the chain: ignored
            graph.Output.Add(new ValueInfoProto { Name = "std" });
        }
        var model = new ModelProto { IrVersion = 7, ProducerName = "pytorch", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        return model;
    }

    [Theory]
    [InlineData("cartpole")]
    [InlineData("uniwheel")]
    public void AForeignActorImportsAndActsAsOnnxRuntimeRunsIt(string env)
    {
        var spec = EnvRegistry.Spec(env);
        byte[] onnx = ForeignModel(spec, 5).ToByteArray();
        var policy = OnnxImporter.Import(onnx, spec, [.. spec.ObservationNames], new Dictionary<string, string> { ["env"] = spec.Id });
        Assert.Equal(3, policy.LayerCount);
        Assert.Equal(spec.Id, policy.Metadata("env"));
        AssertSameActions(policy, onnx, spec, 6);
    }

    /// <summary>
    /// Models exported by PyTorch itself (Torch/make_fixtures.py: an SB3 CartPole actor; a CleanRL uniwheel actor with
    /// its normalization, clamp and log-std output): imported, the runtime gives PyTorch's recorded outputs and ONNX Runtime's.
    /// </summary>
    [Theory]
    [InlineData("sb3-cartpole-actor", "cartpole", 0, 3, 50)]
    [InlineData("cleanrl-uniwheel-actor", "uniwheel", 0, 3, 50)]
    [InlineData("elu-sigmoid-uniwheel-actor", "uniwheel", 0, 3, 50)]
    [InlineData("pixel-cartpole-actor", "cartpole-pixels", 2, 2, 4)] // input [batch, 2, 50, 100], obs / 255, Conv, Relu, Flatten
    public void ActorsExportedByPyTorchImportAndGiveItsOutputs(string name, string env, int convolutions, int layers, int observations)
    {
        var spec = EnvRegistry.Spec(env);
        string dir = Path.Combine(RepoPaths.Root, "trainer", "Robot.Trainer.Tests", "Onnx", "Torch");
        byte[] onnx = File.ReadAllBytes(Path.Combine(dir, name + ".onnx"));
        var policy = OnnxImporter.Import(onnx, spec, spec.Image is null ? [.. spec.ObservationNames] : null, new Dictionary<string, string> { ["env"] = spec.Id });
        Assert.Equal(convolutions, policy.ConvolutionCount);
        Assert.Equal(layers, policy.LayerCount);
        var rows = File.ReadLines(Path.Combine(dir, name + ".csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(observations, rows.Count);
        var output = new float[policy.ActionSize];
        var workspace = policy.CreateWorkspace();
        foreach (var row in rows)
        {
            Assert.True(policy.Forward(row[..spec.ObservationSize], output, workspace));
            for (int j = 0; j < output.Length; j++)
            {
                float torch = row[spec.ObservationSize + j];
                Assert.True(Math.Abs(output[j] - torch) <= 1e-5 * Math.Max(1, Math.Abs(torch)), $"output {j}: runtime {output[j]}, PyTorch {torch}");
            }
        }
        if (spec.Image is null) AssertSameActions(policy, onnx, spec, 7);
    }

    /// <summary>
    /// An SB3 actor trained in Python (Torch/make_fixtures.py: REINFORCE, stopped early so its greedy episodes end at many
    /// lengths), imported by the command and evaluated through the robot's runtime on our CartPole with Gymnasium's reset
    /// seeds: every one of the 100 episodes returns what PyTorch scored on the same seed in Python's CartPole.
    /// </summary>
    [Fact]
    public void AnActorTrainedInPythonScoresOnOurCartPoleWhatItScoredThere()
    {
        string dir = Path.Combine(RepoPaths.Root, "trainer", "Robot.Trainer.Tests", "Onnx", "Torch");
        var python = File.ReadLines(Path.Combine(dir, "sb3-cartpole-trained-returns.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => int.Parse(f[0]), f => double.Parse(f[1]));
        string rpol = Path.Combine(_dir, "sb3.rpol");
        Assert.Equal(0, Run("import", Path.Combine(dir, "sb3-cartpole-trained.onnx"), "--env", "cartpole",
            "--observation", string.Join(',', EnvRegistry.Spec("cartpole").ObservationNames), "--out", rpol).Code);

        var result = Robot.Trainer.Training.Evaluator.Evaluate("cartpole", PolicyFile.Load(rpol), python.Count, seed: 0);
        Assert.Equal(Enumerable.Range(0, python.Count).Select(k => python[k]), result.Returns);
        Assert.InRange(python.Values.Count(r => r < 500), 20, 80); // many lengths, so the episodes themselves are compared
    }

    /// <summary>VecNormalize's statistics as a file beside a model that does not normalize: the runtime computes what ONNX Runtime does on the normalized observation.</summary>
    [Fact]
    public void StatisticsBesideTheModelBecomeItsNormalization()
    {
        var spec = EnvRegistry.Spec("uniwheel");
        string stats = Path.Combine(_dir, "vecnormalize.json");
        File.WriteAllText(stats, """{ "mean": [0.01, -0.02, 0.1, 0.0, 0.05], "var": [0.0025, 0.25, 0.04, 0.09, 0.01], "epsilon": 1e-8, "clip_obs": 5.0 }""");
        var statistics = ObservationStatistics.Load(stats, spec.ObservationSize);
        byte[] onnx = ForeignModel(spec, 5, normalized: false).ToByteArray();
        var policy = OnnxImporter.Import(onnx, spec, [.. spec.ObservationNames], null, statistics);
        Assert.Equal(5f, policy.NormClip);
        using var session = new InferenceSession(onnx);
        var rng = new Random(2);
        var output = new float[1];
        var workspace = policy.CreateWorkspace();
        for (int k = 0; k < 100; k++)
        {
            var obs = Enumerable.Range(0, 5).Select(_ => (float)((rng.NextDouble() * 2 - 1) * 2)).ToArray();
            var normalized = obs.Select((v, i) => Math.Clamp((v - statistics.Mean[i]) / statistics.Std[i], -5f, 5f)).ToArray();
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("obs", new DenseTensor<float>(normalized, [1, 5]))]);
            float reference = results.First().AsEnumerable<float>().First();
            Assert.True(policy.Forward(obs, output, workspace));
            Assert.True(Math.Abs(output[0] - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)), $"runtime {output[0]}, ONNX Runtime {reference}");
        }
        Assert.Contains("normalizes its observations itself", Assert.Throws<InputException>(() =>
            OnnxImporter.Import(ForeignModel(spec, 5).ToByteArray(), spec, [.. spec.ObservationNames], null, statistics)).Message);
        File.WriteAllText(stats, """{ "mean": [0.0, 0.0], "var": [1.0, 1.0] }""");
        Assert.Contains("2 means and 2 variances for 5 observations", Assert.Throws<InputException>(() => ObservationStatistics.Load(stats, 5)).Message);
        File.WriteAllText(stats, """{ "mean": [0, 0, 0, 0, 0], "var": [1, 1, -1, 1, 1] }""");
        Assert.Contains("negative variance", Assert.Throws<InputException>(() => ObservationStatistics.Load(stats, 5)).Message);
        File.WriteAllText(stats, """{ "means": [0, 0, 0, 0, 0] }""");
        Assert.Contains("is not the statistics file", Assert.Throws<InputException>(() => ObservationStatistics.Load(stats, 5)).Message);
    }

    static ModelProto WithNode(ModelProto model, string op, int at)
    {
        var changed = model.Clone();
        var node = changed.Graph.Node[at];
        node.OpType = op;
        return changed;
    }

    [Theory]
    [InlineData("LeakyRelu", "activation LeakyRelu is not in the policy format")]
    [InlineData("LSTM", "recurrent")]
    [InlineData("Cos", "Cos (node '/actor/Relu_a0'): not supported")]
    public void AnUnsupportedOperatorIsRefusedByNameWithItsNode(string op, string expected)
    {
        var spec = EnvRegistry.Spec("cartpole");
        var model = WithNode(ForeignModel(spec, 5), op, 4); // the first activation
        var e = Assert.Throws<InputException>(() => OnnxImporter.Import(model.ToByteArray(), spec, [.. spec.ObservationNames]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnEluWithAnotherAlphaIsRefusedAndOneWithAlphaOneImports()
    {
        var spec = EnvRegistry.Spec("cartpole");
        var model = WithNode(ForeignModel(spec, 5), "Elu", 4);
        Assert.Equal(Activation.Elu, OnnxImporter.Import(model.ToByteArray(), spec, [.. spec.ObservationNames]).Layer(0).Activation);
        model.Graph.Node[4].Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f });
        var e = Assert.Throws<InputException>(() => OnnxImporter.Import(model.ToByteArray(), spec, [.. spec.ObservationNames]));
        Assert.Contains("Elu with alpha 0.5", e.Message);
    }

    [Fact]
    public void AModelOfAnotherSizeOrLayoutIsRefused()
    {
        var cartpole = EnvRegistry.Spec("cartpole");
        var uniwheel = EnvRegistry.Spec("uniwheel");
        byte[] onnx = ForeignModel(cartpole, 5).ToByteArray();
        Assert.Contains("is 4 wide but Uniwheel-v0 gives 5 observations", Assert.Throws<InputException>(() => OnnxImporter.Import(onnx, uniwheel, [.. uniwheel.ObservationNames])).Message);
        Assert.Contains("declare the model's observation layout", Assert.Throws<InputException>(() => OnnxImporter.Import(onnx, cartpole, null)).Message);
        Assert.Contains("but CartPole-v1 gives", Assert.Throws<InputException>(() => OnnxImporter.Import(onnx, cartpole, ["a", "b", "c", "d"])).Message);
        var ours = OnnxExporter.ToOnnx(RandomPolicy(1, uniwheel, Activation.Tanh, OutputTransform.Clip, [8])).ToByteArray();
        Assert.Contains("trained on Uniwheel-v0, not UniwheelDrive-v0", Assert.Throws<InputException>(() => OnnxImporter.Import(ours, EnvRegistry.Spec("uniwheel-drive"), null)).Message);
    }

    /// <summary>Truncated or damaged files: refused as bad input, or (when the damage happens to keep a valid model) imported; never another exception.</summary>
    [Fact]
    public void ACorruptOrTruncatedFileIsRefusedNeverACrash()
    {
        var spec = EnvRegistry.Spec("uniwheel");
        byte[] good = OnnxExporter.ToOnnx(RandomPolicy(2, spec, Activation.Tanh, OutputTransform.Clip, [16])).ToByteArray();
        var rng = new Random(9);
        int refused = 0;
        for (int k = 0; k < 2000; k++)
        {
            byte[] bad = k % 2 == 0 ? good[..rng.Next(good.Length)] : (byte[])good.Clone();
            if (k % 2 == 1) for (int f = 0; f < 1 + rng.Next(4); f++) bad[rng.Next(bad.Length)] = (byte)rng.Next(256);
            try
            {
                OnnxImporter.Import(bad, spec, null);
            }
            catch (InputException)
            {
                refused++;
            }
        }
        Assert.True(refused > 1000, $"only {refused} of 2000 damaged files refused");
    }

    [Fact]
    public void TheCommandsRefuseInOneLineAndConvertBothWays()
    {
        var spec = EnvRegistry.Spec("uniwheel");
        string rpol = Path.Combine(_dir, "p.rpol"), onnx = Path.Combine(_dir, "p.onnx"), back = Path.Combine(_dir, "back.rpol");
        PolicyFile.Save(rpol, RandomPolicy(3, spec, Activation.Tanh, OutputTransform.Clip, [8]));
        Assert.Equal(0, Run("export", "--policy", rpol, "--format", "onnx", "--out", onnx).Code);
        Assert.Equal(0, Run("import", onnx, "--env", "uniwheel", "--out", back).Code);
        Assert.Equal(File.ReadAllBytes(rpol), File.ReadAllBytes(back));

        string garbage = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllBytes(garbage, [0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0x0f, 0x01]);
        foreach (var args in new[]
        {
            new[] { "import", garbage, "--env", "uniwheel", "--out", Path.Combine(_dir, "x.rpol") },
            ["import", onnx, "--env", "cartpole", "--out", Path.Combine(_dir, "y.rpol")],
            ["import", onnx, "--env", "uniwheel", "--out", back], // exists: refused, kept
        })
        {
            var (code, err) = Run(args);
            Assert.Equal(ExitCode.BadInput, code);
            Assert.Single(err.Trim().Split('\n'));
            Assert.StartsWith("error: ", err);
            Assert.DoesNotContain("   at ", err);
        }
        Assert.False(File.Exists(Path.Combine(_dir, "x.rpol")));
        Assert.Equal(File.ReadAllBytes(rpol), File.ReadAllBytes(back));
    }

    static (int Code, string Err) Run(params string[] args)
    {
        var (code, _, err) = Cli.TrainerCliTests.Run(args);
        return (code, err);
    }
}
