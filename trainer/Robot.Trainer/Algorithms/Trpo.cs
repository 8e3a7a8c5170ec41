using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Trust Region Policy Optimization (Schulman et al. 2015): the natural-gradient step of
/// <see cref="Npg"/>, then a backtracking line search that shrinks it until the surrogate improves
/// and the mean KL from the old policy stays within max_kl; if no fraction passes, no step is taken.
/// </summary>
public sealed class Trpo(StochasticPolicy policy, ValueNetwork value, Hyperparameters hp, Random rng) : Npg(policy, value, hp, rng)
{
    /// <summary>Fraction of the full step accepted by the last update (0 when the search failed).</summary>
    public double LastStepFraction { get; private set; }

    protected override void Apply(Tensor start, Tensor step, double surrogateBefore,
        Func<Tensor> surrogate, Func<Tensor> meanKl)
    {
        double fraction = 1;
        for (int i = 0; i < Hp.LineSearchSteps; i++, fraction *= Hp.LineSearchBacktrack)
        {
            NaturalGradient.SetFlatParameters(Parameters, start + fraction * step);
            using var _ = no_grad();
            double improvement = surrogate().item<float>() - surrogateBefore;
            double kl = meanKl().item<float>();
            if (kl <= Hp.MaxKl && improvement > 0)
            {
                LastStepFraction = fraction;
                return;
            }
        }
        NaturalGradient.SetFlatParameters(Parameters, start);
        LastStepFraction = 0;
    }
}
