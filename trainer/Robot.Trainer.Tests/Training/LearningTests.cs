using Robot.Trainer.Policies;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>
/// Learning tests (slow, marked Category=Learning): each algorithm, on its preset with a fixed
/// seed, learns CartPole-v1 past what chance reaches (a uniformly random policy averages about 22
/// and never 195). Each holds under all three of libtorch's CPU kernel choices
/// (ATEN_CPU_CAPABILITY=default, avx2, avx512), checked when the presets were chosen (docs/benchmarks.md).
/// </summary>
[Trait("Category", "Learning")]
[Collection(TorchCollection.Name)]
public class LearningTests
{
    static TrainingSummary Train(string algo, long steps, int seed)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"robot-learn-{algo}-{Guid.NewGuid():N}");
        try
        {
            return TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = algo, Seed = seed, Steps = steps, FinalEvalEpisodes = 20 }, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("ppo", 80_000, 1)]
    [InlineData("npg", 150_000, 1)]
    [InlineData("trpo", 120_000, 1)]
    public void EndsAtTheThresholdWithEvaluationsThatHeld(string algo, long steps, int seed)
    {
        var summary = Train(algo, steps, seed);
        Assert.True(summary.EvalMeanReturn >= 475, $"{algo}: evaluation mean return {summary.EvalMeanReturn} < 475");
        Assert.NotNull(summary.StepsToStableEval);
    }

    /// <summary>
    /// A2C's constant learning rate keeps its evaluations moving to the end (avx2 and avx512 kernels
    /// end seed 1 on a training evaluation below 475): what it must show is that it reached the
    /// training threshold and that its final policy scores it.
    /// </summary>
    [Fact]
    public void A2cReachesTheThresholdAndEndsThere()
    {
        var summary = Train("a2c", 200_000, 1);
        Assert.NotNull(summary.StepsToThreshold);
        Assert.True(summary.EvalMeanReturn >= 475, $"a2c: evaluation mean return {summary.EvalMeanReturn} < 475");
    }

    [Fact]
    public void ReinforceBeatsChanceBy195()
    {
        // Seed 1 under Gymnasium's seeding: 187 at 120k, 376 at 160k, 497 at 200k steps, alike under default, avx2 and avx512 kernels.
        var summary = Train("reinforce", 160_000, 1);
        Assert.True(summary.EvalMeanReturn >= 195, $"reinforce: evaluation mean return {summary.EvalMeanReturn} < 195");
    }

    [Fact]
    public void RandomPolicyStaysFarBelowTheBar()
    {
        var random = Evaluator.Evaluate("cartpole", (StochasticPolicy?)null, 100, seed: 0);
        Assert.InRange(random.MeanReturn, 10, 40);
        Assert.True(random.Returns.Max() < 195);
    }
}
