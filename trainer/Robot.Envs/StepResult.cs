namespace Robot.Envs;

/// <summary>
/// What one step returns besides the observation. Terminated: the episode reached a terminal
/// state (its value is zero). Truncated: it was cut by the time limit (its value is not zero, so
/// learners bootstrap from the final observation).
/// </summary>
public readonly record struct StepResult(float Reward, bool Terminated, bool Truncated)
{
    public bool Done => Terminated || Truncated;
}
