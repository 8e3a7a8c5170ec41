using Robot.Trainer.Policies;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>A short PPO run on the randomized uniwheel (with pushes) learns to balance far better than chance.</summary>
[Collection(TorchCollection.Name)]
public class UniwheelLearningTests
{
    [Fact]
    public void ShortPpoRunBalancesFarLongerThanRandomActions()
    {
        string dir = Path.Combine(Path.GetTempPath(), "robot-uniwheel-" + Guid.NewGuid().ToString("N"));
        try
        {
            TrainingSession.Run(new TrainRequest { OutDir = dir, Env = "uniwheel", Algo = "ppo", Seed = 1, Steps = 150_000, FinalEvalEpisodes = 5 }, CancellationToken.None);
            var random = Evaluator.Evaluate("uniwheel", (StochasticPolicy?)null, 20, seed: 5);
            var learned = Evaluator.Evaluate("uniwheel", Robot.Policy.PolicyFile.Load(Path.Combine(dir, "policy.rpol")), 20, seed: 5);
            Assert.True(random.MeanLength < 200, $"random actions kept it up for {random.MeanLength} steps");
            Assert.True(learned.MeanLength > 1000, $"learned policy kept it up for {learned.MeanLength} of 2000 steps (random: {random.MeanLength})");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
