using Robot.Trainer.Policies;
using Robot.Trainer.Training;

namespace Robot.Trainer.Rollout;

/// <summary>
/// What the rollout asks of the networks at every step: actions sampled for a batch of
/// observations with their log-probabilities, and state values. Two implementations: through
/// TorchSharp, or through a snapshot in the robot's runtime (setting rollout_inference).
/// </summary>
public interface IRolloutActor
{
    /// <summary>Takes up the parameters the last update left; called before every rollout.</summary>
    void Refresh();

    /// <summary>Samples actions [count * width] and writes their log-probabilities [count].</summary>
    void Act(float[] observations, int count, Random rng, float[] actions, float[] logProbs);

    /// <summary>Writes V(s) of <paramref name="count"/> observation rows.</summary>
    void Values(float[] observations, int count, float[] values);

    /// <summary>The actor the run's settings ask for.</summary>
    static IRolloutActor Create(StochasticPolicy policy, ValueNetwork value, RolloutInference inference) => inference switch
    {
        RolloutInference.Runtime => new RuntimeRolloutActor(policy, value),
        _ => new TorchRolloutActor(policy, value),
    };
}
