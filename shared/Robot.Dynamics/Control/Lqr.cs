using MathNet.Numerics.LinearAlgebra;

namespace Robot.Dynamics.Control;

/// <summary>
/// Discrete-time linear-quadratic regulator for a plant sampled with a zero-order hold: the
/// classical baseline the learned policy must beat. u_k = -K x_k minimizes sum x'Qx + u'Ru.
/// </summary>
public static class Lqr
{
    /// <summary>Zero-order-hold discretization: exp([[A, B], [0, 0]] T) read off as [[Ad, Bd], [0, I]].</summary>
    public static (Matrix<double> Ad, Matrix<double> Bd) Discretize(Matrix<double> a, Matrix<double> b, double period)
    {
        int n = a.RowCount, m = b.ColumnCount;
        var augmented = Matrix<double>.Build.Dense(n + m, n + m);
        augmented.SetSubMatrix(0, 0, a * period);
        augmented.SetSubMatrix(0, n, b * period);
        var exp = Exponential(augmented);
        return (exp.SubMatrix(0, n, 0, n), exp.SubMatrix(0, n, n, m));
    }

    /// <summary>Matrix exponential by scaling and squaring with a Taylor series.</summary>
    public static Matrix<double> Exponential(Matrix<double> x)
    {
        double norm = x.InfinityNorm();
        int squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm)) + 1);
        var scaled = x / Math.Pow(2, squarings);
        var result = Matrix<double>.Build.DenseIdentity(x.RowCount);
        var term = Matrix<double>.Build.DenseIdentity(x.RowCount);
        for (int k = 1; k <= 20; k++)
        {
            term = term * scaled / k;
            result += term;
        }
        for (int i = 0; i < squarings; i++) result *= result;
        return result;
    }

    /// <summary>Solves the discrete algebraic Riccati equation by iterating it to a fixed point.</summary>
    public static Matrix<double> SolveRiccati(Matrix<double> ad, Matrix<double> bd, Matrix<double> q, Matrix<double> r,
        int maxIterations = 100_000, double tolerance = 1e-10)
    {
        var p = q.Clone();
        for (int i = 0; i < maxIterations; i++)
        {
            var btp = bd.TransposeThisAndMultiply(p);
            var next = q + ad.TransposeThisAndMultiply(p * ad) - ad.TransposeThisAndMultiply(p * bd) * (r + btp * bd).Inverse() * (btp * ad);
            double change = (next - p).InfinityNorm();
            p = next;
            if (change <= tolerance * Math.Max(1, p.InfinityNorm())) return p;
        }
        throw new InvalidOperationException("the Riccati iteration did not converge: is the plant stabilizable with these weights?");
    }

    /// <summary>The optimal gain K (u = -K x) for the sampled plant.</summary>
    public static Matrix<double> Gain(Matrix<double> a, Matrix<double> b, Matrix<double> q, Matrix<double> r, double period)
    {
        var (ad, bd) = Discretize(a, b, period);
        var p = SolveRiccati(ad, bd, q, r);
        return (r + bd.TransposeThisAndMultiply(p * bd)).Inverse() * bd.TransposeThisAndMultiply(p * ad);
    }
}
