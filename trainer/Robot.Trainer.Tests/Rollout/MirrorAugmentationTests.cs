using Robot.Envs.CartPole;
using Robot.Policy;
using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Rollout;

/// <summary>Symmetry augmentation: the batch gains its exact mirror image, and training keeps the normalization symmetric.</summary>
[Collection(TorchCollection.Name)]
public class MirrorAugmentationTests : IDisposable
{
    readonly TempFolder _temp = new("robot-mirror-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheMirroredRowsAreTheCollectedOnesReflectedWithThePolicysLogProbabilities()
    {
        const int rows = 300;
        random.manual_seed(4);
        var policy = new SoftmaxPolicy(CartPoleDynamics.Spec, [64, 64], normalizeObservations: true);
        using (no_grad()) foreach (var p in policy.parameters()) p.mul_(20f); // far from uniform: log-probabilities differ by side
        var rng = new Random(4);
        float[] Draw(int n, Func<double> f) => Enumerable.Range(0, n).Select(_ => (float)f()).ToArray();
        var observations = Draw(rows * 4, () => rng.NextDouble() - 0.3);
        policy.Normalizer.Update(observations, rows);
        using var batch = RolloutBatch.FromRows(observations, Draw(rows, () => rng.Next(2)), Draw(rows, () => -rng.NextDouble()),
            Draw(rows, () => rng.NextDouble() - 0.5), Draw(rows, () => 30 * rng.NextDouble()), policy.Normalizer);

        using var both = MirrorAugmentation.Augment(batch, policy, CartPoleDynamics.Spec.Mirror!);

        Assert.Equal(2 * rows, both.Count);
        var obs = both.Observations.data<float>().ToArray();
        var actions = both.Actions.data<float>().ToArray();
        var logProbs = both.OldLogProbs.data<float>().ToArray();
        var oldLogProbs = batch.OldLogProbs.data<float>().ToArray();
        var advantages = both.Advantages.data<float>().ToArray();
        var returns = both.Returns.data<float>().ToArray();
        using var mirroredLogProbs = ExpectedLogProbs(policy, obs.AsSpan(rows * 4).ToArray(), actions.AsSpan(rows).ToArray());
        var expected = mirroredLogProbs.data<float>().ToArray();
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(observations[r * 4 + k], obs[r * 4 + k]);
                Assert.Equal(-observations[r * 4 + k], obs[(rows + r) * 4 + k]);
            }
            Assert.Equal(1 - actions[r], actions[rows + r]);
            Assert.Equal(oldLogProbs[r], logProbs[r]);
            Assert.Equal(expected[r], logProbs[rows + r], 6);
            Assert.Equal(advantages[r], advantages[rows + r]);
            Assert.Equal(returns[r], returns[rows + r]);
        }
        // The old log-probabilities are the policy's own, not copies of the collected ones.
        Assert.Contains(Enumerable.Range(0, rows), r => Math.Abs(logProbs[rows + r] - logProbs[r]) > 0.1);
    }

    static Tensor ExpectedLogProbs(SoftmaxPolicy policy, float[] observations, float[] actions)
    {
        using var _ = no_grad();
        int rows = actions.Length;
        using var logits = policy.forward(tensor(observations, [rows, 4]));
        using var all = logits.log_softmax(-1);
        var lp = all.data<float>().ToArray();
        return tensor(Enumerable.Range(0, rows).Select(r => lp[r * 2 + (int)actions[r]]).ToArray());
    }

    [Fact]
    public void TrainingWithTheMirrorKeepsTheNormalizationCentredAndRefusesEnvsWithoutOne()
    {
        string mirrored = Path.Combine(_temp.Root, "mirrored"), plain = Path.Combine(_temp.Root, "plain");
        TrainingSession.Run(new TrainRequest { OutDir = mirrored, Algo = "ppo", Seed = 2, Steps = 2_048, Overrides = ["mirror_augmentation=true"] }, CancellationToken.None);
        TrainingSession.Run(new TrainRequest { OutDir = plain, Algo = "ppo", Seed = 2, Steps = 2_048, Overrides = ["mirror_augmentation=false"] }, CancellationToken.None);
        var withMirror = PolicyFile.Load(Path.Combine(mirrored, "policy.rpol"));
        var without = PolicyFile.Load(Path.Combine(plain, "policy.rpol"));
        // Each observation and its reflection in the statistics: the means vanish, so normalizing commutes with mirroring.
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(withMirror.NormMean(i)) < 1e-6 * withMirror.NormStd(i), $"mean {i}: {withMirror.NormMean(i)}");
        Assert.Contains(Enumerable.Range(0, 4), i => Math.Abs(without.NormMean(i)) > 1e-3 * without.NormStd(i));

        var e = Assert.Throws<ArgumentException>(() => TrainingSession.Run(new TrainRequest
        {
            OutDir = Path.Combine(_temp.Root, "pixels"), Env = "cartpole-pixels", Algo = "ppo", Seed = 1, Steps = 512, Overrides = ["mirror_augmentation=true"],
        }, CancellationToken.None));
        Assert.Contains("CartPolePixels-v1 declares no mirror symmetry", e.Message);
    }
}
