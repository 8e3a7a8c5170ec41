using TorchSharp;
using Robot.Envs.CartPole;
using Robot.Trainer.Algorithms;
using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Algorithms;

/// <summary>Each algorithm's loss on batches small enough to work out by hand (in the way SB3 tests its loss terms).</summary>
[Collection(TorchCollection.Name)]
public class LossTests
{
    [Fact]
    public void PpoClippedSurrogateTakesThePessimisticTermOnEitherSideOfTheClip()
    {
        using var ratio = tensor(new[] { 0.5f, 1.0f, 1.5f, 1.5f });
        using var advantages = tensor(new[] { 1f, -1f, 1f, -1f });
        // min(r A, clip(r, 0.8, 1.2) A): 0.5 (below the clip, unclipped), -1, 1.2 (clipped), -1.5 (unclipped: worse).
        using var loss = Ppo.ClippedSurrogateLoss(ratio, advantages, clip: 0.2);
        Assert.Equal(-(0.5 - 1 + 1.2 - 1.5) / 4, loss.item<float>(), 6);
    }

    [Fact]
    public void PpoBoundLossIsTheSquaredDistanceOfTheMeanOutsideTheBounds()
    {
        using var mean = tensor(new[] { 0.5f, 1.5f, -2f, -1f }, [4, 1]).requires_grad_();
        using var low = (-1f).ToScalar();
        using var high = 1f.ToScalar();
        using var loss = Ppo.BoundLoss(mean, low, high);
        Assert.Equal((0 + 0.25 + 1 + 0) / 4, loss.item<float>(), 6);
        loss.backward();
        // Inside the bounds no pull; outside, back toward them.
        Assert.Equal(new[] { 0f, 0.25f, -0.5f, 0f }, mean.grad!.data<float>().ToArray());
    }

    [Fact]
    public void PolicyGradientLossIsMinusTheMeanOfLogProbabilityTimesWeight()
    {
        using var logProbs = tensor(new[] { -0.5f, -1f, -2f });
        using var weights = tensor(new[] { 1f, -2f, 0.5f });
        using var loss = A2c.PolicyGradientLoss(logProbs, weights);
        Assert.Equal(-(-0.5 + 2 - 1) / 3, loss.item<float>(), 6); // -(0.5 / 3)
    }

    /// <summary>A small CartPole batch whose old log-probabilities are the policy's own, as a fresh rollout's are.</summary>
    static (SoftmaxPolicy Policy, ValueNetwork Value, RolloutBatch Batch) FreshRollout(int seed, int rows = 16)
    {
        random.manual_seed(seed);
        var policy = new SoftmaxPolicy(CartPoleDynamics.Spec, [8], normalizeObservations: false);
        var value = new ValueNetwork(CartPoleDynamics.Spec, [8], policy.Normalizer);
        var rng = new Random(seed);
        float[] Draw(int n, Func<double> f) => Enumerable.Range(0, n).Select(_ => (float)f()).ToArray();
        var observations = Draw(rows * 4, () => rng.NextDouble() - 0.5);
        var actions = Draw(rows, () => rng.Next(2));
        float[] logProbs;
        using (no_grad())
        using (var obs = tensor(observations, [rows, 4]))
        using (var act = tensor(actions, [rows, 1]))
        using (var dist = policy.Distribution(obs))
        using (var lp = dist.LogProb(act))
            logProbs = lp.data<float>().ToArray();
        var batch = RolloutBatch.FromRows(observations, actions, logProbs, Draw(rows, () => rng.NextDouble() - 0.5),
            Draw(rows, () => 10 * rng.NextDouble()), policy.Normalizer);
        return (policy, value, batch);
    }

    [Fact]
    public void PpoRatioIsOneOnTheFirstMinibatchOfAnUpdate()
    {
        var (policy, value, batch) = FreshRollout(3);
        using var _ = batch;
        // One epoch of one whole-batch minibatch: the reported figures are that first step's, taken before it moves anything.
        var ppo = new Ppo(policy, value, new PpoOptions { Epochs = 1, MinibatchSize = 1024, ClipRange = 0.2 }, new Random(1));
        var stats = ppo.Update(batch, progressRemaining: 1);
        Assert.Equal(0, stats.Kl, 7);           // E[(r - 1) - log r] vanishes only at r = 1
        Assert.Equal(0, stats.ClipFraction);    // no row outside [0.8, 1.2]
    }

