namespace Robot.Envs;

/// <summary>A Gymnasium-style episodic environment that writes observations into caller buffers.</summary>
public interface IEnv
{
    EnvSpec Spec { get; }

    /// <summary>Starts an episode. A seed reseeds the environment's random source; null continues it.</summary>
    void Reset(int? seed, Span<float> observation);

    /// <summary>Applies an action (Spec.Action.Width floats) and writes the next observation.</summary>
    StepResult Step(ReadOnlySpan<float> action, Span<float> observation);
}
