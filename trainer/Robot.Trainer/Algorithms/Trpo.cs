using TorchSharp;
using Robot.Trainer.Policies;
using System.Text.Json.Serialization;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Trust Region Policy Optimization (Schulman et al. 2015): the natural-gradient step of
/// <see cref="Npg"/>, then a backtracking line search that shrinks it until the surrogate improves
/// and the mean KL from the old policy stays within max_kl; if no fraction passes, no step is taken.
/// </summary>
public sealed record TrpoOptions : NpgOptions
{
    [JsonPropertyName("line_search_steps")] public int LineSearchSteps { get; init; } = 10;
    [JsonPropertyName("line_search_backtrack")] public double LineSearchBacktrack { get; init; } = 0.8;

    public override string? Validate() => base.Validate() ?? AtLeastOne(LineSearchSteps, "line_search_steps")
        ?? (LineSearchBacktrack is > 0 and < 1 ? null : "line_search_backtrack must be in (0, 1)");
}

public sealed class Trpo(StochasticPolicy policy, ValueNetwork value, TrpoOptions hp, Random rng) : Npg(policy, value, hp, rng)
{
    TrpoOptions Search => (TrpoOptions)Hp;

    /// <summary>Fraction of the full step accepted by the last update (0 when the search failed).</summary>
    public double LastStepFraction { get; private set; }

    protected override void Apply(Tensor start, Tensor step, double surrogateBefore,
        Func<Tensor> surrogate, Func<Tensor> meanKl)
    {
        LastStepFraction = LineSearch(Parameters, start, step, Search, () =>
        {
            using var _ = no_grad();
            return (surrogate().item<float>() - surrogateBefore, meanKl().item<float>());
        });
    }

    /// <summary>
    /// Tries start + f step for f = 1, backtrack, backtrack^2, ... and keeps the first whose
    /// surrogate improves and whose mean KL stays within max_kl; if none does, puts the parameters
    /// back at <paramref name="start"/>. Returns the accepted fraction, or 0.
    /// </summary>
    /// <param name="evaluate">Improvement of the surrogate and mean KL at the parameters as they are now.</param>
    public static double LineSearch(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, Tensor start, Tensor step, TrpoOptions options,
        Func<(double Improvement, double Kl)> evaluate)
    {
        double fraction = 1;
        for (int i = 0; i < options.LineSearchSteps; i++, fraction *= options.LineSearchBacktrack)
        {
            using (var f = fraction.ToScalar()) // alive through the call (TensorLifetimeTests)
            using (var candidate = start.add(f * step, One)) NaturalGradient.SetFlatParameters(parameters, candidate);
            var (improvement, kl) = evaluate();
            if (kl <= options.MaxKl && improvement > 0) return fraction;
        }
        NaturalGradient.SetFlatParameters(parameters, start);
        return 0;
    }
}
