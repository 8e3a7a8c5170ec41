using Robot.Trainer.Policies;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Training;

public class ObservationNormalizerTests
{
    [Fact]
    public void RunningStatisticsEqualTheWholeDataSetsAndNormalize()
    {
        var rng = new Random(1);
        var all = Enumerable.Range(0, 3000 * 2).Select(i => (float)(i % 2 == 0 ? 5 + 2 * rng.NextDouble() : -3 + 0.1 * rng.NextDouble())).ToArray();
        var normalizer = new ObservationNormalizer(2, enabled: true);
        for (int b = 0; b < 3; b++) normalizer.Update(all[(b * 2000)..((b + 1) * 2000)], 1000);
        var (mean, std, clip) = normalizer.Export();
        for (int j = 0; j < 2; j++)
        {
            var column = all.Where((_, i) => i % 2 == j).Select(v => (double)v).ToArray();
            double m = column.Average(), s = Math.Sqrt(column.Sum(v => (v - m) * (v - m)) / column.Length);
            Assert.Equal(m, mean[j], 3);
            Assert.Equal(s, std[j], 3);
        }
        Assert.Equal(10f, clip);
        using var x = tensor(new float[] { mean[0] + 2 * std[0], 1000f }, [1, 2]);
        using var y = normalizer.forward(x);
        Assert.Equal(2f, y[0, 0].item<float>(), 3);
        Assert.Equal(10f, y[0, 1].item<float>()); // clipped

        var off = new ObservationNormalizer(2, enabled: false);
        off.Update(all, 3000);
        using var same = off.forward(x);
        Assert.Equal(1000f, same[0, 1].item<float>());
    }
}
