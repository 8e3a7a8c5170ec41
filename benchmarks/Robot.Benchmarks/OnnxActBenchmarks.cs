using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using Robot.Trainer.Onnx;

namespace Robot.Benchmarks;

/// <summary>
/// One action from one observation: the robot's runtime (PolicyModel.Act) against ONNX Runtime running
/// the same policy as exported (`export --format onnx`), one intra-op thread, its fastest path
/// (input and outputs bound once to preallocated buffers; each call only runs the graph).
/// </summary>
[MemoryDiagnoser]
public class OnnxActBenchmarks
{
    PolicyModel _model = null!;
    PolicyWorkspace _workspace = null!;
    float[] _observation = [];
    float[] _action = [];
    InferenceSession _session = null!;
    OrtIoBinding _binding = null!;
    RunOptions _runOptions = null!;
    OrtValue _input = null!, _networkOutput = null!, _actionOutput = null!;

    /// <summary>"4-64-64-2": CartPole's MLP softmax. "5-64-64-1": the uniwheel's Gaussian policy mean. "pixels": CartPole-from-pixels' conv policy as the trainer exports it (2 x 50 x 100 frames).</summary>
    [Params("4-64-64-2", "5-64-64-1", "pixels")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Shape == "pixels") SetUpPixels();
        else SetUpMlp();
        int act = _model.ActionSize;
        bool discrete = _model.ActionKind == ActionKind.Discrete;
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(OnnxExporter.ToOnnx(_model).ToByteArray(), options);
        _input = OrtValue.CreateTensorValueFromMemory(_observation, [1, _observation.Length]);
        _networkOutput = OrtValue.CreateTensorValueFromMemory(new float[act], [1, act]);
        _actionOutput = discrete ? OrtValue.CreateTensorValueFromMemory(new long[1], [1, 1]) : OrtValue.CreateTensorValueFromMemory(new float[act], [1, act]);
        _runOptions = new RunOptions();
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxExporter.Input, _input);
        _binding.BindOutput(OnnxExporter.NetworkOutput, _networkOutput);
        _binding.BindOutput(OnnxExporter.ActionOutput, _actionOutput);
    }

    void SetUpPixels()
    {
        TorchSharp.torch.set_num_threads(1);
        var spec = EnvRegistry.Spec("cartpole-pixels");
        TorchSharp.torch.random.manual_seed(1);
        var state = new RunState { Env = "cartpole-pixels", Seed = 1, Settings = Presets.Load("cartpole-pixels", "ppo") };
        _model = Robot.Trainer.Export.PolicyExporter.ToModel(new SoftmaxPolicy(spec, []), state);
        _workspace = _model.CreateWorkspace();
        _observation = new float[spec.ObservationSize];
        EnvRegistry.Create("cartpole-pixels").Reset(1, _observation);
        _action = new float[1];
    }

    void SetUpMlp()
    {
        var widths = Shape.Split('-').Select(int.Parse).ToArray();
        bool discrete = widths[^1] > 1;
        var rng = new Random(1);
        var layers = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
            layers.Add(new DenseLayer(widths[l], widths[l + 1], l == widths.Length - 2 ? Activation.Identity : Activation.Tanh,
                Enumerable.Range(0, widths[l] * widths[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5) / 4).ToArray(),
                Enumerable.Range(0, widths[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5) / 10).ToArray()));
        int obs = widths[0], act = widths[^1];
        var names = Enumerable.Range(0, obs).Select(i => "x" + i).ToArray();
        var (mean, std) = (new float[obs], Enumerable.Repeat(1f, obs).ToArray());
        _model = discrete
            ? new PolicyModel(names, ActionKind.Discrete, act, OutputTransform.Clip, null, null, null, null, mean, std, 10f, [.. layers], null, null)
            : new PolicyModel(names, ActionKind.Continuous, act, OutputTransform.Clip, [-1f], [1f], [1f], [0f], mean, std, 10f, [.. layers], null, null);
        _workspace = _model.CreateWorkspace();
        _observation = Enumerable.Range(0, obs).Select(i => 0.1f * i - 0.2f).ToArray();
        _action = new float[_model.ActionWidth];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var d in new IDisposable[] { _binding, _runOptions, _input, _networkOutput, _actionOutput, _session }) d.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float Runtime()
    {
        _model.Act(_observation, _action, _workspace);
        return _action[0];
    }

    [Benchmark]
    public void OnnxRuntime() => _session.RunWithBinding(_runOptions, _binding);
}