    [Fact]
    public void PpoRatioMovesAwayFromOneInLaterEpochs()
    {
        var (policy, value, batch) = FreshRollout(3);
        using var _ = batch;
        var ppo = new Ppo(policy, value, new PpoOptions { Epochs = 5, MinibatchSize = 1024, LearningRate = 0.05 }, new Random(1));
        var stats = ppo.Update(batch, progressRemaining: 1);
        Assert.True(stats.Kl > 1e-6, $"the last epoch's KL {stats.Kl} should show the earlier steps (the test above could not fail otherwise)");
    }

    static float[] Weights(SoftmaxPolicy policy) => policy.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Fact]
    public void PpoKlStopEndsTheUpdateOnceThePolicyHasMovedTooFar()
    {
        // Five epochs of one whole-batch step each, at a rate that moves the policy well past the target after one.
        float[] After(PpoOptions hp)
        {
            var (policy, value, batch) = FreshRollout(3);
            using var _ = batch;
            new Ppo(policy, value, hp, new Random(1)).Update(batch, progressRemaining: 1);
            return Weights(policy);
        }
        // Compared within float rounding: libtorch's threaded reductions may differ in the last bits between runs.
        static double Apart(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        var five = new PpoOptions { Epochs = 5, MinibatchSize = 1024, LearningRate = 0.05 };
        float[] stopped = After(five with { TargetKl = 1e-4 });
        float[] all = After(five);
        Assert.True(Apart(After(five with { Epochs = 1 }), stopped) < 1e-6, "the first step (KL 0) is taken, the second is not");
        Assert.True(Apart(all, stopped) > 1e-3, "without the stop, four more steps move the weights");
        Assert.True(Apart(all, After(five with { TargetKl = 10 })) < 1e-6, "a target never reached changes nothing");
    }

    [Fact]
    public void A2cReportsItsLossesOnTheBatchBeforeItsStep()
    {
        var (policy, value, batch) = FreshRollout(5);
        using var _ = batch;
        float expectedPolicy, expectedValue;
        using (no_grad())
        using (var dist = policy.DistributionOfNormalized(batch.NormalizedObservations))
        using (var lp = dist.LogProb(batch.Actions))
        using (var v = value.ForwardNormalized(batch.NormalizedObservations))
        {
            var logp = lp.data<float>().ToArray();
            var adv = batch.Advantages.data<float>().ToArray();
            var values = v.data<float>().ToArray();
            var returns = batch.Returns.data<float>().ToArray();
            expectedPolicy = -Enumerable.Range(0, logp.Length).Sum(i => logp[i] * adv[i]) / logp.Length;
            expectedValue = Enumerable.Range(0, values.Length).Sum(i => (values[i] - returns[i]) * (values[i] - returns[i])) / values.Length;
        }
        var stats = new A2c(policy, value, new A2cOptions { NormalizeAdvantage = false }).Update(batch, 1);
        Assert.Equal(expectedPolicy, stats.PolicyLoss, 5);
        Assert.Equal(expectedValue, stats.ValueLoss, 4);
    }

    [Fact]
    public void ReinforceWithoutBaselineWeighsLogProbabilitiesByTheReturns()
    {
        var (policy, value, batch) = FreshRollout(6);
        using var _ = batch;
        float expected;
        using (no_grad())
        using (var dist = policy.DistributionOfNormalized(batch.NormalizedObservations))
        using (var lp = dist.LogProb(batch.Actions))
        {
            var logp = lp.data<float>().ToArray();
            var returns = batch.Returns.data<float>().ToArray();
            expected = -Enumerable.Range(0, logp.Length).Sum(i => logp[i] * returns[i]) / logp.Length;
        }
        var stats = new Reinforce(policy, value, new ReinforceOptions { Baseline = ReinforceBaseline.None }, new Random(1)).Update(batch, 1);
        Assert.Equal(expected, stats.PolicyLoss, 4);
    }
}
