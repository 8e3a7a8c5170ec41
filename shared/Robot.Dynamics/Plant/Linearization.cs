using MathNet.Numerics.LinearAlgebra;

namespace Robot.Dynamics.Plant;

/// <summary>x' = A x + B u about upright rest, with x = (phi, theta, phi', theta') and u the motor voltage.</summary>
public static class Linearization
{
    /// <summary>
    /// The analytic Jacobian at upright rest, with the motor's linear part (no deadband, no
    /// Coulomb friction): tau = k u - d (phi' - theta'), k = K_t / R, d = K_t K_e / R + b.
    /// </summary>
    public static (Matrix<double> A, Matrix<double> B) Analytic(UniwheelParameters p)
    {
        double m11 = p.WheelMassTerm, m12 = p.CouplingTerm(1), m22 = p.BodyMassTerm;
        var mInv = Matrix<double>.Build.DenseOfArray(new[,] { { m11, m12 }, { m12, m22 } }).Inverse();
        double mgl = p.BodyMass * p.Gravity * p.BodyComHeight;
        double k = p.TorqueConstant / p.Resistance;
        double d = p.TorqueConstant * p.BackEmfConstant / p.Resistance + p.ViscousFriction;
        var pitchColumn = mInv * Vector<double>.Build.Dense([0, mgl]);
        var wheelRateColumn = mInv * Vector<double>.Build.Dense([-d, d]);
        var pitchRateColumn = mInv * Vector<double>.Build.Dense([d, -d]);
        var input = mInv * Vector<double>.Build.Dense([k, -k]);
        var a = Matrix<double>.Build.Dense(4, 4);
        a[0, 2] = 1;
        a[1, 3] = 1;
        for (int r = 0; r < 2; r++)
        {
            a[2 + r, 1] = pitchColumn[r];
            a[2 + r, 2] = wheelRateColumn[r];
            a[2 + r, 3] = pitchRateColumn[r];
        }
        var b = Matrix<double>.Build.Dense(4, 1);
        b[2, 0] = input[0];
        b[3, 0] = input[1];
        return (a, b);
    }

    /// <summary>Central finite differences of the plant's nonlinear derivative, for checking <see cref="Analytic"/>.</summary>
    public static (Matrix<double> A, Matrix<double> B) Numerical(UniwheelPlant plant, double epsilon = 1e-6)
    {
        var a = Matrix<double>.Build.Dense(4, 4);
        var b = Matrix<double>.Build.Dense(4, 1);
        Span<double> x = stackalloc double[4];
        for (int j = 0; j < 4; j++)
        {
            x.Clear();
            x[j] = epsilon;
            var plus = plant.Derivative(UniwheelState.FromArray(x), 0);
            x[j] = -epsilon;
            var minus = plant.Derivative(UniwheelState.FromArray(x), 0);
            for (int i = 0; i < 4; i++) a[i, j] = (plus[i] - minus[i]) / (2 * epsilon);
        }
        var up = plant.Derivative(default, epsilon);
        var down = plant.Derivative(default, -epsilon);
        for (int i = 0; i < 4; i++) b[i, 0] = (up[i] - down[i]) / (2 * epsilon);
        return (a, b);
    }
}
