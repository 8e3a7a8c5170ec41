using Robot.Trainer.Rollout;

namespace Robot.Trainer.Tests.Rollout;

/// <summary>GAE and Monte Carlo returns against values worked out by hand.</summary>
public class RolloutBufferTests
{
    // One environment, three steps, gamma 0.9, lambda 0.5.
    static RolloutBuffer OneEnv(float[] rewards, bool[] dones, float[] values)
    {
        var b = new RolloutBuffer(rewards.Length, 1, 1, 1);
        for (int t = 0; t < rewards.Length; t++)
            b.Add(t, [0f], [0f], [0f], [values[t]], [rewards[t]], [dones[t]]);
        return b;
    }

    [Fact]
    public void GaeWithoutEpisodeEndBootstrapsFromLastValue()
    {
        var b = OneEnv([1, 1, 1], [false, false, false], [0.5f, 0.4f, 0.3f]);
        b.ComputeGae([2f], gamma: 0.9, lambda: 0.5);
        // delta2 = 1 + 0.9*2 - 0.3 = 2.5;   A2 = 2.5
        // delta1 = 1 + 0.9*0.3 - 0.4 = 0.87; A1 = 0.87 + 0.45*2.5 = 1.995
        // delta0 = 1 + 0.9*0.4 - 0.5 = 0.86; A0 = 0.86 + 0.45*1.995 = 1.75775
        Assert.Equal(2.5f, b.Advantages[2], 5);
        Assert.Equal(1.995f, b.Advantages[1], 5);
        Assert.Equal(1.75775f, b.Advantages[0], 5);
        Assert.Equal(1.75775f + 0.5f, b.Returns[0], 5);
    }

    [Fact]
    public void GaeStopsAtTermination()
    {
        var b = OneEnv([1, 1, 1], [false, true, false], [0.5f, 0.4f, 0.3f]);
        b.ComputeGae([2f], gamma: 0.9, lambda: 0.5);
        // A2 = 2.5 as before; step 1 terminated: delta1 = 1 - 0.4 = 0.6, A1 = 0.6 (nothing flows back across the end)
        // delta0 = 1 + 0.9*0.4 - 0.5 = 0.86; A0 = 0.86 + 0.45*0.6 = 1.13
        Assert.Equal(2.5f, b.Advantages[2], 5);
        Assert.Equal(0.6f, b.Advantages[1], 5);
        Assert.Equal(1.13f, b.Advantages[0], 5);
    }

    [Fact]
    public void TruncationBootstrapEntersThroughTheReward()
    {
        // Step 1 was truncated; the loop added gamma * V(final obs) = 0.9 * 3 = 2.7 to its reward.
        var b = OneEnv([1, 1 + 2.7f, 1], [false, true, false], [0.5f, 0.4f, 0.3f]);
        b.ComputeGae([2f], gamma: 0.9, lambda: 0.5);
        // delta1 = 3.7 - 0.4 = 3.3; A1 = 3.3;  A0 = 0.86 + 0.45*3.3 = 2.345
        Assert.Equal(3.3f, b.Advantages[1], 5);
        Assert.Equal(2.345f, b.Advantages[0], 5);
        Assert.Equal(3.7f, b.Returns[1], 5);
    }

    [Fact]
    public void MonteCarloReturnsAreDiscountedWithinEpisodesAndDropUnfinishedTails()
    {
        var b = OneEnv([1, 2, 3, 4], [false, true, false, false], [0, 0, 0, 0]);
        b.ComputeMonteCarlo(gamma: 0.5);
        Assert.Equal(1 + 0.5f * 2, b.Returns[0], 6);
        Assert.Equal(2f, b.Returns[1], 6);
        Assert.Equal([true, true, false, false], b.Valid);
    }

    [Fact]
    public void EnvironmentsAreIndependentColumns()
    {
        var b = new RolloutBuffer(2, 2, 1, 1);
        b.Add(0, [0f, 0f], [0f, 0f], [0f, 0f], [0f, 0f], [1f, 10f], [false, true]);
        b.Add(1, [0f, 0f], [0f, 0f], [0f, 0f], [0f, 0f], [1f, 10f], [true, true]);
        b.ComputeMonteCarlo(gamma: 1.0);
        Assert.Equal(2f, b.Returns[0]);   // env 0, t 0
        Assert.Equal(10f, b.Returns[1]);  // env 1, t 0 (its episode ended at t 0)
        Assert.Equal(1f, b.Returns[2]);
        Assert.Equal(10f, b.Returns[3]);
    }
}
