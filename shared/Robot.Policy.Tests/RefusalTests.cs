namespace Robot.Policy.Tests;

/// <summary>Every kind of bad file is refused with its typed reason, never a crash and never a partial policy.</summary>
public class RefusalTests
{
    static readonly byte[] Valid = PolicyWriter.Write(TestPolicies.Random(11));

    static PolicyError Refusal(byte[] data) => Assert.Throws<PolicyFormatException>(() => PolicyReader.Read(data)).Reason;

    static void PutU16(byte[] data, int offset, int value) { data[offset] = (byte)value; data[offset + 1] = (byte)(value >> 8); }

    /// <summary>Offset of the first byte of a section's payload.</summary>
    static int Payload(byte[] data, int tag)
    {
        int pos = PolicyFormat.HeaderSize;
        while (true)
        {
            int t = data[pos] | data[pos + 1] << 8;
            int length = BitConverter.ToInt32(data, pos + 4);
            if (t == tag) return pos + 8;
            pos += 8 + length;
        }
    }

    [Fact]
    public void WrongMagic()
    {
        var data = (byte[])Valid.Clone();
        data[0] = (byte)'X';
        Assert.Equal(PolicyError.BadMagic, Refusal(data));
    }

    [Fact]
    public void UnknownVersion()
    {
        var data = (byte[])Valid.Clone();
        PutU16(data, 4, 4); // versions 1 to 3 exist
        Assert.Equal(PolicyError.UnsupportedVersion, Refusal(data));
    }

    [Fact]
    public void TruncatedAnywhere()
    {
        for (int length = 0; length < Valid.Length; length++)
            Assert.Equal(PolicyError.Truncated, Refusal(Valid[..length]));
        Assert.Equal(PolicyError.LengthMismatch, Refusal([.. Valid, 0]));
    }

    [Fact]
    public void ChecksumMismatch()
    {
        var data = (byte[])Valid.Clone();
        data[data.Length / 2] ^= 0x10;
        Assert.Equal(PolicyError.ChecksumMismatch, Refusal(data));
    }

    [Fact]
    public void SizesThatDoNotChain()
    {
        // A 4-8-8-2 policy whose second layer claims 4 inputs: rebuild it with a wrong width.
        var good = TestPolicies.Random(2);
        var layers = Enumerable.Range(0, good.LayerCount).Select(good.Layer).ToArray();
        layers[1] = new DenseLayer(4, 8, Activation.Tanh, new float[32], new float[8]);
        Assert.Equal(PolicyError.LayersDoNotChain, Assert.Throws<PolicyFormatException>(() =>
            new PolicyModel(["a", "b", "c", "d"], ActionKind.Discrete, 2, OutputTransform.Clip, null, null, null, null,
                new float[4], [1f, 1f, 1f, 1f], 5f, layers, null, null)).Reason);

        // In a file: the last layer claims 3 outputs for a 2-action policy.
        var data = (byte[])Valid.Clone();
        int last = Payload(data, PolicyFormat.TagLayers) + 4 + 2 * 8 + (4 * 8 + 8) * 4 + (8 * 8 + 8) * 4;
        PutU16(data, last + 4, 3);
        var reason = Refusal(TestPolicies.WithFixedChecksum(data));
        Assert.True(reason is PolicyError.LayersDoNotChain or PolicyError.Truncated or PolicyError.LengthMismatch, reason.ToString());
    }

    [Fact]
    public void AbsurdSizesAreRefusedBeforeAllocating()
    {
        var data = (byte[])Valid.Clone();
        int layers = Payload(data, PolicyFormat.TagLayers);
        PutU16(data, layers + 4 + 2, 4000);  // first layer: 4000 inputs
        PutU16(data, layers + 4 + 4, 4000);  // and 4000 outputs: 64 MB of weights the file does not hold
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reason = Refusal(TestPolicies.WithFixedChecksum(data));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the reader allocated what the header claimed");
        Assert.True(reason is PolicyError.Truncated or PolicyError.SizeOutOfRange, reason.ToString());

        var huge = (byte[])Valid.Clone();
        BitConverter.GetBytes(uint.MaxValue).CopyTo(huge, 8);
        Assert.Equal(PolicyError.SizeOutOfRange, Refusal(huge));

        var obs = (byte[])Valid.Clone();
        PutU16(obs, Payload(obs, PolicyFormat.TagSpec), 60000);
        Assert.Equal(PolicyError.SizeOutOfRange, Refusal(TestPolicies.WithFixedChecksum(obs)));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteWeights(float bad)
    {
        var data = (byte[])Valid.Clone();
        int firstWeight = Payload(data, PolicyFormat.TagLayers) + 4 + 8;
        BitConverter.GetBytes(bad).CopyTo(data, firstWeight + 4 * 5);
        Assert.Equal(PolicyError.NonFiniteValue, Refusal(TestPolicies.WithFixedChecksum(data)));
    }

    [Fact]
    public void MissingDuplicateAndUnknownSections()
    {
        var data = (byte[])Valid.Clone();
        int spec = Payload(data, PolicyFormat.TagSpec) - 8;
        PutU16(data, spec, 0x0042);
        Assert.Equal(PolicyError.UnknownSection, Refusal(TestPolicies.WithFixedChecksum(data)));
        PutU16(data, spec, 0x8042); // optional: skipped, and then the spec is missing
        Assert.Equal(PolicyError.MissingSection, Refusal(TestPolicies.WithFixedChecksum(data)));
        var dup = (byte[])Valid.Clone();
        PutU16(dup, Payload(dup, PolicyFormat.TagMetadata) - 8, PolicyFormat.TagNormalization);
        Assert.Equal(PolicyError.DuplicateSection, Refusal(TestPolicies.WithFixedChecksum(dup)));
    }

    [Fact]
    public void SpecMismatchWithTheCaller()
    {
        Assert.Equal(4, PolicyReader.Read(Valid, 4, ActionKind.Discrete, 2).ObservationSize);
        Assert.Equal(PolicyError.SpecMismatch, Assert.Throws<PolicyFormatException>(() => PolicyReader.Read(Valid, 5, ActionKind.Discrete, 2)).Reason);
        Assert.Equal(PolicyError.SpecMismatch, Assert.Throws<PolicyFormatException>(() => PolicyReader.Read(Valid, 4, ActionKind.Continuous, 1)).Reason);
        var e = Assert.Throws<PolicyFormatException>(() => PolicyReader.Read(Valid, 4, ActionKind.Discrete, 3));
        Assert.Contains("2 discrete actions", e.Message.Replace("one of 2 discrete", "2 discrete"));
    }

    [Fact]
    public void NonAsciiNamesAreRefused()
    {
        var data = (byte[])Valid.Clone();
        data[Payload(data, PolicyFormat.TagSpec) + 8 + 2] = 0xC3;
        Assert.Equal(PolicyError.BadString, Refusal(TestPolicies.WithFixedChecksum(data)));
    }
}
