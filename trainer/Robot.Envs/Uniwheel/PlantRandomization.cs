using Robot.Dynamics.Plant;

namespace Robot.Envs.Uniwheel;

/// <summary>
/// Domain randomization centred on an identified robot (robot-plant.json): each parameter the fit
/// measured varies by <see cref="Sigmas"/> times its relative standard error, but at least
/// <see cref="Floor"/> (a fit's error bar is not the whole truth: the robot wears, the battery
/// drains) and never more than the default spread; parameters the logs did not measure keep the
/// default spread around the file's value. docs/sim-to-real.md states the rule.
/// </summary>
public sealed record PlantRandomization(PlantFile Plant, double Sigmas = PlantRandomization.DefaultSigmas, double Floor = PlantRandomization.DefaultFloor)
{
    public const double DefaultSigmas = 3, DefaultFloor = 0.05;

    /// <summary>The env options: the default ones with a spread per identified parameter.</summary>
    public UniwheelEnvOptions Options(UniwheelEnvOptions? baseline = null)
    {
        var options = baseline ?? new UniwheelEnvOptions();
        var spreads = new Dictionary<string, double>();
        foreach (var (name, relative) in Plant.RelativeUncertainty)
            spreads[name] = Math.Clamp(Sigmas * relative, Math.Min(Floor, options.DefaultSpreadOf(name)), options.DefaultSpreadOf(name));
        return options with { ParameterSpreads = spreads };
    }

    /// <summary>A uniwheel env for this robot.</summary>
    public UniwheelEnv CreateEnv(UniwheelEnvOptions? baseline = null) => new(Options(baseline), Plant.Parameters);
}
