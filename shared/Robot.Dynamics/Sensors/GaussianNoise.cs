namespace Robot.Dynamics.Sensors;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box-Muller), so simulations replay exactly.</summary>
public static class GaussianNoise
{
    public static double Next(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
