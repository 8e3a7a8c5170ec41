namespace Robot.Policy.Tests;

/// <summary>The runtime's own exp and tanh against the base library's double-precision ones.</summary>
public class FastMathTests
{
    [Fact]
    public void ExpIsWithinTwoMillionthsRelative()
    {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.00731f)
        {
            double exact = Math.Exp(x);
            worst = Math.Max(worst, Math.Abs(FastMath.Exp(x) - exact) / exact);
        }
        Assert.True(worst < 2e-6, $"worst relative error {worst:E2}");
        Assert.Equal(0f, FastMath.Exp(-200f));
        Assert.Equal(float.PositiveInfinity, FastMath.Exp(200f));
        Assert.True(float.IsNaN(FastMath.Exp(float.NaN)));
    }

    [Fact]
    public void TanhIsAccurateNearZeroAndEverywhere()
    {
        double worstRelative = 0, worstAbsolute = 0;
        for (float x = -12f; x <= 12f; x += 0.000917f)
        {
            double exact = Math.Tanh(x);
            double error = Math.Abs(FastMath.Tanh(x) - exact);
            worstAbsolute = Math.Max(worstAbsolute, error);
            if (Math.Abs(exact) > 1e-30) worstRelative = Math.Max(worstRelative, error / Math.Abs(exact));
        }
        Assert.True(worstRelative < 2e-6, $"worst relative error {worstRelative:E2}");
        Assert.True(worstAbsolute < 3e-7, $"worst absolute error {worstAbsolute:E2}");
        Assert.Equal(1e-20f, FastMath.Tanh(1e-20f)); // no cancellation for tiny inputs
        Assert.Equal(-1f, FastMath.Tanh(-50f));
        Assert.True(float.IsNaN(FastMath.Tanh(float.NaN)));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        // The CRC-32/ISO-HDLC check value of "123456789" is 0xCBF43926.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8.ToArray(), 0, 9));
    }
}

/// <summary>The SIMD forward pass of the .NET build and the portable one of the nanoFramework build agree.</summary>
public class PortableForwardTests
{
    [Theory]
    [InlineData(4, 64, Activation.Tanh)]
    [InlineData(64, 64, Activation.Tanh)]
    [InlineData(64, 2, Activation.Identity)]
    [InlineData(7, 37, Activation.Relu)]
    [InlineData(3, 1, Activation.Tanh)]
    public void SimdAndPortableForwardAgree(int inputs, int outputs, Activation activation)
    {
        var rng = new Random(inputs * 100 + outputs);
        var layer = new DenseLayer(inputs, outputs, activation,
            Enumerable.Range(0, inputs * outputs).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(),
            Enumerable.Range(0, outputs).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());
        var simd = new float[outputs];
        var portable = new float[outputs];
        for (int k = 0; k < 500; k++)
        {
            var x = Enumerable.Range(0, inputs).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            layer.Forward(x, simd);
            layer.ForwardPortable(x, portable);
            for (int o = 0; o < outputs; o++)
                Assert.True(Math.Abs(simd[o] - portable[o]) <= 2e-5 * Math.Max(1, Math.Abs(portable[o])), $"output {o}: {simd[o]} vs {portable[o]}");
        }
    }
}
