using Robot.Trainer.Policies;
using static TorchSharp.torch;

namespace Robot.Trainer.Rollout;

/// <summary>
/// The valid rows of a rollout as tensors, ready for an algorithm's update. The observations are
/// normalized here, once per update, for every algorithm: the normalizer's statistics move only
/// between updates, so every forward pass of an update would compute the same thing again.
/// </summary>
public sealed class RolloutBatch : IDisposable
{
    /// <summary>The observations as the environment gave them (for augmentation; the networks take <see cref="NormalizedObservations"/>).</summary>
    public required Tensor Observations { get; init; }
    /// <summary>The observations through the policy's normalizer: what both networks are fed.</summary>
    public required Tensor NormalizedObservations { get; init; }
    public required Tensor Actions { get; init; }
    public required Tensor OldLogProbs { get; init; }
    public required Tensor Advantages { get; init; }
    public required Tensor Returns { get; init; }
    public int Count { get; init; }

    public static RolloutBatch From(RolloutBuffer buffer, ObservationNormalizer normalizer)
    {
        int rows = 0;
        foreach (bool v in buffer.Valid) if (v) rows++;
        int obs = buffer.ObservationSize, act = buffer.ActionWidth;
        var o = new float[rows * obs];
        var a = new float[rows * act];
        var lp = new float[rows];
        var adv = new float[rows];
        var ret = new float[rows];
        int r = 0;
        for (int k = 0; k < buffer.Size; k++)
        {
            if (!buffer.Valid[k]) continue;
            buffer.Observations.AsSpan(k * obs, obs).CopyTo(o.AsSpan(r * obs));
            buffer.Actions.AsSpan(k * act, act).CopyTo(a.AsSpan(r * act));
            lp[r] = buffer.LogProbs[k];
            adv[r] = buffer.Advantages[k];
            ret[r] = buffer.Returns[k];
            r++;
        }
        return FromRows(o, a, lp, adv, ret, normalizer);
    }

    /// <summary>A batch of <paramref name="logProbs"/>.Length rows given as flat row-major arrays.</summary>
    public static RolloutBatch FromRows(float[] observations, float[] actions, float[] logProbs, float[] advantages, float[] returns,
        ObservationNormalizer normalizer)
    {
        int rows = logProbs.Length;
        if (rows == 0 || observations.Length % rows != 0 || actions.Length % rows != 0 || advantages.Length != rows || returns.Length != rows)
            throw new ArgumentException($"rollout rows do not line up: {observations.Length} observations, {actions.Length} actions, " +
                $"{rows} log-probabilities, {advantages.Length} advantages, {returns.Length} returns");
        var o = tensor(observations, [rows, observations.Length / rows]);
        return new RolloutBatch
        {
            Observations = o,
            NormalizedObservations = normalizer.forward(o),
            Actions = tensor(actions, [rows, actions.Length / rows]),
            OldLogProbs = tensor(logProbs, [rows]),
            Advantages = tensor(advantages, [rows]),
            Returns = tensor(returns, [rows]),
            Count = rows,
        };
    }

    public void Dispose()
    {
        Observations.Dispose();
        NormalizedObservations.Dispose();
        Actions.Dispose();
        OldLogProbs.Dispose();
        Advantages.Dispose();
        Returns.Dispose();
    }
}
