using Robot.Observation;

namespace Robot.Envs.Uniwheel;

/// <summary>
/// The commanded forward velocity over one driving episode, drawn at reset: a still start, then
/// segments of three kinds until the episode's end: a step to a new speed held 1-3 s, a ramp to a
/// new speed over 0.5-2 s then held 0.5-2 s, and a stop (0) for 0.5-2 s. Speeds are uniform
/// within +-<see cref="VelocityReference.MaxSpeed"/>; a fifth of the episodes stay at 0 throughout
/// (balancing in place is still the main job). Allocation-free after construction.
/// </summary>
public sealed class VelocityProfile
{
    const int MaxSegments = 256;
    const double StillEpisodeShare = 0.2;

    // Segment k runs from _start[k]: the target goes linearly from _from[k] to _to[k] over _ramp[k] seconds, then holds.
    readonly double[] _start = new double[MaxSegments], _from = new double[MaxSegments], _to = new double[MaxSegments], _ramp = new double[MaxSegments];
    int _count;

    /// <summary>Draws a new profile lasting at least <paramref name="seconds"/>.</summary>
    public void Draw(Random rng, double seconds)
    {
        _count = 0;
        double t = 0, speed = 0;
        Add(ref t, speed, speed, 0, Uniform(rng, 0.5, 1.5));
        bool still = rng.NextDouble() < StillEpisodeShare;
        while (t < seconds && _count < MaxSegments)
        {
            if (still)
            {
                Add(ref t, 0, 0, 0, seconds - t);
                break;
            }
            double next = Uniform(rng, -VelocityReference.MaxSpeed, VelocityReference.MaxSpeed);
            switch (rng.Next(3))
            {
                case 0: Add(ref t, next, next, 0, Uniform(rng, 1, 3)); break; // step
                case 1:
                    double ramp = Uniform(rng, 0.5, 2);
                    Add(ref t, speed, next, ramp, ramp + Uniform(rng, 0.5, 2));
                    break;
                default: next = 0; Add(ref t, 0, 0, 0, Uniform(rng, 0.5, 2)); break; // stop
            }
            speed = next;
        }
    }

    /// <summary>A fixed profile: the target is 0 throughout.</summary>
    public void Still()
    {
        _count = 0;
        double t = 0;
        Add(ref t, 0, 0, 0, double.MaxValue);
    }

    /// <summary>The commanded velocity at <paramref name="time"/> seconds into the episode, m/s.</summary>
    public double TargetAt(double time)
    {
        int k = _count - 1;
        while (k > 0 && _start[k] > time) k--;
        double into = time - _start[k];
        if (_ramp[k] <= 0 || into >= _ramp[k]) return _to[k];
        return _from[k] + (_to[k] - _from[k]) * into / _ramp[k];
    }

    void Add(ref double t, double from, double to, double ramp, double length)
    {
        _start[_count] = t;
        _from[_count] = from;
        _to[_count] = to;
        _ramp[_count] = ramp;
        _count++;
        t += length;
    }

    static double Uniform(Random rng, double low, double high) => low + rng.NextDouble() * (high - low);
}
