namespace Robot.Trainer.Training;

/// <summary>Accumulates per-environment episode returns and keeps the last 100 finished ones.</summary>
public sealed class EpisodeTracker
{
    public const int Window = 100;
    readonly double[] _returns;
    readonly int[] _lengths;
    readonly Queue<double> _recent = new();
    double _recentSum;

    public EpisodeTracker(int envs)
    {
        _returns = new double[envs];
        _lengths = new int[envs];
    }

    public long Episodes { get; set; }

    /// <summary>Mean return of the last 100 finished episodes (fewer at the start), NaN before the first.</summary>
    public double MeanRecentReturn => _recent.Count == 0 ? double.NaN : _recentSum / _recent.Count;

    public IReadOnlyCollection<double> RecentReturns => _recent;

    /// <summary>Adds one step of every environment; <paramref name="finished"/> hears of each episode that ends (env, return, length).</summary>
    public void Record(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated,
        Action<int, double, int>? finished = null)
    {
        for (int i = 0; i < _returns.Length; i++)
        {
            _returns[i] += rewards[i];
            _lengths[i]++;
            if (!terminated[i] && !truncated[i]) continue;
            Push(_returns[i]);
            Episodes++;
            finished?.Invoke(i, _returns[i], _lengths[i]);
            _returns[i] = 0;
            _lengths[i] = 0;
        }
    }

    /// <summary>Restores the window from a checkpoint.</summary>
    public void Restore(IEnumerable<double> recent, long episodes)
    {
        _recent.Clear();
        _recentSum = 0;
        foreach (var r in recent) Push(r);
        Episodes = episodes;
    }

    void Push(double value)
    {
        _recent.Enqueue(value);
        _recentSum += value;
        if (_recent.Count > Window) _recentSum -= _recent.Dequeue();
    }
}
