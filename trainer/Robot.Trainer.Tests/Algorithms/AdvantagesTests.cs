using Robot.Trainer.Algorithms;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Algorithms;

[Collection(TorchCollection.Name)]
public class AdvantagesTests
{
    static float[] Values(Tensor t) => t.data<float>().ToArray();

    static double Std(float[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    [Fact]
    public void PlainNormalizationGivesZeroMeanAndUnitStdWhateverTheScale()
    {
        foreach (float scale in new[] { 0.01f, 1f, 50f })
        {
            var v = Values(Advantages.Normalize(tensor(new[] { 1f, -2f, 3f, 0.5f }) * scale));
            Assert.Equal(0, v.Average(), 5);
            Assert.Equal(1, Std(v), 4);
        }
    }

    [Fact]
    public void AFloorCentersSmallAdvantagesWithoutScalingThemUp()
    {
        var raw = new[] { 0.01f, -0.02f, 0.03f, 0.005f };
        var v = Values(Advantages.Normalize(tensor(raw), stdFloor: 1));
        double mean = raw.Average();
        for (int i = 0; i < raw.Length; i++) Assert.Equal(raw[i] - mean, v[i], 6);
    }

    [Fact]
    public void AFloorStillScalesLargeAdvantagesDownToUnitStd()
    {
        var v = Values(Advantages.Normalize(tensor(new[] { 10f, -20f, 30f, 5f }), stdFloor: 1));
        Assert.Equal(0, v.Average(), 5);
        Assert.Equal(1, Std(v), 4);
    }
}
