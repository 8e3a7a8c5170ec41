namespace Robot.Envs;

/// <summary>
/// Either discrete (one integer in [0, Count), passed as a float holding that index) or
/// continuous (Size floats, each within [Low, High]).
/// </summary>
public sealed record ActionSpace(bool IsDiscrete, int Count, int Size, float Low, float High)
{
    public static ActionSpace Discrete(int count) => new(true, count, 1, 0, count - 1);
    public static ActionSpace Box(int size, float low, float high) => new(false, 0, size, low, high);

    /// <summary>Floats per action in a flat action array: 1 for discrete, Size for continuous.</summary>
    public int Width => IsDiscrete ? 1 : Size;
}
