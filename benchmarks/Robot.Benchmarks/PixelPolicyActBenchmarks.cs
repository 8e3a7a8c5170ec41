using BenchmarkDotNet.Attributes;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Benchmarks;

/// <summary>
/// One action from one picture (2 x 50 x 100) through the exported convolutional policy: the
/// runtime (PolicyModel.Act: three convolutions in plain loops, then the head) against TorchSharp's
/// forward of the same network (one thread, no_grad).
/// </summary>
[MemoryDiagnoser]
public class PixelPolicyActBenchmarks
{
    PolicyModel _model = null!;
    PolicyWorkspace _workspace = null!;
    float[] _observation = [];
    readonly float[] _action = new float[1];
    SoftmaxPolicy _policy = null!;
    Tensor _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        var spec = EnvRegistry.Spec("cartpole-pixels");
        random.manual_seed(1);
        _policy = new SoftmaxPolicy(spec, []);
        var state = new RunState { Env = "cartpole-pixels", Seed = 1, Settings = Presets.Load("cartpole-pixels", "ppo") };
        _model = Robot.Trainer.Export.PolicyExporter.ToModel(_policy, state);
        _workspace = _model.CreateWorkspace();
        var env = EnvRegistry.Create("cartpole-pixels");
        _observation = new float[spec.ObservationSize];
        env.Reset(1, _observation);
        _input = tensor(_observation, [1, spec.ObservationSize]);
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
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return _policy.forward(_input).argmax().item<long>();
    }
}
