using BenchmarkDotNet.Attributes;
using Robot.Envs.CartPole;
using Robot.Trainer.Rollout;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Benchmarks;

/// <summary>
/// One PPO update on CartPole as the trainer runs it, on a fixed random rollout: "mirrored" is the
/// preset (one env x 256 steps, the batch plus its mirror image, one 512-row minibatch, 10 epochs),
/// "previous" the preset before it (4 envs x 128 steps, two 256-row minibatches, 10 epochs).
/// Divide by the env steps per update (256 and 512) to compare them per env step.
/// </summary>
public class PpoUpdateBenchmarks
{
    Agent _agent = null!;
    RolloutBatch _batch = null!;

    [Params("mirrored", "previous")]
    public string Preset { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        string[] overrides = Preset == "previous"
            ? ["mirror_augmentation=false", "n_envs=4", "n_steps=128", "minibatch_size=256"]
            : [];
        var hp = Presets.Load("cartpole", "ppo", null, overrides);
        var spec = CartPoleDynamics.Spec;
        _agent = AgentFactory.Create(spec, hp, seed: 1, new Random(1));
        int rows = hp.Training.StepsPerRollout;
        var rng = new Random(2);
        float[] Draw(int n, Func<double> f) => Enumerable.Range(0, n).Select(_ => (float)f()).ToArray();
        var observations = Draw(rows * 4, () => rng.NextDouble() - 0.5);
        _agent.Policy.Normalizer.Update(observations, rows);
        _batch = RolloutBatch.FromRows(observations, Draw(rows, () => rng.Next(2)), Draw(rows, () => -0.69),
            Draw(rows, () => rng.NextDouble() - 0.5), Draw(rows, () => 20 * rng.NextDouble()), _agent.Policy.Normalizer);
    }

    [Benchmark]
    public double Update()
    {
        if (Preset == "previous") return _agent.Algorithm.Update(_batch, 0.5).PolicyLoss;
        using var both = MirrorAugmentation.Augment(_batch, _agent.Policy, CartPoleDynamics.Spec.Mirror!);
        return _agent.Algorithm.Update(both, 0.5).PolicyLoss;
    }
}
