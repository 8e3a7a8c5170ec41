using Robot.Trainer.Rollout;
using TorchSharp.Modules;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// A policy-gradient algorithm: it says how rollouts become targets and updates the networks
/// from one rollout. Everything else (collecting, logging, evaluating, checkpointing) is the
/// shared on-policy loop's.
/// </summary>
public interface IAlgorithm
{
    /// <summary>The settings it was built with (GaeLambda: GAE targets, or null for Monte Carlo returns).</summary>
    AlgorithmOptions Options { get; }

    /// <summary>Whether value predictions are needed during rollouts (for GAE, baselines, truncation bootstrap).</summary>
    bool UsesValue { get; }

    /// <param name="progressRemaining">1 at the start of training, 0 at the end (for schedules).</param>
    UpdateStats Update(RolloutBatch batch, double progressRemaining);

    /// <summary>Optimizers whose state a checkpoint must keep, by file name.</summary>
    IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }
}
