using System.Reflection;
using System.Text.Json.Serialization;
using Robot.Trainer.Training;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// The settings one algorithm reads, and only those: a setting another algorithm uses is refused
/// by name rather than ignored. Stored in checkpoints with the algorithm's name as discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "algo")]
[JsonDerivedType(typeof(ReinforceOptions), "reinforce")]
[JsonDerivedType(typeof(A2cOptions), "a2c")]
[JsonDerivedType(typeof(NpgOptions), "npg")]
[JsonDerivedType(typeof(TrpoOptions), "trpo")]
[JsonDerivedType(typeof(PpoOptions), "ppo")]
public abstract record AlgorithmOptions
{
    /// <summary>The algorithms by name, with the type of their options.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = typeof(AlgorithmOptions)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => (string)a.TypeDiscriminator!, a => a.DerivedType);

    public static IReadOnlyList<string> Names { get; } = [.. Types.Keys];

    /// <summary>The algorithm's name.</summary>
    [JsonIgnore] public string Algo => Types.First(t => t.Value == GetType()).Key;

    /// <summary>GAE's lambda, or null for Monte Carlo returns over complete episodes.</summary>
    [JsonIgnore] public abstract double? GaeLambda { get; }

    /// <summary>The setting names (as in presets and --set) that options of type <paramref name="type"/> accept.</summary>
    public static IReadOnlyList<string> SettingNames(Type type) => type.GetProperties()
        .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>().ToArray();

    /// <summary>The first problem with these values, naming the setting, or null.</summary>
    public abstract string? Validate();

    protected static string? Positive(double value, string name) => value is > 0 and < double.PositiveInfinity ? null : $"{name} must be positive";
    protected static string? Fraction(double value, string name) => value is >= 0 and <= 1 ? null : $"{name} must be in [0, 1]";
    protected static string? AtLeastOne(int value, string name) => value >= 1 ? null : $"{name} must be at least 1";
    protected static string? NotNegative(double value, string name) => value is >= 0 and < double.PositiveInfinity ? null : $"{name} must be zero or positive";
    protected static string? Known<T>(T value, string name) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{name} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}";
}

/// <summary>Options of the algorithms that take Adam steps on the policy loss.</summary>
public abstract record GradientOptions : AlgorithmOptions
{
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 3e-4;
    /// <summary>Constant, or decaying linearly to zero at total_steps.</summary>
    [JsonPropertyName("lr_schedule")] public Schedule LearningRateSchedule { get; init; } = Schedule.Constant;
    [JsonPropertyName("max_grad_norm")] public double MaxGradNorm { get; init; } = 0.5;

    public override string? Validate() =>
        Positive(LearningRate, "learning_rate") ?? Known(LearningRateSchedule, "lr_schedule") ?? Positive(MaxGradNorm, "max_grad_norm");
}

/// <summary>Options of the actor-critics trained on one combined loss with GAE advantages (A2C, PPO).</summary>
public abstract record ActorCriticOptions : GradientOptions
{
    [JsonPropertyName("gae_lambda")] public double Lambda { get; init; } = 0.95;
    [JsonPropertyName("ent_coef")] public double EntropyCoef { get; init; }
    [JsonPropertyName("vf_coef")] public double ValueCoef { get; init; } = 0.5;
    [JsonPropertyName("normalize_advantage")] public bool NormalizeAdvantage { get; init; } = true;
    /// <summary>
    /// Advantages are divided by max(std, floor) instead of std (0: plain standardization). With 1,
    /// normalization scales large advantages down but never scales noise up.
    /// </summary>
    [JsonPropertyName("advantage_std_floor")] public double AdvantageStdFloor { get; init; }

    public override double? GaeLambda => Lambda;

    public override string? Validate() => base.Validate() ?? Fraction(Lambda, "gae_lambda")
        ?? (double.IsFinite(EntropyCoef) ? null : "ent_coef must be finite") ?? NotNegative(ValueCoef, "vf_coef")
        ?? NotNegative(AdvantageStdFloor, "advantage_std_floor");
}

/// <summary>How the algorithms whose policy step leaves the value network alone fit it to the returns.</summary>
public interface IValueFitOptions
{
    double ValueLearningRate { get; }
    int ValueEpochs { get; }
    int ValueMinibatchSize { get; }
}
