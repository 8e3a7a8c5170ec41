using Robot.Trainer.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Torch;

public class HeldScalarAdamTests
{
    [Theory]
    [InlineData(1e-8)]
    [InlineData(1e-5)]
    public void ItStepsExactlyAsTorchSharpsAdam(double eps)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var reference = nn.Linear(6, 4);
        var held = nn.Linear(6, 4);
        using (no_grad())
            foreach (var (a, b) in held.parameters().Zip(reference.parameters())) a.copy_(b);
        var torchAdam = optim.Adam(reference.parameters(), 0.01, eps: eps);
        var ours = new HeldScalarAdam(held.parameters(), 0.01, eps: eps);
        for (int step = 0; step < 8; step++)
        {
            if (step == 4) // a schedule changing the rate between steps, as training does
                foreach (var group in torchAdam.ParamGroups.Concat(ours.ParamGroups)) group.LearningRate = 0.003;
            var input = randn(5, 6);
            foreach (var (module, optimizer) in new (nn.Module<Tensor, Tensor>, optim.Optimizer)[] { (reference, torchAdam), (held, ours) })
            {
                optimizer.zero_grad();
                module.forward(input).pow(2).mean().backward();
                optimizer.step();
            }
        }
        foreach (var (a, b) in held.parameters().Zip(reference.parameters()))
            Assert.Equal(b.data<float>().ToArray(), a.data<float>().ToArray()); // bit for bit
    }

    [Fact]
    public void ItStepsBesideAGarbageCollectorRunningFlatOut()
    {
        // TorchSharp's own Adam fails here within about 11,000 steps ("Expected false to be true" from
        // Scalar::toFloat): a number it converted was freed while libtorch read it.
        bool stop = false;
        var collector = new Thread(() => { while (!Volatile.Read(ref stop)) { GC.Collect(); GC.WaitForPendingFinalizers(); } }) { IsBackground = true };
        collector.Start();
        try
        {
            var layer = nn.Linear(4, 2);
            var adam = new HeldScalarAdam(layer.parameters(), 0.001);
            using (NewDisposeScope()) layer.forward(ones(3, 4)).sum().backward();
            for (int i = 0; i < 50_000; i++)
            {
                using var scope = NewDisposeScope();
                adam.step();
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
