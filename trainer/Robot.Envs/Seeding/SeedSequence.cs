namespace Robot.Envs.Seeding;

/// <summary>
/// NumPy's <c>SeedSequence</c> for an integer seed and no spawn key (O'Neill's seed_seq hash, as
/// NumPy 1.17+ implements it in <c>numpy/random/bit_generator.pyx</c>): the seed's 32-bit words
/// are hashed into a pool of four, mixed, and stretched into as many words as a generator asks for.
/// Gymnasium seeds every environment through it (<c>gymnasium.utils.seeding.np_random</c>), so the
/// same seed gives the same start as Gymnasium's.
/// </summary>
public static class SeedSequence
{
    const int PoolSize = 4;
    const uint InitA = 0x43b0d7e5, MultA = 0x931e8875, InitB = 0x8b51f9dd, MultB = 0x58f38ded;
    const uint MixMultL = 0xca01f9dd, MixMultR = 0x4973f715;
    const int XShift = 16;

    /// <summary>The 64-bit words NumPy's <c>generate_state(count, np.uint64)</c> gives for <paramref name="seed"/>.</summary>
    public static void GenerateState(ulong seed, Span<ulong> words)
    {
        Span<uint> pool = stackalloc uint[PoolSize];
        MixEntropy(seed, pool);
        uint hash = InitB;
        for (int i = 0; i < words.Length * 2; i++)
        {
            uint value = pool[i % PoolSize] ^ hash;
            hash *= MultB;
            value *= hash;
            value ^= value >> XShift;
            // NumPy views the 32-bit words as little-endian 64-bit ones: the even word is the low half.
            if (i % 2 == 0) words[i / 2] = value;
            else words[i / 2] |= (ulong)value << 32;
        }
    }

    static void MixEntropy(ulong seed, Span<uint> pool)
    {
        // An integer's 32-bit words, least significant first; zero is one word.
        Span<uint> entropy = stackalloc uint[2];
        entropy[0] = (uint)seed;
        entropy[1] = (uint)(seed >> 32);
        int length = entropy[1] == 0 ? 1 : 2;
        uint hash = InitA;
        uint HashMix(uint value)
        {
            value ^= hash;
            hash *= MultA;
            value *= hash;
            value ^= value >> XShift;
            return value;
        }
        for (int i = 0; i < PoolSize; i++) pool[i] = HashMix(i < length ? entropy[i] : 0);
        for (int src = 0; src < PoolSize; src++)
            for (int dst = 0; dst < PoolSize; dst++)
                if (src != dst) pool[dst] = Mix(pool[dst], HashMix(pool[src]));
        // Words past the pool (never, for at most 64 bits of seed and a pool of four) would be mixed in here.
    }

    static uint Mix(uint x, uint y)
    {
        uint result = MixMultL * x - MixMultR * y;
        return result ^ (result >> XShift);
    }
}
