using Robot.Trainer.Policies;

namespace Robot.Trainer.Rollout;

/// <summary>Acts and predicts values through the TorchSharp networks themselves: one batched call per step.</summary>
public sealed class TorchRolloutActor(StochasticPolicy policy, ValueNetwork value) : IRolloutActor
{
    public void Refresh() { } // the networks are the live ones

    public void Act(float[] observations, int count, Random rng, float[] actions, float[] logProbs) =>
        policy.Act(observations, count, rng, deterministic: false, actions, logProbs);

    public void Values(float[] observations, int count, float[] values) =>
        value.Predict(observations, count, policy.Spec.ObservationSize, values);
}
