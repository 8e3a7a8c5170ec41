using Robot.Dynamics.Plant;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Policies;
using static TorchSharp.torch;

namespace Robot.Trainer.Training;

/// <summary>
/// Behaviour cloning of the LQR designed for the plant before reinforcement learning starts, so that
/// learning begins from a controller that already balances the robot it trains for instead of from
/// noise (docs/training.md, "Warm start"). The training envs are driven by the LQR with Gaussian
/// noise added to its duty (so the data covers the states the LQR's own small mistakes lead to); the
/// policy's normalization sees those observations, its mean is fitted to the LQR's clean duty, and the
/// value network to the discounted returns of the same episodes. The env steps count as training's.
/// </summary>
public static class LqrWarmStart
{
    /// <summary>Rows at the end of each env's stream left out of the value fit: their returns are cut short (0.99^300 ~ 5 %).</summary>
    const int ValueTail = 300;
    const int MinibatchSize = 256;
    const double LearningRate = 1e-3;

    /// <summary>What the warm start did: env steps taken, the final mean squared duty error and value error.</summary>
    public sealed record Result(long EnvSteps, double DutyMse, double ValueMse);

    public static Result Run(Agent agent, IVectorEnv env, UniwheelParameters plant, TrainingOptions hp, int seed, Random rng)
    {
        if (agent.Policy is not GaussianPolicy policy) throw new ArgumentException("lqr_warm_start: the uniwheel's Gaussian policy is the one that can clone the LQR");
        bool driving = env.Spec.ObservationSize == Robot.Observation.ObservationLayout.DrivingSize;
        var lqr = Export.LqrPolicyFile.Create(plant, driving: driving);
        int n = env.Count, size = env.Spec.ObservationSize;
        int steps = Math.Max(1, hp.WarmStartSteps / n);
        var observations = new float[steps * n * size];
        var targets = new float[steps * n];
        var rewards = new float[steps * n];
        var ends = new bool[steps * n];
        var actions = new float[n];
        var workspace = lqr.CreateWorkspace();
        var one = new float[1];
        var row = new float[size];

        env.Reset(seed + 104_729);
        for (int t = 0; t < steps; t++)
        {
            var obs = env.Observations;
            obs.AsSpan(0, n * size).CopyTo(observations.AsSpan(t * n * size));
            for (int i = 0; i < n; i++)
            {
                obs.AsSpan(i * size, size).CopyTo(row);
                if (!lqr.Act(row, one, workspace)) one[0] = 0;
                targets[t * n + i] = one[0];
                actions[i] = Math.Clamp(one[0] + (float)(hp.WarmStartNoise * Robot.Dynamics.Sensors.GaussianNoise.Next(rng)), -1f, 1f);
            }
            env.Step(actions);
            for (int i = 0; i < n; i++)
            {
                rewards[t * n + i] = env.Rewards[i];
                ends[t * n + i] = env.Terminated[i] || env.Truncated[i];
            }
        }
        int rows = steps * n;
        policy.Normalizer.Update(observations, rows);
        var (fitObservations, fitTargets) = hp.WarmStartReach > 1
            ? Reach(observations, targets, rows, size, hp.WarmStartReach, lqr, workspace, rng)
            : (observations, targets);

        // Discounted returns per env, backwards; an episode's end cuts the sum (a truncation too: its tail is short either way).
        var returns = new float[rows];
        for (int i = 0; i < n; i++)
        {
            double g = 0;
            for (int t = steps - 1; t >= 0; t--)
            {
                int k = t * n + i;
                if (ends[k]) g = 0;
                g = rewards[k] + hp.Gamma * g;
                returns[k] = (float)g;
            }
        }
        int valueRows = Math.Max(0, steps - ValueTail) * n;

        double dutyMse = Fit(policy.parameters(), fitTargets.Length, hp.WarmStartEpochs, rng,
            idx => PolicyLoss(policy, fitObservations, fitTargets, idx, size));
        double valueMse = valueRows == 0 ? double.NaN : Fit(agent.Value.parameters(), valueRows, hp.WarmStartEpochs, rng,
            idx => ValueLoss(agent.Value, observations, returns, idx, size));
        policy.SetLogStd(hp.WarmStartLogStd);
        return new Result(rows, dutyMse, valueMse);
    }

    /// <summary>
    /// The recorded rows, then each once more with its state scaled by a factor in [1, reach] (the last
    /// duty kept within [-1, 1]; a driving policy's command left as it is) and the LQR's duty there.
    /// The normalization has seen only the recorded rows: the scaled ones teach the answer, not the scale.
    /// </summary>
    static (float[] Observations, float[] Targets) Reach(float[] observations, float[] targets, int rows, int size,
        double reach, PolicyModel lqr, PolicyWorkspace workspace, Random rng)
    {
        var obs = new float[2 * rows * size];
        var target = new float[2 * rows];
        observations.AsSpan(0, rows * size).CopyTo(obs);
        targets.AsSpan(0, rows).CopyTo(target);
        var one = new float[1];
        var row = new float[size];
        for (int r = 0; r < rows; r++)
        {
            observations.AsSpan(r * size, size).CopyTo(row);
            float k = (float)(1 + (reach - 1) * rng.NextDouble());
            for (int j = 0; j <= Robot.Observation.ObservationLayout.PreviousDuty; j++) row[j] *= k;
            row[Robot.Observation.ObservationLayout.PreviousDuty] = Math.Clamp(row[Robot.Observation.ObservationLayout.PreviousDuty], -1f, 1f);
            if (!lqr.Act(row, one, workspace)) one[0] = 0;
            row.CopyTo(obs.AsSpan((rows + r) * size));
            target[rows + r] = one[0];
        }
        return (obs, target);
    }

    static Tensor PolicyLoss(GaussianPolicy policy, float[] observations, float[] targets, int[] idx, int size)
    {
        var (obs, target) = Rows(observations, targets, idx, size);
        return nn.functional.mse_loss(policy.forward(obs).squeeze(-1), target);
    }

    static Tensor ValueLoss(ValueNetwork value, float[] observations, float[] returns, int[] idx, int size)
    {
        var (obs, target) = Rows(observations, returns, idx, size);
        return nn.functional.mse_loss(value.forward(obs), target);
    }

    static (Tensor Observations, Tensor Targets) Rows(float[] observations, float[] targets, int[] idx, int size)
    {
        var obs = new float[idx.Length * size];
        var target = new float[idx.Length];
        for (int r = 0; r < idx.Length; r++)
        {
            observations.AsSpan(idx[r] * size, size).CopyTo(obs.AsSpan(r * size));
            target[r] = targets[idx[r]];
        }
        return (tensor(obs, [idx.Length, size]), tensor(target));
    }

    /// <summary>Minibatch Adam on <paramref name="loss"/> over <paramref name="rows"/> rows; the last epoch's mean loss.</summary>
    static double Fit(IEnumerable<TorchSharp.Modules.Parameter> parameters, int rows, int epochs, Random rng, Func<int[], Tensor> loss) =>
        Torch.MinibatchFit.Run(new Torch.HeldScalarAdam(parameters, LearningRate), rows, epochs, MinibatchSize, rng, loss);
}
