namespace Robot.Envs;

/// <summary>What an environment consumes and produces, and what counts as solving it.</summary>
/// <param name="Id">Registry name, e.g. "CartPole-v1".</param>
/// <param name="ObservationSize">Length of the float observation vector.</param>
/// <param name="Action">The action space.</param>
/// <param name="MaxEpisodeSteps">Time limit after which an episode is truncated.</param>
/// <param name="RewardThreshold">Mean return at which the task counts as solved.</param>
/// <param name="ObservationNames">One name with its unit per observation entry (written into policy files).</param>
/// <param name="Mirror">A reflection the environment is exactly invariant under, if it has one.</param>
/// <param name="Image">For image observations: how the flat vector is laid out (frames x height x width, row-major), else null.</param>
public sealed record EnvSpec(string Id, int ObservationSize, ActionSpace Action, int MaxEpisodeSteps, double RewardThreshold,
    IReadOnlyList<string> ObservationNames, MirrorSymmetry? Mirror = null, ImageShape? Image = null);

/// <summary>Stacked grayscale frames: Frames x Height x Width values in [0, 1], row-major, oldest frame first.</summary>
public sealed record ImageShape(int Frames, int Height, int Width)
{
    public int Size => Frames * Height * Width;
}
