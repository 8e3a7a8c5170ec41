using TorchSharp;
using Robot.Envs;
using Robot.Trainer.Policies;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Rollout;

/// <summary>
/// Symmetry augmentation: in an environment invariant under a reflection, the mirror of every
/// collected transition is as real as the transition itself: the mirrored action from the
/// mirrored state earns the same return and advantage. The update then sees each row twice, as
/// collected and mirrored, so the policy learns from both sides of every decision (on CartPole,
/// pushing left at x and right at -x) and cannot settle on a drift to one side that the other
/// side's data would contradict. The mirrored rows' old log-probabilities are the pre-update
/// policy's at the mirrored state and action, so PPO's ratio starts at 1 on them too.
/// In the spirit of Mittal et al., "Symmetry considerations for learning task symmetric robot
/// policies" (ICRA 2024), which augments PPO's batch the same way.
/// </summary>
public static class MirrorAugmentation
{
    /// <summary>The batch followed by its mirror image (twice the rows; the caller owns both batches).</summary>
    public static RolloutBatch Augment(RolloutBatch batch, StochasticPolicy policy, MirrorSymmetry mirror)
    {
        var space = policy.Spec.Action;
        using var scope = NewDisposeScope();
        using var observationSigns = tensor(mirror.ObservationSigns.ToArray(), [1, mirror.ObservationSigns.Count]);
        var observations = batch.Observations * observationSigns;
        var normalized = policy.Normalizer.forward(observations);
        Tensor actions;
        using var lastAction = (space.Count - 1).ToScalar(); // alive through the call (TensorLifetimeTests)
        if (space.IsDiscrete) actions = (-batch.Actions).add(lastAction, One);
        else
        {
            using var actionSigns = tensor(mirror.ActionSigns!.ToArray(), [1, space.Size]);
            actions = batch.Actions * actionSigns;
        }
        Tensor oldLogProbs;
        using (no_grad())
        using (var distribution = policy.DistributionOfNormalized(normalized))
            oldLogProbs = distribution.LogProb(actions);
        return new RolloutBatch
        {
            Observations = cat([batch.Observations, observations]).MoveToOuterDisposeScope(),
            NormalizedObservations = cat([batch.NormalizedObservations, normalized]).MoveToOuterDisposeScope(),
            Actions = cat([batch.Actions, actions]).MoveToOuterDisposeScope(),
            OldLogProbs = cat([batch.OldLogProbs, oldLogProbs]).MoveToOuterDisposeScope(),
            Advantages = cat([batch.Advantages, batch.Advantages]).MoveToOuterDisposeScope(),
            Returns = cat([batch.Returns, batch.Returns]).MoveToOuterDisposeScope(),
            Count = 2 * batch.Count,
        };
    }
}
