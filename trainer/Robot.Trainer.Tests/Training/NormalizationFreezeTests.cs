using Robot.Policy;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>normalize_freeze_steps: the observation statistics stop moving after that many env steps.</summary>
public class NormalizationFreezeTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "robot-freeze-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    static double[] Statistics(PolicyModel policy) =>
        Enumerable.Range(0, 4).SelectMany(i => new double[] { policy.NormMean(i), policy.NormStd(i) }).ToArray();

    PolicyModel Train(string name, long steps, params string[] overrides)
    {
        string dir = Path.Combine(_root, name);
        TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 3, Steps = steps, Overrides = ["normalize_observations=true", "n_envs=4", "n_steps=256", .. overrides] }, CancellationToken.None);
        return PolicyFile.Load(Path.Combine(dir, "policy.rpol"));
    }

    [Fact]
    public void TheStatisticsStopMovingAfterTheFreeze()
    {
        // Frozen after the first update's rollout, a run twice as long keeps the statistics of that first one.
        var shortRun = Statistics(Train("short", 1_024));
        var frozenRun = Statistics(Train("frozen", 4_096, "normalize_freeze_steps=1024"));
        var movingRun = Statistics(Train("moving", 4_096));
        Assert.Equal(shortRun, frozenRun);
        Assert.NotEqual(shortRun, movingRun);
    }

    [Fact]
    public void ANegativeFreezeIsRefusedByName()
    {
        var e = Assert.ThrowsAny<Exception>(() => Train("bad", 1_024, "normalize_freeze_steps=-1"));
        Assert.Contains("normalize_freeze_steps must be zero or positive", e.Message);
    }
}
