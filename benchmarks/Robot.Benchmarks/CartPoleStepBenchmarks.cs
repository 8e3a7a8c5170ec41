using BenchmarkDotNet.Attributes;
using Robot.Envs.CartPole;

namespace Robot.Benchmarks;

/// <summary>
/// Raw CartPole-v1 steps on one core. Each invocation runs StepsPerInvoke env steps (automatic
/// reset included), so BenchmarkDotNet's "Mean" is the time of one env step.
/// </summary>
[MemoryDiagnoser]
public class CartPoleStepBenchmarks
{
    const int StepsPerInvoke = 65_536;
    readonly float[] _obs = new float[4];
    readonly float[] _action = new float[1];
    readonly float[] _pattern = RandomActions();
    CartPoleEnv _single = null!;
    CartPoleVectorEnv _vector = null!;
    float[] _vectorActions = [];

    /// <summary>Copies in the vectorized environment.</summary>
    [Params(16, 256)]
    public int Envs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _single = new CartPoleEnv();
        _single.Reset(0, _obs);
        _vector = new CartPoleVectorEnv(Envs);
        _vector.Reset(0);
        _vectorActions = new float[Envs];
    }

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true)]
    public float SingleEnv()
    {
        float sum = 0;
        for (int i = 0; i < StepsPerInvoke; i++)
        {
            _action[0] = _pattern[i & 4095];
            var r = _single.Step(_action, _obs);
            if (r.Done) _single.Reset(null, _obs);
            sum += r.Reward;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public float VectorEnv()
    {
        int calls = StepsPerInvoke / Envs;
        for (int c = 0; c < calls; c++)
        {
            for (int i = 0; i < _vectorActions.Length; i++) _vectorActions[i] = _pattern[(c + i) & 4095];
            _vector.Step(_vectorActions);
        }
        return _vector.Observations[0];
    }

    static float[] RandomActions()
    {
        var rng = new Random(1);
        return Enumerable.Range(0, 4096).Select(_ => (float)rng.Next(2)).ToArray();
    }
}
