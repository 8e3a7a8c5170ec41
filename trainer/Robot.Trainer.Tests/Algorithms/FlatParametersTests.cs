using Robot.Trainer.Algorithms;
using TorchSharp;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Algorithms;

[Collection(TorchCollection.Name)]
public class FlatParametersTests
{
    static nn.Module<Tensor, Tensor> Net() => nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2));

    static float[] Values(nn.Module<Tensor, Tensor> net) => net.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Fact]
    public void AdamOnTheFlatBufferGivesTheSameParametersAsAdamOnEachTensor()
    {
        random.manual_seed(7);
        var separate = Net();
        var flat = Net();
        flat.load_state_dict(separate.state_dict());
        var flatParameters = new FlatParameters(flat.parameters());
        var a = optim.Adam(separate.parameters(), 0.01);
        var b = optim.Adam([flatParameters.Flat], 0.01);
        var x = randn(32, 4);
        var y = randn(32, 2);
        for (int step = 0; step < 20; step++)
        {
            a.zero_grad();
            nn.functional.mse_loss(separate.forward(x), y).backward();
            a.step();
            flatParameters.ZeroGrad();
            nn.functional.mse_loss(flat.forward(x), y).backward();
            b.step();
        }
        Assert.Equal(Values(separate), Values(flat));
        Assert.NotEqual(Values(Net()), Values(flat));
    }

    [Fact]
    public void LoadingACheckpointWritesIntoTheFlatBuffer()
    {
        var source = Net();
        var target = Net();
        var flat = new FlatParameters(target.parameters());
        string file = Path.Combine(Path.GetTempPath(), $"flat-{Guid.NewGuid():N}.dat");
        try
        {
            source.save(file);
            target.load(file);
            Assert.Equal(Values(source), flat.Flat.data<float>().ToArray());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
