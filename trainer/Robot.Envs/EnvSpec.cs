namespace Robot.Envs;

/// <summary>What an environment consumes and produces, and what counts as solving it.</summary>
/// <param name="Id">Registry name, e.g. "CartPole-v1".</param>
/// <param name="ObservationSize">Length of the float observation vector.</param>
/// <param name="Action">The action space.</param>
/// <param name="MaxEpisodeSteps">Time limit after which an episode is truncated.</param>
/// <param name="RewardThreshold">Mean return at which the task counts as solved.</param>
/// <param name="ObservationNames">One name with its unit per observation entry (written into policy files).</param>
/// <param name="Mirror">A reflection the environment is exactly invariant under, if it has one.</param>
public sealed record EnvSpec(string Id, int ObservationSize, ActionSpace Action, int MaxEpisodeSteps, double RewardThreshold,
    IReadOnlyList<string> ObservationNames, MirrorSymmetry? Mirror = null);
