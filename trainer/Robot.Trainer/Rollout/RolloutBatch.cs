using static TorchSharp.torch;

namespace Robot.Trainer.Rollout;

/// <summary>The valid rows of a rollout as tensors, ready for an algorithm's update.</summary>
public sealed class RolloutBatch : IDisposable
{
    public required Tensor Observations { get; init; }
    public required Tensor Actions { get; init; }
    public required Tensor OldLogProbs { get; init; }
    public required Tensor Advantages { get; init; }
    public required Tensor Returns { get; init; }
    public int Count { get; init; }

    public static RolloutBatch From(RolloutBuffer buffer)
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
        return new RolloutBatch
        {
            Observations = tensor(o, [rows, obs]),
            Actions = tensor(a, [rows, act]),
            OldLogProbs = tensor(lp, [rows]),
            Advantages = tensor(adv, [rows]),
            Returns = tensor(ret, [rows]),
            Count = rows,
        };
    }

    public void Dispose()
    {
        Observations.Dispose();
        Actions.Dispose();
        OldLogProbs.Dispose();
        Advantages.Dispose();
        Returns.Dispose();
    }
}
