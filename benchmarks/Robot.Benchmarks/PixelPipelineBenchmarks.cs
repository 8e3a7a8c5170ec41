using BenchmarkDotNet.Attributes;
using Robot.Envs;
using Robot.Envs.CartPolePixels;
using Robot.Trainer.Policies;
using static TorchSharp.torch;

namespace Robot.Benchmarks;

/// <summary>
/// Where the time of learning CartPole from pixels goes, piece by piece (issue 16's "profile before
/// tuning"): one frame drawn by the fast renderer; one vectorized step of 8 envs (CartPole's
/// physics, a frame each, the 2-frame stack) on 1 worker and on every core; the conv networks'
/// forward for the 8 envs (policy and value, no gradient); and one training step of both networks
/// (forward, backward, Adam) on a 256-row minibatch, on 1 and on 2 TorchSharp threads, with glibc's
/// heap settings and with the trainer's (NativeHeap).
/// </summary>
public class PixelPipelineBenchmarks
{
    readonly float[] _frame = new float[PixelView.Pixels];
    IVectorEnv _env = null!;
    float[] _actions = null!;
    SoftmaxPolicy _policy = null!;
    ValueNetwork _value = null!;
    TorchSharp.Modules.Adam _adam = null!;
    Tensor _batch8 = null!, _batch256 = null!;
    double _x;

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Whether libtorch's freed buffers stay in the heap (what the trainer does: NativeHeap).</summary>
    [Params(false, true)]
    public bool KeptHeap { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        Robot.Trainer.Training.NativeHeap.Configure(KeptHeap);
        _env = EnvRegistry.CreateVector("cartpole-pixels", 8, workers: Threads);
        _env.Reset(1);
        _actions = new float[8];
        var spec = EnvRegistry.Spec("cartpole-pixels");
        random.manual_seed(1);
        _policy = new SoftmaxPolicy(spec, []);
        _value = new ValueNetwork(spec, []);
        _adam = optim.Adam(_policy.parameters().Concat(_value.parameters()), 2.5e-4);
        _batch8 = rand(8, spec.ObservationSize);
        _batch256 = rand(256, spec.ObservationSize);
    }

    [Benchmark(Description = "render one frame")]
    public void Render()
    {
        _x = _x > 2 ? -2 : _x + 0.01;
        CartPoleFrameRenderer.Draw(_x, 0.1, _frame);
    }

    [Benchmark(Description = "step 8 envs (physics, render, stack)")]
    public void StepEnvs()
    {
        for (int i = 0; i < 8; i++) _actions[i] = i % 2;
        _env.Step(_actions);
    }

    [Benchmark(Description = "forward policy+value, 8 rows")]
    public void Forward8()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _policy.forward(_batch8);
        _value.forward(_batch8);
    }

    [Benchmark(Description = "train step policy+value, 256 rows")]
    public void Train256()
    {
        using var scope = NewDisposeScope();
        _adam.zero_grad();
        (_policy.forward(_batch256).sum() + _value.forward(_batch256).sum()).backward();
        _adam.step();
    }
}
