using Robot.Trainer.Policies;

namespace Robot.Trainer.Rollout;

/// <summary>
/// Acts through snapshots, in the robot's runtime layers, of the policy and value networks (<see cref="RuntimeMlp"/>),
/// taken before every rollout. Sampling is the torch policy's own (<see cref="CategoricalSampling"/>
/// for softmax policies, <see cref="GaussianSampling"/> for Gaussian ones); log-probabilities agree
/// with torch's to float rounding, so the update's probability ratios start at 1 as they should.
/// </summary>
public sealed class RuntimeRolloutActor(StochasticPolicy policy, ValueNetwork value) : IRolloutActor
{
    readonly bool _gaussian = policy is GaussianPolicy; // otherwise softmax
    RuntimeMlp? _policy, _value;
    float[] _logStd = [];
    float[] _outputs = [];

    public void Refresh()
    {
        using var scope = TorchSharp.torch.NewDisposeScope(); // reading the weights makes handles too (TensorLifetimeTests says why)
        _policy = new RuntimeMlp(policy.Layers, policy.Normalizer);
        _value = new RuntimeMlp(value.Layers, value.Normalizer);
        if (policy is GaussianPolicy gaussian) _logStd = gaussian.LogStd();
    }

    public void Act(float[] observations, int count, Random rng, float[] actions, float[] logProbs)
    {
        var net = _policy ?? throw new InvalidOperationException("Refresh before acting");
        int n = net.Outputs;
        if (_outputs.Length < count * n) _outputs = new float[count * n];
        net.Forward(observations, count, _outputs);
        if (_gaussian)
        {
            GaussianSampling.Sample(_outputs, count, _logStd, policy.Spec.Action.Low, policy.Spec.Action.High, rng, deterministic: false, actions, logProbs);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            var row = _outputs.AsSpan(i * n, n);
            LogSoftmax(row);
            int chosen = CategoricalSampling.Choose(row, rng, deterministic: false);
            actions[i] = chosen;
            logProbs[i] = row[chosen];
        }
    }

    public void Values(float[] observations, int count, float[] values)
    {
        var net = _value ?? throw new InvalidOperationException("Refresh before predicting values");
        net.Forward(observations, count, values);
    }

    /// <summary>In place: x - max - log(sum(exp(x - max))), the stable form.</summary>
    static void LogSoftmax(Span<float> row)
    {
        float max = row[0];
        for (int a = 1; a < row.Length; a++) max = Math.Max(max, row[a]);
        double sum = 0;
        for (int a = 0; a < row.Length; a++) sum += Math.Exp(row[a] - max);
        float logSum = (float)Math.Log(sum);
        for (int a = 0; a < row.Length; a++) row[a] = row[a] - max - logSum;
    }
}
