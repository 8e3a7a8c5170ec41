namespace Robot.Policy.Tests;

/// <summary>
/// Mutated files, many thousands of them: every outcome is the original policy or a
/// <see cref="PolicyFormatException"/>. With the checksum recomputed after mutating (so the
/// structure checks are reached), a file that is accepted must be exactly what it says: writing
/// the policy read from it gives back the same bytes.
/// </summary>
public class FuzzTests
{
    static readonly byte[][] Originals =
    [
        PolicyWriter.Write(TestPolicies.Random(1)),
        PolicyWriter.Write(TestPolicies.Random(2, ActionKind.Continuous, [6], obs: 3, actions: 2, transform: OutputTransform.TanhSquash)),
        PolicyWriter.Write(TestPolicies.Random(3, hidden: [], obs: 2, actions: 3)),
        PolicyWriter.Write(TestPolicies.RandomConv(4)),
    ];

    static byte[] Mutate(byte[] original, Random rng)
    {
        var data = (byte[])original.Clone();
        switch (rng.Next(5))
        {
            case 0: return data[..rng.Next(data.Length)];                              // truncate
            case 1: data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8)); return data; // one bit
            case 2:                                                                     // random header or section-header values
                int at = rng.Next(Math.Min(data.Length, 80));
                data[at] = (byte)rng.Next(256);
                return data;
            case 3:                                                                     // a burst of random bytes
                int start = rng.Next(data.Length);
                for (int i = start; i < Math.Min(data.Length, start + rng.Next(1, 16)); i++) data[i] = (byte)rng.Next(256);
                return data;
            default:                                                                    // extra bytes
                return [.. data, .. Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256))];
        }
    }

    [Fact]
    public void MutatedFilesAreTheOriginalOrATypedRefusal()
    {
        var rng = new Random(20261126);
        int refused = 0;
        for (int n = 0; n < 30_000; n++)
        {
            var original = Originals[n % Originals.Length];
            var data = Mutate(original, rng);
            try
            {
                var model = PolicyReader.Read(data);
                Assert.Equal(original, PolicyWriter.Write(model)); // accepted only when it is the original
            }
            catch (PolicyFormatException) { refused++; }
        }
        Assert.True(refused > 25_000, $"only {refused} refusals: mutations were too gentle");
    }

    [Fact]
    public void MutatedFilesWithAValidChecksumAreFaithfulOrATypedRefusal()
    {
        var rng = new Random(7);
        int accepted = 0, refused = 0;
        for (int n = 0; n < 30_000; n++)
        {
            var data = TestPolicies.WithFixedChecksum(Mutate(Originals[n % Originals.Length], rng));
            try
            {
                var model = PolicyReader.Read(data);
                Assert.Equal(data, PolicyWriter.Write(model));
                accepted++;
            }
            catch (PolicyFormatException) { refused++; }
        }
        Assert.True(refused > 5_000 && accepted > 100, $"accepted {accepted}, refused {refused}");
    }
}
