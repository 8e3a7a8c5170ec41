using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using Robot.Observation;

namespace Robot.Trainer.Tests.Training;

/// <summary>A short PPO run on the randomized uniwheel (with pushes) learns to balance far better than chance.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Learning")]
public class UniwheelLearningTests
{
    [Fact]
    public void ShortPpoRunBalancesFarLongerThanRandomActions()
    {
        string dir = Path.Combine(Path.GetTempPath(), "robot-uniwheel-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The preset stops at its deployability check: seed 1 at 122,880 (default kernels) to 184,320 steps (AVX2, AVX-512).
            TrainingSession.Run(new TrainRequest { OutDir = dir, Env = "uniwheel", Algo = "ppo", Seed = 1, Steps = 300_000, FinalEvalEpisodes = 5 }, CancellationToken.None);
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

/// <summary>The LQR baseline, run as a policy file through the robot's runtime, balances the randomized robot.</summary>
public class UniwheelBaselineTests
{
    [Fact]
    public void LqrPolicyBalancesRandomizedRobotsWithPushes()
    {
        var lqr = Robot.Trainer.Export.LqrPolicyFile.Create(new Robot.Dynamics.Plant.UniwheelParameters());
        var bytes = Robot.Policy.PolicyWriter.Write(lqr);
        var model = Robot.Policy.PolicyReader.Read(bytes, 5, Robot.Policy.ActionKind.Continuous, 1);
        var report = UniwheelEvaluation.Evaluate(model, 100, seed: 10);
        Assert.True(report.SuccessRate >= 0.95, report.ToString());
        Assert.True(report.MeanAbsTiltDegrees < 3, report.ToString());
        var doingNothing = UniwheelEvaluation.Evaluate(Zero(), 20, seed: 10);
        Assert.Equal(0, doingNothing.SuccessRate);
    }

    /// <summary>
    /// Success is up *and* near the start: the LQR holds position within about 5 cm, so a 1 cm limit
    /// fails every episode as drifted (named, with the limit), and the default limit none.
    /// </summary>
    [Fact]
    public void AnEpisodeThatStaysUpButLeavesTheDriftLimitFailsAsDrifted()
    {
        var lqr = Robot.Trainer.Export.LqrPolicyFile.Create(new Robot.Dynamics.Plant.UniwheelParameters());
        var held = UniwheelEvaluation.Evaluate(lqr, 10, seed: 10);
        Assert.Equal(1.0, held.SuccessRate);
        Assert.Equal(UniwheelEvaluation.DriftLimit, held.DriftLimit);
        var tight = UniwheelEvaluation.Evaluate(lqr, 10, seed: 10, driftLimit: 0.01);
        Assert.Equal(0.0, tight.SuccessRate);
        Assert.Equal(10, tight.Drifts);
        Assert.Contains("10 drifted past 0.01 m", tight.FailureReasons);
    }

    static Robot.Policy.PolicyModel Zero() =>
        new(Robot.Observation.ObservationLayout.Names, Robot.Policy.ActionKind.Continuous, 1, Robot.Policy.OutputTransform.Clip,
            [-1f], [1f], [1f], [0f], new float[5], [1f, 1f, 1f, 1f, 1f], 10f,
            [new Robot.Policy.DenseLayer(5, 1, Robot.Policy.Activation.Identity, new float[5], [0f])], null, null);
}
