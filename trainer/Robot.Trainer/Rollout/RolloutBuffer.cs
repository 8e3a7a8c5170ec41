namespace Robot.Trainer.Rollout;

/// <summary>
/// One rollout of <see cref="Steps"/> steps from each of <see cref="Envs"/> environments, stored
/// time-major ([t * Envs + i]), and the two ways of turning its rewards into learning targets:
/// generalized advantage estimation and Monte Carlo discounted returns.
/// Rewards of truncated steps must already include gamma * V(final observation): truncation is
/// not termination, so the episode's value beyond the time limit is bootstrapped.
/// </summary>
public sealed class RolloutBuffer
{
    public RolloutBuffer(int steps, int envs, int observationSize, int actionWidth)
    {
        Steps = steps;
        Envs = envs;
        ObservationSize = observationSize;
        ActionWidth = actionWidth;
        int n = steps * envs;
        Observations = new float[n * observationSize];
        Actions = new float[n * actionWidth];
        LogProbs = new float[n];
        Values = new float[n];
        Rewards = new float[n];
        Dones = new bool[n];
        Advantages = new float[n];
        Returns = new float[n];
        Valid = new bool[n];
    }

    public int Steps { get; }
    public int Envs { get; }
    public int ObservationSize { get; }
    public int ActionWidth { get; }
    public int Size => Steps * Envs;

    public float[] Observations { get; }
    public float[] Actions { get; }
    public float[] LogProbs { get; }
    public float[] Values { get; }
    public float[] Rewards { get; }
    /// <summary>The episode ended (terminated or truncated) with step t.</summary>
    public bool[] Dones { get; }
    public float[] Advantages { get; }
    public float[] Returns { get; }
    /// <summary>Rows whose targets are defined (Monte Carlo leaves out unfinished episode tails).</summary>
    public bool[] Valid { get; }

    /// <summary>Stores step t of every environment.</summary>
    public void Add(int t, ReadOnlySpan<float> observations, ReadOnlySpan<float> actions, ReadOnlySpan<float> logProbs,
        ReadOnlySpan<float> values, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> dones)
    {
        int row = t * Envs;
        observations.Slice(0, Envs * ObservationSize).CopyTo(Observations.AsSpan(row * ObservationSize));
        actions.Slice(0, Envs * ActionWidth).CopyTo(Actions.AsSpan(row * ActionWidth));
        logProbs.Slice(0, Envs).CopyTo(LogProbs.AsSpan(row));
        values.Slice(0, Envs).CopyTo(Values.AsSpan(row));
        rewards.Slice(0, Envs).CopyTo(Rewards.AsSpan(row));
        dones.Slice(0, Envs).CopyTo(Dones.AsSpan(row));
    }

    /// <summary>
    /// GAE(gamma, lambda) (Schulman et al. 2016): A_t = sum_k (gamma lambda)^k delta_{t+k}, with
    /// delta_t = r_t + gamma V(s_{t+1}) (1 - done_t) - V(s_t); Returns = A + V (the value target).
    /// <paramref name="lastValues"/> are V of the observations after the last step.
    /// </summary>
    public void ComputeGae(ReadOnlySpan<float> lastValues, double gamma, double lambda)
    {
        for (int i = 0; i < Envs; i++)
        {
            double gae = 0;
            double nextValue = lastValues[i];
            for (int t = Steps - 1; t >= 0; t--)
            {
                int k = t * Envs + i;
                double nonTerminal = Dones[k] ? 0 : 1;
                double delta = Rewards[k] + gamma * nextValue * nonTerminal - Values[k];
                gae = delta + gamma * lambda * nonTerminal * gae;
                Advantages[k] = (float)gae;
                Returns[k] = (float)(gae + Values[k]);
                Valid[k] = true;
                nextValue = Values[k];
            }
        }
    }

    /// <summary>
    /// Discounted returns-to-go G_t = sum_k gamma^k r_{t+k} within each episode (REINFORCE).
    /// Steps of an episode still running when the rollout ends have no complete return and are
    /// marked invalid. Advantages = Returns - Values (Values are zero without a baseline).
    /// </summary>
    public void ComputeMonteCarlo(double gamma)
    {
        for (int i = 0; i < Envs; i++)
        {
            double g = 0;
            bool complete = false;
            for (int t = Steps - 1; t >= 0; t--)
            {
                int k = t * Envs + i;
                if (Dones[k]) { g = 0; complete = true; }
                g = Rewards[k] + gamma * g;
                Returns[k] = (float)g;
                Advantages[k] = (float)(g - Values[k]);
                Valid[k] = complete;
            }
        }
    }
}
