using Robot.Trainer.Policies;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>
/// PPO on CartPole seen only through pictures (cartpole-pixels, its preset, seed 0) learns to a
/// 20-episode evaluation mean that uniformly random actions never reach: at least 150, where chance
/// averages about 22. Training stops at its first 10-episode evaluation of 195 or more, or at the
/// step budget; the final evaluation plays other episodes. Checked under all three of libtorch's
/// CPU kernel choices (docs/pixels.md).
/// </summary>
[Trait("Category", "Learning")]
[Collection(TorchCollection.Name)]
public class PixelLearningTests
{
    const long StepBudget = 120_000;

    [Fact]
    public void PpoLearnsToBalanceFromPixels()
    {
        string dir = Path.Combine(Path.GetTempPath(), "robot-learn-pixels-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = TrainingSession.Run(new TrainRequest
            {
                OutDir = dir, Env = "cartpole-pixels", Algo = "ppo", Seed = 0, Steps = StepBudget, FinalEvalEpisodes = 20,
                Overrides = ["eval_interval=10240", "eval_episodes=10", "stop_at_eval_return=195"],
            }, CancellationToken.None);
            Assert.True(summary.EvalMeanReturn >= 150, $"from pixels: evaluation mean return {summary.EvalMeanReturn} < 150 after {summary.EnvSteps} steps");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RandomActionsOnPixelsStayFarBelowTheBar()
    {
        var random = Evaluator.Evaluate("cartpole-pixels", (StochasticPolicy?)null, 50, seed: 0);
        Assert.InRange(random.MeanReturn, 10, 40);
        Assert.True(random.Returns.Max() < 150);
    }
}
