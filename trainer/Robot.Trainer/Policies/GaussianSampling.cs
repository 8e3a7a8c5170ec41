using Robot.Dynamics.Sensors;

namespace Robot.Trainer.Policies;

/// <summary>Drawing actions from a diagonal Gaussian, shared by every Gaussian actor.</summary>
public static class GaussianSampling
{
    static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>
    /// For each of <paramref name="count"/> rows of means: the mean clipped to [low, high]
    /// (deterministic), or mean + exp(log std) z with z standard normal, left unclipped so its
    /// log-probability is exact (the environment clips).
    /// </summary>
    public static void Sample(ReadOnlySpan<float> means, int count, ReadOnlySpan<float> logStd, float low, float high,
        Random rng, bool deterministic, float[] actions, float[] logProbs)
    {
        int n = logStd.Length;
        for (int i = 0; i < count; i++)
        {
            double logProb = 0;
            for (int j = 0; j < n; j++)
            {
                float mu = means[i * n + j];
                if (deterministic)
                {
                    actions[i * n + j] = Math.Clamp(mu, low, high);
                    continue;
                }
                double z = GaussianNoise.Next(rng);
                actions[i * n + j] = (float)(mu + Math.Exp(logStd[j]) * z);
                logProb += -0.5 * z * z - logStd[j] - HalfLog2Pi;
            }
            logProbs[i] = (float)logProb;
        }
    }
}
