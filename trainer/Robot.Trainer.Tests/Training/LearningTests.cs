using Robot.Trainer.Policies;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>
/// Each algorithm, on its preset with a fixed seed, learns CartPole-v1 past what chance reaches:
/// a uniformly random policy averages about 22 and never 195.
/// </summary>
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
    [InlineData("a2c", 200_000, 1)]
    [InlineData("npg", 150_000, 1)]
    [InlineData("trpo", 120_000, 1)]
    public void ReachesTheThresholdInEvaluation(string algo, long steps, int seed)
    {
        var summary = Train(algo, steps, seed);
        Assert.True(summary.EvalMeanReturn >= 475, $"{algo}: evaluation mean return {summary.EvalMeanReturn} < 475");
        Assert.NotNull(summary.StepsToStableEval);
    }

    [Fact]
    public void ReinforceBeatsChanceBy195()
    {
        var summary = Train("reinforce", 120_000, 1);
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
