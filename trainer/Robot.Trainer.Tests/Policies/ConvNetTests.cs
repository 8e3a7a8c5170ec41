using Robot.Envs;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Policies;

/// <summary>The lecture's convolutional actor-critic on the pixel env: its shape, its refusals, and a run through the whole trainer.</summary>
[Collection(TorchCollection.Name)]
public class ConvNetTests : IDisposable
{
    readonly TempFolder _temp = new("robot-conv-");

    public void Dispose() => _temp.Dispose();

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
    public void BatchedInferenceDoesNotCopyTheFramesIntoNewArrays()
    {
        // 8 envs x 10,000 values: a fresh managed copy per step would be 320 KB; the reusable input tensor leaves only TorchSharp's small wrappers.
        var spec = EnvRegistry.Spec("cartpole-pixels");
        random.manual_seed(2);
        var policy = new SoftmaxPolicy(spec, []);
        var value = new ValueNetwork(spec, []);
        var obs = new float[8 * spec.ObservationSize];
        var (actions, logProbs, values) = (new float[8], new float[8], new float[8]);
        var rng = new Random(1);
        policy.Act(obs, 8, rng, false, actions, logProbs);
        value.Predict(obs, 8, spec.ObservationSize, values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 20; k++)
        {
            policy.Act(obs, 8, rng, false, actions, logProbs);
            value.Predict(obs, 8, spec.ObservationSize, values);
        }
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 20;
        Assert.True(perStep < 16_000, $"{perStep} bytes a step");
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
        string dir = Path.Combine(_temp.Root, "pixels");
        var summary = TrainingSession.Run(new TrainRequest
        {
            OutDir = dir, Env = "cartpole-pixels", Algo = "ppo", Seed = 1, Steps = 512, FinalEvalEpisodes = 1,
            Overrides = ["n_envs=4", "n_steps=64", "minibatch_size=128", "n_epochs=1", "eval_interval=256", "eval_episodes=1"],
        }, CancellationToken.None);
        Assert.Equal(512, summary.EnvSteps);
        Assert.Equal(2, Checkpoint.ReadState(dir).Updates);
        // episodes.csv keeps its rows short: no 5,000 pixel columns per episode.
        var episodes = File.ReadAllLines(Path.Combine(dir, EpisodeLog.FileName));
        Assert.Equal("env_steps,env,length,return,ended", episodes[0]);
        Assert.All(episodes.Skip(1), row => Assert.Equal(5, row.Split(',').Length));
        Assert.True(episodes.Length > 1);
        // The exported file sees pictures, and the robot's runtime scores it exactly as TorchSharp does.
        var model = Robot.Trainer.Cli.EvalCommand.LoadFile(summary.PolicyFile!, "cartpole-pixels");
        Assert.Equal(3, model.ConvolutionCount);
        var policy = Robot.Trainer.Cli.EvalCommand.Load(dir, "cartpole-pixels");
        var torch = Evaluator.Evaluate("cartpole-pixels", policy, 3, 5);
        var runtime = Evaluator.Evaluate("cartpole-pixels", model, 3, 5);
        Assert.Equal(torch.Returns, runtime.Returns);
        Assert.Throws<Robot.Cli.InputException>(() => Robot.Trainer.Cli.EvalCommand.LoadFile(summary.PolicyFile!, "cartpole"));
    }

    [Fact]
    public void TheRuntimesConvolutionsAgreeWithTorchSharpOnRecordedFrames()
    {
        var spec = EnvRegistry.Spec("cartpole-pixels");
        random.manual_seed(3);
        var policy = new SoftmaxPolicy(spec, []);
        using (no_grad()) policy.Layers[^1].weight!.mul_(100); // logits of order one, not the initial 0.01 scale
        var state = new RunState { Env = "cartpole-pixels", Seed = 3, Settings = Presets.Load("cartpole-pixels", "ppo") };
        var model = Robot.Policy.PolicyReader.Read(Robot.Policy.PolicyWriter.Write(Robot.Trainer.Export.PolicyExporter.ToModel(policy, state)));
        var env = EnvRegistry.Create("cartpole-pixels");
        var obs = new float[spec.ObservationSize];
        var rng = new Random(4);
        env.Reset(4, obs);
        var ws = model.CreateWorkspace();
        var runtime = new float[2];
        double worst = 0;
        for (int k = 0; k < 60; k++)
        {
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var logits = policy.forward(tensor(obs, [1, spec.ObservationSize])).data<float>().ToArray();
                Assert.True(model.Forward(obs, runtime, ws));
                double scale = Math.Max(logits.Max(Math.Abs), 1e-3f);
                for (int j = 0; j < 2; j++) worst = Math.Max(worst, Math.Abs(runtime[j] - logits[j]) / scale);
            }
            var r = env.Step([rng.Next(2)], obs);
            if (r.Terminated || r.Truncated) env.Reset(null, obs);
        }
        // float32 sums over each convolution's thousands of products, in another order than libtorch's:
        // a few 1e-5 of the largest logit (2.0e-5 on one run of frames); a wrong weight or index is order one.
        Assert.True(worst <= 5e-5, $"relative difference {worst:E2}");
    }
}
