using Robot.Envs;
using Robot.Trainer.Algorithms;
using Robot.Trainer.Policies;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Policies;

[Collection(TorchCollection.Name)]
public class GaussianPolicyTests
{
    [Fact]
    public void FisherBlockOfTheLogStdIsTwoPerDimension()
    {
        // For KL(old || new) of Gaussians, d^2/d(log sigma)^2 at new = old is 2. If the old
        // distribution's log std were not detached, both sides would move and this would be 0.
        random.manual_seed(1);
        var policy = new GaussianPolicy(EnvRegistry.Spec("uniwheel"), [8]);
        using var obs = randn(32, 5);
        ActionDistribution old;
        using (no_grad()) old = policy.Distribution(obs);
        using var current = policy.Distribution(obs);
        var named = policy.named_parameters().ToArray();
        var parameters = named.Select(p => p.parameter).ToArray();
        int index = 0;
        foreach (var (name, p) in named)
        {
            if (name == "log_std") break;
            index += (int)p.numel();
        }
        var kl = current.KlFrom(old).mean();
        int n = (int)parameters.Sum(p => p.numel());
        var v = zeros(n);
        v[index] = 1;
        var fvp = NaturalGradient.FisherVectorProduct(kl, parameters, v, damping: 0);
        Assert.Equal(2f, fvp[index].item<float>(), 4);
        Assert.False(old is GaussianDistribution g && g.LogStd.requires_grad);
    }

    [Fact]
    public void SampledActionsHaveTheDistributionsLogProbability()
    {
        random.manual_seed(2);
        var policy = new GaussianPolicy(EnvRegistry.Spec("uniwheel"), [16]);
        var rng = new Random(3);
        var obs = Enumerable.Range(0, 4 * 5).Select(_ => (float)rng.NextDouble()).ToArray();
        var actions = new float[4];
        var logProbs = new float[4];
        policy.Act(obs, 4, rng, deterministic: false, actions, logProbs);
        using var dist = policy.Distribution(tensor(obs, [4, 5]));
        using var expected = dist.LogProb(tensor(actions, [4, 1]));
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i].item<float>(), logProbs[i], 4);
    }
}
