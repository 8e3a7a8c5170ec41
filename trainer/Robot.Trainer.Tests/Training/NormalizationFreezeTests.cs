using Robot.Policy;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>normalize_freeze_steps: the observation statistics stop moving after that many env steps.</summary>
public class NormalizationFreezeTests : IDisposable
{
    readonly TempFolder _temp = new("robot-freeze-");

    public void Dispose() => _temp.Dispose();

    static double[] Statistics(PolicyModel policy) =>
        Enumerable.Range(0, 4).SelectMany(i => new double[] { policy.NormMean(i), policy.NormStd(i) }).ToArray();

    PolicyModel Train(string name, long steps, params string[] overrides)
    {
        string dir = Path.Combine(_temp.Root, name);
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
