using Robot.Envs;
using Robot.Envs.CartPole;

namespace Robot.Trainer.Tests.Envs;

public class VectorEnvTests
{
    [Fact]
    public void CartPoleVectorEnvMatchesSingleEnvsIncludingAutoReset()
    {
        const int n = 3;
        var vec = new CartPoleVectorEnv(n);
        var sync = new SyncVectorEnv(() => new CartPoleEnv(), n);
        vec.Reset(11);
        sync.Reset(11);
        var rng = new Random(5);
        var actions = new float[n];
        int dones = 0;
        for (int t = 0; t < 3000; t++)
        {
            Assert.Equal(sync.Observations, vec.Observations);
            for (int i = 0; i < n; i++) actions[i] = rng.Next(2);
            vec.Step(actions);
            sync.Step(actions);
            Assert.Equal(sync.Terminated, vec.Terminated);
            Assert.Equal(sync.Truncated, vec.Truncated);
            for (int i = 0; i < n; i++)
                if (vec.Terminated[i] || vec.Truncated[i])
                {
                    dones++;
                    Assert.Equal(sync.FinalObservations.AsSpan(i * 4, 4).ToArray(), vec.FinalObservations.AsSpan(i * 4, 4).ToArray());
                }
        }
        Assert.True(dones > 50);
    }

    [Fact]
    public void TruncationKeepsTheFinalObservationAndResets()
    {
        // An always-alternating policy balances CartPole long enough to hit the time limit from most starts.
        var vec = new CartPoleVectorEnv(1);
        vec.Reset(3);
        var single = new CartPoleEnv();
        Span<float> obs = stackalloc float[4];
        single.Reset(3, obs);
        float[] action = [0];
        for (int t = 1; t <= CartPoleDynamics.MaxEpisodeSteps; t++)
        {
            // Push toward the side the pole leans to (a crude balancer).
            action[0] = obs[2] + 0.5f * obs[3] > 0 ? 1 : 0;
            var r = single.Step(action, obs);
            vec.Step(action);
            if (r.Terminated) Assert.Fail("the crude balancer should survive from this seed");
            if (t < CartPoleDynamics.MaxEpisodeSteps) Assert.False(vec.Truncated[0]);
        }
        Assert.True(vec.Truncated[0]);
        Assert.False(vec.Terminated[0]);
        Assert.Equal(obs.ToArray(), vec.FinalObservations);
        Assert.All(vec.Observations, v => Assert.InRange(v, -0.05f, 0.05f));
    }
}
