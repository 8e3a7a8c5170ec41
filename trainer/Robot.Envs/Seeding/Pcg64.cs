namespace Robot.Envs.Seeding;

/// <summary>
/// NumPy's default bit generator, PCG64 (O'Neill's PCG XSL-RR 128/64), seeded as NumPy seeds it from
/// a <see cref="SeedSequence"/>, and the two draws Gymnasium's environments make from it:
/// <see cref="NextDouble"/> (NumPy's <c>random()</c>: 53 bits) and <see cref="Uniform"/>
/// (<c>Generator.uniform(low, high)</c> = low + (high - low) x random()). Same seed, same numbers as
/// <c>np.random.default_rng(seed)</c>. No allocation after construction.
/// </summary>
public sealed class Pcg64
{
    static readonly UInt128 Multiplier = new(2549297995355413924UL, 4865540595714422341UL);
    UInt128 _state, _increment;

    public Pcg64(ulong seed)
    {
        Span<ulong> words = stackalloc ulong[4];
        SeedSequence.GenerateState(seed, words);
        var initialState = new UInt128(words[0], words[1]);
        var sequence = new UInt128(words[2], words[3]);
        _state = 0;
        _increment = (sequence << 1) | 1;
        Advance();
        _state += initialState;
        Advance();
    }

    void Advance() => _state = unchecked(_state * Multiplier + _increment);

    public ulong NextUInt64()
    {
        Advance();
        ulong high = (ulong)(_state >> 64), low = (ulong)_state;
        int rotation = (int)(_state >> 122);
        return ulong.RotateRight(high ^ low, rotation);
    }

    /// <summary>A double in [0, 1) from the top 53 bits, as NumPy's <c>next_double</c>.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();
}
