using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>
/// A short PPO run on uniwheel-drive (its preset, seed 0, 400k steps, about 30 s) learns to drive:
/// it stays up on randomized robots with pushes while following drawn velocity profiles, its speed
/// error well below what standing still would score (the commands' own rms). Checked under all
/// three of libtorch's CPU kernel choices (speed error / command rms 0.74, 0.74, 0.69).
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Learning")]
public class DrivingLearningTests
{
    [Fact]
    public void ShortPpoRunFollowsTheCommandedVelocity()
    {
        string dir = Path.Combine(Path.GetTempPath(), "robot-drive-" + Guid.NewGuid().ToString("N"));
        try
        {
            TrainingSession.Run(new TrainRequest { OutDir = dir, Env = "uniwheel-drive", Algo = "ppo", Seed = 0, Steps = 400_000, FinalEvalEpisodes = 5 }, CancellationToken.None);
            var report = UniwheelEvaluation.Evaluate(Robot.Policy.PolicyFile.Load(Path.Combine(dir, "policy.rpol")), 30, seed: 100);
            Assert.True(report.SuccessRate >= 0.9, report.ToString());
            Assert.True(report.SpeedRmsError < 0.85 * report.CommandRms, report.ToString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
