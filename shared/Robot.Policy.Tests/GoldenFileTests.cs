namespace Robot.Policy.Tests;

/// <summary>
/// The committed files of each format version (golden/README.md): the reader still reads them to the
/// very policy they were written from, and the writer still writes that policy to the very same bytes.
/// A round trip alone cannot see a writer and a reader that drift together.
/// </summary>
public class GoldenFileTests
{
    public static TheoryData<string, int> Files => new()
    {
        { "v1-softmax-mlp.rpol", 1 },
        { "v1-gaussian-mlp.rpol", 1 },
        { "v2-conv.rpol", 2 },
    };

    /// <summary>The policy each file was written from (golden/README.md).</summary>
    static PolicyModel Source(string file) => file switch
    {
        "v1-softmax-mlp.rpol" => TestPolicies.Random(21, ActionKind.Discrete, [8, 8], 4, 2, OutputTransform.Clip, Activation.Tanh),
        "v1-gaussian-mlp.rpol" => TestPolicies.Random(22, ActionKind.Continuous, [16, 16], 5, 1, OutputTransform.TanhSquash, Activation.Relu),
        "v2-conv.rpol" => TestPolicies.RandomConv(23, 2),
        _ => throw new ArgumentException(file),
    };

    static byte[] Golden(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", file));

    [Theory]
    [MemberData(nameof(Files))]
    public void TheCommittedFileCarriesItsVersion(string file, int version) =>
        Assert.Equal(version, BitConverter.ToUInt16(Golden(file), 4));

    [Theory]
    [MemberData(nameof(Files))]
    public void TheWriterStillWritesTheSameBytes(string file, int version)
    {
        _ = version;
        Assert.True(Golden(file).AsSpan().SequenceEqual(PolicyWriter.Write(Source(file))),
            $"{file}: the writer's bytes changed; a format change is a new version with new golden files (golden/README.md)");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TheReaderStillReadsThePolicyItWasWrittenFrom(string file, int version)
    {
        _ = version;
        var read = PolicyReader.Read(Golden(file));
        var source = Source(file);
        Assert.Equal(source.ObservationSize, read.ObservationSize);
        Assert.Equal(source.ActionWidth, read.ActionWidth);
        Assert.Equal(source.Metadata("seed"), read.Metadata("seed"));
        var rng = new Random(5);
        var expected = new float[source.ActionWidth];
        var actual = new float[read.ActionWidth];
        for (int k = 0; k < 100; k++)
        {
            var obs = Enumerable.Range(0, source.ObservationSize).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            Assert.True(source.Act(obs, expected));
            Assert.True(read.Act(obs, actual));
            Assert.Equal(expected, actual);
        }
    }
}
