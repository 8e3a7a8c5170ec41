using System.Text.Json.Serialization;

namespace Robot.Trainer.Training;

/// <summary>
/// Every setting of a training run. Defaults come from the versioned preset files in presets/
/// (one per environment, one section per algorithm, like rl-zoo's); each algorithm reads the
/// fields it uses.
/// </summary>
public sealed record Hyperparameters
{
    // Rollouts
    [JsonPropertyName("n_envs")] public int NumEnvs { get; init; } = 8;
    [JsonPropertyName("n_steps")] public int StepsPerEnv { get; init; } = 32;
    [JsonPropertyName("total_steps")] public long TotalSteps { get; init; } = 100_000;
    [JsonPropertyName("gamma")] public double Gamma { get; init; } = 0.99;
    [JsonPropertyName("gae_lambda")] public double GaeLambda { get; init; } = 0.95;

    /// <summary>Normalize observations by running statistics (baked into the exported policy file).</summary>
    [JsonPropertyName("normalize_observations")] public bool NormalizeObservations { get; init; }

    /// <summary>
    /// How rollouts run the networks: "torch" (TorchSharp, any policy) or "managed" (a snapshot in
    /// the robot's runtime layers, refreshed each rollout: far less per-step overhead).
    /// </summary>
    [JsonPropertyName("rollout_inference")] public string RolloutInference { get; init; } = "torch";

    /// <summary>
    /// Learn from every transition and its mirror image (the environment must declare an exact
    /// reflection symmetry; CartPole does): twice the rows per update at no extra env steps.
    /// The observation statistics see both too, so normalization keeps the symmetry.
    /// </summary>
    [JsonPropertyName("mirror_augmentation")] public bool MirrorAugmentation { get; init; }

    // Networks
    [JsonPropertyName("policy_hidden")] public int[] PolicyHidden { get; init; } = [64, 64];
    [JsonPropertyName("value_hidden")] public int[] ValueHidden { get; init; } = [64, 64];

    // Optimization
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 3e-4;
    [JsonPropertyName("value_learning_rate")] public double ValueLearningRate { get; init; } = 1e-3;
    /// <summary>"constant" or "linear" (decays to zero at total_steps).</summary>
    [JsonPropertyName("lr_schedule")] public string LearningRateSchedule { get; init; } = "constant";
    [JsonPropertyName("n_epochs")] public int Epochs { get; init; } = 10;
    [JsonPropertyName("minibatch_size")] public int MinibatchSize { get; init; } = 64;
    [JsonPropertyName("max_grad_norm")] public double MaxGradNorm { get; init; } = 0.5;
    [JsonPropertyName("normalize_advantage")] public bool NormalizeAdvantage { get; init; } = true;
    /// <summary>
    /// Advantages are divided by max(std, floor) instead of std (PPO, A2C; 0: plain standardization).
    /// With 1, normalization scales large advantages down but never scales noise up.
    /// </summary>
    [JsonPropertyName("advantage_std_floor")] public double AdvantageStdFloor { get; init; }
    /// <summary>PPO's Adam epsilon: larger values let small gradients take proportionally small steps.</summary>
    [JsonPropertyName("adam_eps")] public double AdamEps { get; init; } = 1e-5;
    [JsonPropertyName("ent_coef")] public double EntropyCoef { get; init; }
    [JsonPropertyName("vf_coef")] public double ValueCoef { get; init; } = 0.5;

    // PPO
    [JsonPropertyName("clip_range")] public double ClipRange { get; init; } = 0.2;
    /// <summary>"constant" or "linear".</summary>
    [JsonPropertyName("clip_schedule")] public string ClipSchedule { get; init; } = "constant";

    // REINFORCE: "none", "normalize" (standardized returns) or "value" (learned baseline).
    [JsonPropertyName("baseline")] public string Baseline { get; init; } = "normalize";

    // NPG / TRPO
    [JsonPropertyName("max_kl")] public double MaxKl { get; init; } = 0.01;
    [JsonPropertyName("cg_iters")] public int ConjugateGradientIterations { get; init; } = 10;
    [JsonPropertyName("cg_damping")] public double ConjugateGradientDamping { get; init; } = 0.1;
    [JsonPropertyName("line_search_steps")] public int LineSearchSteps { get; init; } = 10;
    [JsonPropertyName("line_search_backtrack")] public double LineSearchBacktrack { get; init; } = 0.8;
    [JsonPropertyName("value_epochs")] public int ValueEpochs { get; init; } = 5;

    // Evaluation during training (for steps_to_stable_eval)
    [JsonPropertyName("eval_interval")] public int EvalInterval { get; init; } = 2048;
    [JsonPropertyName("eval_episodes")] public int EvalEpisodes { get; init; } = 10;

    public int StepsPerRollout => NumEnvs * StepsPerEnv;

    /// <summary>Checks values a user may have mistyped; returns the first problem or null.</summary>
    public string? Validate()
    {
        if (NumEnvs < 1) return "n_envs must be at least 1";
        if (StepsPerEnv < 1) return "n_steps must be at least 1";
        if (TotalSteps < 1) return "total_steps must be positive";
        if (Gamma is <= 0 or > 1) return "gamma must be in (0, 1]";
        if (GaeLambda is < 0 or > 1) return "gae_lambda must be in [0, 1]";
        if (LearningRate <= 0 || ValueLearningRate <= 0) return "learning rates must be positive";
        if (LearningRateSchedule is not ("constant" or "linear")) return "lr_schedule must be constant or linear";
        if (RolloutInference is not ("torch" or "managed")) return "rollout_inference must be torch or managed";
        if (ClipSchedule is not ("constant" or "linear")) return "clip_schedule must be constant or linear";
        if (Baseline is not ("none" or "normalize" or "value")) return "baseline must be none, normalize or value";
        if (Epochs < 1 || MinibatchSize < 1 || ValueEpochs < 0) return "n_epochs and minibatch_size must be at least 1";
        if (MaxKl <= 0) return "max_kl must be positive";
        if (AdvantageStdFloor < 0) return "advantage_std_floor must be zero or positive";
        if (AdamEps <= 0) return "adam_eps must be positive";
        if (EvalInterval < 1 || EvalEpisodes < 1) return "eval_interval and eval_episodes must be at least 1";
        if (PolicyHidden.Any(h => h < 1)) return "policy_hidden widths must be positive";
        if (ValueHidden.Any(h => h < 1)) return "value_hidden widths must be positive";
        return null;
    }

    /// <summary>A schedule's value at <paramref name="progressRemaining"/> (1 at the start, 0 at total_steps).</summary>
    public static double Scheduled(string schedule, double initial, double progressRemaining) =>
        schedule == "linear" ? initial * Math.Max(progressRemaining, 0) : initial;
}
