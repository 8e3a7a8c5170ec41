using System.Text.Json.Serialization;

namespace Robot.Trainer.Training;

/// <summary>summary.json: what a run achieved and how fast. Scripts rely on these names.</summary>
public sealed record TrainingSummary
{
    [JsonPropertyName("env")] public required string Env { get; init; }
    [JsonPropertyName("algo")] public required string Algo { get; init; }
    [JsonPropertyName("seed")] public required int Seed { get; init; }
    [JsonPropertyName("env_steps")] public required long EnvSteps { get; init; }
    [JsonPropertyName("updates")] public required int Updates { get; init; }
    [JsonPropertyName("episodes")] public required long Episodes { get; init; }
    [JsonPropertyName("wall_seconds")] public required double WallSeconds { get; init; }
    [JsonPropertyName("train_seconds")] public required double TrainSeconds { get; init; }
    [JsonPropertyName("reward_threshold")] public required double RewardThreshold { get; init; }
    [JsonPropertyName("eval_mean_return")] public required double EvalMeanReturn { get; init; }
    [JsonPropertyName("eval_std_return")] public required double EvalStdReturn { get; init; }
    [JsonPropertyName("eval_episodes")] public required int EvalEpisodes { get; init; }
    [JsonPropertyName("steps_to_threshold")] public required long? StepsToThreshold { get; init; }
    [JsonPropertyName("wall_seconds_to_threshold")] public required double? WallSecondsToThreshold { get; init; }
    /// <summary>Env steps and wall time (evaluations included) of the first evaluation at or above the threshold.</summary>
    [JsonPropertyName("steps_to_eval_threshold")] public long? StepsToEvalThreshold { get; init; }
    [JsonPropertyName("wall_seconds_to_eval_threshold")] public double? WallSecondsToEvalThreshold { get; init; }
    [JsonPropertyName("steps_to_stable_eval")] public required long? StepsToStableEval { get; init; }
    [JsonPropertyName("completed")] public required bool Completed { get; init; }
    /// <summary>deploy_success runs: the criterion, whether the latest check met it, and the check the policy file comes from.</summary>
    [JsonPropertyName("deploy_success_required")] public double? DeploySuccessRequired { get; init; }
    [JsonPropertyName("deployable")] public bool? Deployable { get; init; }
    [JsonPropertyName("deploy_check")] public DeployCheck? DeployCheck { get; init; }
    /// <summary>When the run ended not deployable: what to try next, from why its best check's episodes failed and what the run already used.</summary>
    [JsonPropertyName("deploy_advice")] public string? DeployAdvice { get; init; }
    [JsonPropertyName("warm_start_steps")] public long? WarmStartSteps { get; init; }
    [JsonPropertyName("policy_file")] public string? PolicyFile { get; init; }
}
