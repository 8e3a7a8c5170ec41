using Robot.Envs;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Policies;

/// <summary>The lecture's convolutional actor-critic on the pixel env: its shape, its refusals, and a run through the whole trainer.</summary>
[Collection(TorchCollection.Name)]
public class ConvNetTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "robot-conv-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    [Fact]
    public void ThreeStrideTwoConvolutionsThenALinearHead()
    {
        var spec = EnvRegistry.Spec("cartpole-pixels");
        Assert.Equal(32 * 3 * 9, ConvNet.Features(spec.Image!)); // 50x100 -> 23x48 -> 10x22 -> 3x9
        random.manual_seed(1);
        var policy = new SoftmaxPolicy(spec, []);
        var value = new ValueNetwork(spec, []);
        Assert.Equal("conv_softmax", policy.Kind);
        var convs = policy.modules().OfType<TorchSharp.Modules.Conv2d>().ToList();
        Assert.Equal(new long[] { 16, 32, 32 }, convs.Select(c => c.weight!.shape[0]).ToArray());
        Assert.All(convs, c => Assert.Equal(new long[] { 5, 5 }, c.weight!.shape[2..]));
        using var obs = rand(3, spec.ObservationSize);
        using var logits = policy.forward(obs);
        using var v = value.forward(obs);
        Assert.Equal(new long[] { 3, 2 }, logits.shape);
        Assert.Equal(new long[] { 3 }, v.shape);
        // The first policy is near uniform: the head's gain is 0.01.
        Assert.True(logits.abs().max().item<float>() < 0.1f);
    }

    [Fact]
    public void HiddenLayersAreRefusedForPictures()
    {
        var e = Assert.Throws<ArgumentException>(() => new SoftmaxPolicy(EnvRegistry.Spec("cartpole-pixels"), [64]));
        Assert.Contains("policy_hidden", e.Message);
    }

    [Fact]
    public void TheTrainerRunsOnPicturesEndToEnd()
    {
        string dir = Path.Combine(_root, "pixels");
        var summary = TrainingSession.Run(new TrainRequest
        {
            OutDir = dir, Env = "cartpole-pixels", Algo = "ppo", Seed = 1, Steps = 512, FinalEvalEpisodes = 1,
            Overrides = ["n_envs=4", "n_steps=64", "minibatch_size=128", "n_epochs=1", "eval_interval=256", "eval_episodes=1"],
        }, CancellationToken.None);
        Assert.Equal(512, summary.EnvSteps);
        Assert.Null(summary.PolicyFile); // the policy file has no convolutional layers yet: the checkpoint holds the policy
        Assert.Equal(2, Checkpoint.ReadState(dir).Updates);
        var policy = Robot.Trainer.Cli.EvalCommand.Load(dir, "cartpole-pixels");
        Assert.True(Evaluator.Evaluate("cartpole-pixels", policy, 2, 5).MeanLength >= 8); // CartPole always lasts 8 steps or more
    }
}
