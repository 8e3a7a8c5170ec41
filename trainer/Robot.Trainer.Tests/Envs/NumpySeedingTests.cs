using Robot.Envs.Seeding;

namespace Robot.Trainer.Tests.Envs;

/// <summary>
/// SeedSequence and PCG64 against NumPy's own numbers (NumPy 1.24.2, Debian 12's python3-numpy:
/// <c>np.random.SeedSequence(s).generate_state(4, np.uint64)</c>, <c>np.random.PCG64(np.random.SeedSequence(s)).random_raw(n)</c>,
/// <c>np.random.default_rng(s).uniform(-0.05, 0.05, 4)</c>).
/// </summary>
public class NumpySeedingTests
{
    [Theory]
    [InlineData(0UL, new ulong[] { 15793235383387715774, 12390638538380655177, 2361836109651742017, 3188717715514472916 })]
    [InlineData((1UL << 40) + 7, new ulong[] { 974592680304384533, 11164224302760304993, 11068753026110695683, 4650291916314288918 })] // two 32-bit words of seed
    public void SeedSequenceGeneratesNumpysState(ulong seed, ulong[] expected)
    {
        var words = new ulong[4];
        SeedSequence.GenerateState(seed, words);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData(0UL, new ulong[] { 11749869230777074271, 4976686463289251617, 755828109848996024 })]
    [InlineData(123456789UL, new ulong[] { 511209809126027580, 16725663875132018381 })]
    [InlineData((1UL << 40) + 7, new ulong[] { 15307346044642009514, 4709548916763817589 })]
    public void Pcg64GivesNumpysRawNumbers(ulong seed, ulong[] expected)
    {
        var rng = new Pcg64(seed);
        Assert.Equal(expected, expected.Select(_ => rng.NextUInt64()).ToArray());
    }

    [Fact]
    public void UniformIsNumpysToTheLastBit()
    {
        var rng = new Pcg64(42);
        double[] expected = [0.027395604855596334, -0.006112156024794771, 0.03585979199113824, 0.019736802905936393,
            -0.04058226521123505, 0.047562235163675595, 0.026113970199035302, 0.02860643052769539];
        Assert.Equal(expected, expected.Select(_ => rng.Uniform(-0.05, 0.05)).ToArray());
    }
}
