using System.Globalization;
using Robot.Envs.CartPole;

namespace Robot.Trainer.Tests.Envs;

/// <summary>Every transition Gymnasium recorded is reproduced from the recorded state and action.</summary>
public class CartPoleGymnasiumParityTests
{
    [Theory]
    [InlineData("cartpole-v1-random.csv")]
    [InlineData("cartpole-v1-balancing.csv")]
    public void EveryRecordedTransitionIsReproduced(string file)
    {
        var rows = File.ReadLines(Path.Combine(RepoPaths.GymnasiumReference, file)).Skip(1)
            .Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count > 500, $"{file}: too few rows");
        var env = new CartPoleEnv();
        int checkedTransitions = 0, truncations = 0, terminations = 0;
        Span<float> obs = stackalloc float[4];
        for (int r = 1; r < rows.Count; r++)
        {
            var prev = rows[r - 1];
            var row = rows[r];
            if (row[0] != prev[0]) continue; // first row of a new episode
            double D(string[] c, int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
            env.State = (D(prev, 3), D(prev, 4), D(prev, 5), D(prev, 6));
            env.ElapsedSteps = int.Parse(prev[1], CultureInfo.InvariantCulture);
            var result = env.Step([float.Parse(row[2], CultureInfo.InvariantCulture)], obs);
            var s = env.State;
            Assert.Equal(D(row, 3), s.X, 1e-9);
            Assert.Equal(D(row, 4), s.XDot, 1e-9);
            Assert.Equal(D(row, 5), s.Theta, 1e-9);
            Assert.Equal(D(row, 6), s.ThetaDot, 1e-9);
            Assert.Equal((float)D(row, 5), obs[2]);
            Assert.Equal(D(row, 7), result.Reward);
            Assert.Equal(row[8] == "1", result.Terminated);
            Assert.Equal(row[9] == "1", result.Truncated);
            checkedTransitions++;
            if (result.Truncated) truncations++;
            if (result.Terminated) terminations++;
        }
        Assert.True(checkedTransitions == rows.Count - rows.Select(r => r[0]).Distinct().Count());
        if (file.Contains("balancing")) Assert.True(truncations > 0, "balancing file must exercise the 500-step truncation");
        else Assert.True(terminations > 0);
    }

    /// <summary>
    /// reset(seed) is Gymnasium's start for that seed (NumPy's PCG64 through SeedSequence), and from it the
    /// recorded actions give Gymnasium's whole episode, step for step: the same seed, the same episode.
    /// </summary>
    [Theory]
    [InlineData("cartpole-v1-random.csv")]
    [InlineData("cartpole-v1-balancing.csv")]
    public void TheSameSeedAndActionsGiveGymnasiumsEpisode(string file)
    {
        var episodes = File.ReadLines(Path.Combine(RepoPaths.GymnasiumReference, file)).Skip(1)
            .Select(l => l.Split(',')).GroupBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)).ToList();
        var env = new CartPoleEnv();
        Span<float> obs = stackalloc float[4];
        double D(string[] c, int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
        foreach (var episode in episodes)
        {
            var rows = episode.ToList();
            env.Reset(episode.Key, obs);
            Assert.Equal((D(rows[0], 3), D(rows[0], 4), D(rows[0], 5), D(rows[0], 6)), env.State); // exactly
            Assert.Equal((float)D(rows[0], 5), obs[2]);
            for (int t = 1; t < rows.Count; t++)
            {
                var result = env.Step([float.Parse(rows[t][2], CultureInfo.InvariantCulture)], obs);
                var s = env.State;
                Assert.Equal(D(rows[t], 3), s.X, 1e-9);
                Assert.Equal(D(rows[t], 5), s.Theta, 1e-9);
                Assert.Equal(rows[t][8] == "1", result.Terminated);
                Assert.Equal(rows[t][9] == "1", result.Truncated);
            }
        }
        Assert.True(episodes.Count >= 5);
    }

    [Fact]
    public void ResetIsUniformWithinBoundsAndSeeded()
    {
        var env = new CartPoleEnv();
        Span<float> a = stackalloc float[4];
        Span<float> b = stackalloc float[4];
        double min = 1, max = -1;
        for (int seed = 0; seed < 2000; seed++)
        {
            env.Reset(seed, a);
            foreach (var v in a) { min = Math.Min(min, v); max = Math.Max(max, v); Assert.InRange(v, -0.05f, 0.05f); }
        }
        Assert.True(min < -0.049 && max > 0.049, "reset must cover the whole interval");
        env.Reset(7, a);
        env.Reset(7, b);
        Assert.True(a.SequenceEqual(b));
    }
}
