using System.Text.Json.Serialization;

namespace Robot.Trainer.Training;

/// <summary>
/// One evaluation during training: env steps at the time, its mean return, and the run's wall time
/// when it finished (evaluations included; absent in states written before it was recorded).
/// </summary>
public sealed record EvalPoint(
    [property: JsonPropertyName("env_steps")] long EnvSteps,
    [property: JsonPropertyName("mean_return")] double MeanReturn,
    [property: JsonPropertyName("wall_seconds")] double? WallSeconds = null);

/// <summary>One deployability check during training: the policy file's figures on the fixed check episodes.</summary>
public sealed record DeployCheck(
    [property: JsonPropertyName("env_steps")] long EnvSteps,
    [property: JsonPropertyName("success_rate")] double SuccessRate,
    [property: JsonPropertyName("falls")] int Falls,
    [property: JsonPropertyName("falls_at_duty_limit")] int FallsAtDutyLimit,
    [property: JsonPropertyName("drifts")] int Drifts,
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("rolled_back")] bool RolledBack = false);

/// <summary>
/// Everything about a run besides the network weights and optimizer moments: what a checkpoint
/// must keep so that a resumed run continues its counters, windows and learning-speed measures.
/// </summary>
public sealed class RunState
{
    [JsonPropertyName("env")] public required string Env { get; init; }
    /// <summary>The algorithm's name (its options carry it too).</summary>
    [JsonIgnore] public string Algo => Settings.Algorithm.Algo;
    [JsonPropertyName("seed")] public required int Seed { get; init; }
    [JsonPropertyName("settings")] public required RunSettings Settings { get; init; }
    [JsonPropertyName("env_steps")] public long EnvSteps { get; set; }
    [JsonPropertyName("updates")] public int Updates { get; set; }
    [JsonPropertyName("episodes")] public long Episodes { get; set; }
    [JsonPropertyName("recent_returns")] public List<double> RecentReturns { get; set; } = [];
    /// <summary>Training time so far, evaluations excluded.</summary>
    [JsonPropertyName("train_seconds")] public double TrainSeconds { get; set; }
    /// <summary>Total time so far, evaluations included.</summary>
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
    [JsonPropertyName("steps_to_threshold")] public long? StepsToThreshold { get; set; }
    [JsonPropertyName("wall_seconds_to_threshold")] public double? WallSecondsToThreshold { get; set; }
    [JsonPropertyName("evaluations")] public List<EvalPoint> Evaluations { get; set; } = [];
    [JsonPropertyName("next_eval_steps")] public long NextEvalSteps { get; set; }
    /// <summary>Deployability checks so far (deploy_success runs), and when the next is due.</summary>
    [JsonPropertyName("deploy_checks")] public List<DeployCheck> DeployChecks { get; set; } = [];
    [JsonPropertyName("next_deploy_steps")] public long NextDeploySteps { get; set; }
    /// <summary>Env steps the LQR warm start took (counted in env_steps), or null when it did not run.</summary>
    [JsonPropertyName("warm_start_steps")] public long? WarmStartSteps { get; set; }
    /// <summary>param_noise: the weights' noise as adapted so far (a resumed run goes on from it).</summary>
    [JsonPropertyName("param_noise_std")] public double? ParamNoiseStd { get; set; }

    /// <summary>The best deployability check so far (highest success, the later on a tie), or null.</summary>
    public DeployCheck? BestDeployCheck => DeployChecks.Count == 0 ? null : DeployChecks.MaxBy(c => (c.SuccessRate, c.EnvSteps));

    /// <summary>A deploy_success run whose latest check met the criterion.</summary>
    public bool Deployable => Settings.Training.DeploySuccess is double need && DeployChecks.Count > 0 && DeployChecks[^1].SuccessRate >= need;

    /// <summary>The identified robot this run trains for (train --plant): the file's name, its SHA-256 and its text; null for the built-in robot.</summary>
    [JsonPropertyName("plant_file")] public string? PlantFileName { get; init; }
    [JsonPropertyName("plant_sha256")] public string? PlantSha256 { get; init; }
    [JsonPropertyName("plant_json")] public string? PlantJson { get; init; }

    /// <summary>The randomization around the identified robot, or null for the built-in one.</summary>
    public Robot.Envs.Uniwheel.PlantRandomization? Plant() => PlantJson is null ? null
        : new(Robot.Dynamics.Plant.PlantFile.Parse(PlantJson, PlantFileName ?? "plant"), Settings.Training.PlantSigmas, Settings.Training.PlantSpreadFloor);

    /// <summary>The problem with a state read back from disk, or null: settings in range, counters that a run could have reached.</summary>
    public string? Validate()
    {
        if (!Robot.Envs.EnvRegistry.Names.Contains(Env)) return $"env '{Env}' is not one of {string.Join(", ", Robot.Envs.EnvRegistry.Names)}";
        if (Settings?.Training is null || Settings.Algorithm is null) return "settings.training and settings.algorithm are required";
        if ((Settings.Training.Validate() ?? Settings.Algorithm.Validate()) is string settings) return "settings: " + settings;
        if (EnvSteps < 0 || Updates < 0 || Episodes < 0 || NextEvalSteps < 0 || NextDeploySteps < 0) return "env_steps, updates, episodes, next_eval_steps and next_deploy_steps must not be negative";
        if (DeployChecks is null || DeployChecks.Any(c => c is null || !(c.SuccessRate is >= 0 and <= 1) || c.Episodes < 1)) return "deploy_checks must hold success rates in [0, 1] over at least one episode";
        if (!double.IsFinite(TrainSeconds) || !double.IsFinite(WallSeconds) || TrainSeconds < 0 || WallSeconds < 0) return "train_seconds and wall_seconds must be finite and not negative";
        if (RecentReturns is null || Evaluations is null || RecentReturns.Any(r => !double.IsFinite(r)) || Evaluations.Any(e => e is null || !double.IsFinite(e.MeanReturn) || e.WallSeconds is < 0 or double.NaN or double.PositiveInfinity))
            return "recent_returns and evaluations must hold finite numbers";
        if (PlantJson is not null)
        {
            if (!Robot.Envs.EnvRegistry.IsUniwheel(Env)) return "plant_json is for the uniwheel env";
            try { Plant(); } catch (FormatException e) { return e.Message; }
        }
        return null;
    }

    /// <summary>The first evaluation whose mean return reached the threshold, or null: how long learning took to get there.</summary>
    public EvalPoint? FirstEvalAtOrAbove(double threshold) => Evaluations.FirstOrDefault(e => e.MeanReturn >= threshold);

    /// <summary>
    /// The env steps of the first evaluation from which every later one has a mean return at or
    /// above the threshold; null when the last evaluation is below it.
    /// </summary>
    public long? StepsToStableEval(double threshold)
    {
        long? first = null;
        foreach (var e in Evaluations)
        {
            if (e.MeanReturn >= threshold) first ??= e.EnvSteps;
            else first = null;
        }
        return first;
    }
}
