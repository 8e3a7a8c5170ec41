using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>The one-line verdict of a run that never became deployable points to what fits its failures.</summary>
public class DeployAdviceTests
{
    static DeployCheck Check(int falls, int atLimit, int drifts) => new(1_000_000, 0.5, falls, atLimit, drifts, 200);

    [Fact]
    public void MostlyDriftingPointsToTheAntiDriftSettings() =>
        Assert.Contains(DeployAdvice.AgainstDrift, DeployAdvice.For(Check(falls: 10, atLimit: 5, drifts: 85)));

    [Fact]
    public void MostlyFallingAtTheDutyLimitPointsToTheMotorAndBattery() =>
        Assert.Contains("motor and battery", DeployAdvice.For(Check(falls: 10, atLimit: 60, drifts: 30)));

    [Fact]
    public void MostlyFallingWithDutyToSparePointsToMoreLearning()
    {
        string advice = DeployAdvice.For(Check(falls: 70, atLimit: 10, drifts: 20));
        Assert.Contains("lqr_warm_start", advice);
        Assert.DoesNotContain(DeployAdvice.AgainstDrift, advice);
    }
}
