namespace Robot.Envs;

/// <summary>
/// N copies of an environment stepped together into preallocated arrays, with automatic reset:
/// when copy i ends, Observations holds the first observation of its next episode and
/// FinalObservations holds the last observation of the episode that ended.
/// </summary>
public interface IVectorEnv
{
    EnvSpec Spec { get; }
    int Count { get; }

    /// <summary>[Count * ObservationSize], row i is copy i.</summary>
    float[] Observations { get; }
    /// <summary>[Count * ObservationSize]: for copies that ended on the last step, the observation they ended on.</summary>
    float[] FinalObservations { get; }
    float[] Rewards { get; }
    bool[] Terminated { get; }
    bool[] Truncated { get; }

    /// <summary>Resets every copy; copy i is seeded with seed + i.</summary>
    void Reset(int seed);

    /// <summary>Steps every copy with actions [Count * Action.Width].</summary>
    void Step(ReadOnlySpan<float> actions);
}
