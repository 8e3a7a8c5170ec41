using Robot.Envs;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Training;

/// <summary>deploy_rollback: when a check collapses below a share of a best check that nearly held, the networks go back to it.</summary>
[Collection(TorchCollection.Name)]
public class RollbackTests
{
    [Theory]
    [InlineData(0.9, 0.3, 0.5, true)]    // collapsed below half of a nearly holding best
    [InlineData(0.9, 0.5, 0.5, false)]   // above half: learning goes on from here
    [InlineData(0.4, 0.0, 0.5, false)]   // the best held too little to go back to
    [InlineData(0.9, 0.0, null, false)]  // no rollback asked for
    public void ACheckRollsBackOnlyBelowItsShareOfABestThatNearlyHeld(double best, double success, double? share, bool expected) =>
        Assert.Equal(expected, OnPolicyTrainer.RollsBack(best, success, share));

    [Fact]
    public void TheBestWeightsComeBackWithTheObservationStatisticsAndTheOptimizersBufferKeepsItsIdentity()
    {
        random.manual_seed(3);
        var settings = new RunSettings(new TrainingOptions { NormalizeObservations = true }, new Robot.Trainer.Algorithms.PpoOptions());
        var agent = AgentFactory.Create(EnvRegistry.Spec("uniwheel"), settings, 3, new Random(3));
        agent.Policy.Normalizer.Update(Enumerable.Range(0, 50).Select(i => (float)i).ToArray(), 10);
        float[] Snapshot() => agent.Policy.parameters().Concat(agent.Value.parameters()).SelectMany(p => p.data<float>().ToArray())
            .Concat(agent.Policy.Normalizer.Export().Std).ToArray();
        var kept = Snapshot();
        var handles = agent.Policy.parameters().Select(p => p.Handle).ToArray();
        using var best = new BestWeights();
        best.Keep(agent);
        using (no_grad()) foreach (var p in agent.Policy.parameters().Concat(agent.Value.parameters())) p.add_(1f);
        agent.Policy.Normalizer.Update(Enumerable.Range(0, 50).Select(i => (float)(100 * i)).ToArray(), 10);
        Assert.NotEqual(kept, Snapshot());
        best.RestoreInto(agent);
        Assert.Equal(kept, Snapshot());
        Assert.Equal(handles, agent.Policy.parameters().Select(p => p.Handle).ToArray());
    }
}
