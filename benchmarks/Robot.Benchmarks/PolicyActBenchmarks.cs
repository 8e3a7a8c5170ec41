using BenchmarkDotNet.Attributes;
using Robot.Policy;
using TorchSharp;
using static TorchSharp.torch;

namespace Robot.Benchmarks;

/// <summary>
/// One deterministic action from one observation: the robot's runtime (PolicyModel.Act) against
/// the same network's forward pass in TorchSharp (single observation, no_grad, argmax/mean read back).
/// </summary>
[MemoryDiagnoser]
public class PolicyActBenchmarks
{
    PolicyModel _model = null!;
    PolicyWorkspace _workspace = null!;
    float[] _observation = [];
    float[] _action = [];
    nn.Module<Tensor, Tensor> _torch = null!;

    /// <summary>"4-64-64-2": CartPole's MLP softmax. "5-64-64-1": the uniwheel's Gaussian policy mean (tanh-squashed here).</summary>
    [Params("4-64-64-2", "5-64-64-1")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var widths = Shape.Split('-').Select(int.Parse).ToArray();
        bool discrete = widths[^1] > 1;
        random.manual_seed(1);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var layers = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
        {
            var linear = nn.Linear(widths[l], widths[l + 1]);
            modules.Add(linear);
            bool last = l == widths.Length - 2;
            if (!last) modules.Add(nn.Tanh());
            layers.Add(new DenseLayer(widths[l], widths[l + 1], last ? Activation.Identity : Activation.Tanh,
                linear.weight!.data<float>().ToArray(), linear.bias!.data<float>().ToArray()));
        }
        _torch = nn.Sequential(modules);
        int obs = widths[0], act = widths[^1];
        var names = Enumerable.Range(0, obs).Select(i => "x" + i).ToArray();
        _model = discrete
            ? new PolicyModel(names, ActionKind.Discrete, act, OutputTransform.Clip, null, null, null, null,
                new float[obs], Enumerable.Repeat(1f, obs).ToArray(), 10f, [.. layers], null, null)
            : new PolicyModel(names, ActionKind.Continuous, act, OutputTransform.TanhSquash, [-1f], [1f], [1f], [0f],
                new float[obs], Enumerable.Repeat(1f, obs).ToArray(), 10f, [.. layers], null, null);
        _workspace = _model.CreateWorkspace();
        _observation = Enumerable.Range(0, obs).Select(i => 0.1f * i - 0.2f).ToArray();
        _action = new float[_model.ActionWidth];
    }

    [Benchmark(Baseline = true)]
    public float Runtime()
    {
        _model.Act(_observation, _action, _workspace);
        return _action[0];
    }

    [Benchmark]
    public float TorchSharp()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var output = _torch.forward(tensor(_observation).unsqueeze(0));
        var action = output.shape[1] > 1 ? output.argmax(1).to_type(ScalarType.Float32) : output.tanh();
        return action.item<float>();
    }
}
