namespace Robot.Trainer.Policies;

/// <summary>Choosing one action from a row of log-probabilities, shared by every softmax actor.</summary>
public static class CategoricalSampling
{
    /// <summary>The mode (deterministic) or a sample by inverse CDF; the last action takes any rounding remainder.</summary>
    public static int Choose(ReadOnlySpan<float> logProbs, Random rng, bool deterministic)
    {
        int n = logProbs.Length;
        if (deterministic)
        {
            int best = 0;
            for (int a = 1; a < n; a++) if (logProbs[a] > logProbs[best]) best = a;
            return best;
        }
        double u = rng.NextDouble(), cumulative = 0;
        for (int a = 0; a < n - 1; a++)
        {
            cumulative += Math.Exp(logProbs[a]);
            if (u < cumulative) return a;
        }
        return n - 1;
    }
}
