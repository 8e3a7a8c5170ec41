using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>The one-line verdict of a run that never became deployable points to what fits its failures.</summary>
public class DeployAdviceTests
{
    static DeployCheck Check(int falls, int atLimit, int drifts) => new(1_000_000, 0.5, falls, atLimit, drifts, 200);
    static readonly TrainingOptions Plain = new();
    /// <summary>As train --plant runs: the preset's ppo_plant section already starts from the LQR with frozen statistics.</summary>
    static readonly TrainingOptions AgainstDrift = new() { LqrWarmStart = true, NormalizeFreezeSteps = 40960 };

    [Fact]
    public void MostlyDriftingPointsToTheAntiDriftSettings() =>
        Assert.Contains(DeployAdvice.AgainstDrift, DeployAdvice.For(Check(falls: 10, atLimit: 5, drifts: 85), Plain));

    [Fact]
    public void ARunThatAlreadyUsedTheAntiDriftSettingsIsNotToldToUseThemAgain()
    {
        string advice = DeployAdvice.For(Check(falls: 10, atLimit: 5, drifts: 85), AgainstDrift);
        Assert.DoesNotContain("train again with " + DeployAdvice.AgainstDrift, advice);
        Assert.Contains("already", advice);
        Assert.Contains(DeployAdvice.OddAgainstDrift, advice);
    }

    [Fact]
    public void MostlyFallingAtTheDutyLimitPointsToTheMotorAndBattery() =>
        Assert.Contains("motor and battery", DeployAdvice.For(Check(falls: 10, atLimit: 60, drifts: 30), Plain));

    [Fact]
    public void MostlyFallingWithDutyToSparePointsToMoreLearning()
    {
        string advice = DeployAdvice.For(Check(falls: 70, atLimit: 10, drifts: 20), Plain);
        Assert.Contains("lqr_warm_start", advice);
        Assert.DoesNotContain(DeployAdvice.AgainstDrift, advice);
        Assert.DoesNotContain("lqr_warm_start", DeployAdvice.For(Check(falls: 70, atLimit: 10, drifts: 20), AgainstDrift));
    }
}
