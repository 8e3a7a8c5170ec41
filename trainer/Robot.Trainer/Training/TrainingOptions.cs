using System.Text.Json.Serialization;

namespace Robot.Trainer.Training;

/// <summary>
/// The settings of a run that every algorithm shares: the rollout, the networks, evaluation.
/// What an algorithm alone reads is in its own options (<see cref="Algorithms.AlgorithmOptions"/>).
/// </summary>
public sealed record TrainingOptions
{
    [JsonPropertyName("n_envs")] public int NumEnvs { get; init; } = 8;
    [JsonPropertyName("n_steps")] public int StepsPerEnv { get; init; } = 32;
    [JsonPropertyName("total_steps")] public long TotalSteps { get; init; } = 100_000;
    [JsonPropertyName("gamma")] public double Gamma { get; init; } = 0.99;

    /// <summary>Normalize observations by running statistics (baked into the exported policy file).</summary>
    [JsonPropertyName("normalize_observations")] public bool NormalizeObservations { get; init; }

    /// <summary>
    /// The normalization's statistics stop moving after this many env steps (null: never). On a robot that
    /// drifts, a widening spread of positions shrinks the policy's own position gain, which lets it drift
    /// more (docs/training.md, "Against drift").
    /// </summary>
    [JsonPropertyName("normalize_freeze_steps")] public long? NormalizeFreezeSteps { get; init; }

    [JsonPropertyName("rollout_inference")] public RolloutInference RolloutInference { get; init; } = RolloutInference.Torch;

    /// <summary>
    /// Gaussian policies: explore by noise on the mean network's weights as well as on the action
    /// (<see cref="ParameterNoise"/>), its standard deviation starting at param_noise_std and adapted so that
    /// the perturbed mean action lies about param_noise_target from the policy's (docs/training.md).
    /// </summary>
    [JsonPropertyName("param_noise")] public bool ParamNoise { get; init; }
    [JsonPropertyName("param_noise_std")] public double ParamNoiseStd { get; init; } = 0.1;
    [JsonPropertyName("param_noise_target")] public double ParamNoiseTarget { get; init; } = 0.1;

    /// <summary>
    /// Learn from every transition and its mirror image (the environment must declare an exact
    /// reflection symmetry; CartPole does): twice the rows per update at no extra env steps.
    /// The observation statistics see both too, so normalization keeps the symmetry.
    /// </summary>
    [JsonPropertyName("mirror_augmentation")] public bool MirrorAugmentation { get; init; }

    /// <summary>
    /// Continuous actions in an env whose mirror flips every entry (the uniwheel): the policy's mean is
    /// exactly odd, pi(-o) = -pi(o) (<see cref="Policies.GaussianPolicy"/>), so it puts out no duty at the
    /// upright, still state at home, where a bias would hold the robot at a steady speed away from it.
    /// </summary>
    [JsonPropertyName("odd_policy")] public bool OddPolicy { get; init; }

    [JsonPropertyName("policy_hidden")] public int[] PolicyHidden { get; init; } = [64, 64];
    [JsonPropertyName("value_hidden")] public int[] ValueHidden { get; init; } = [64, 64];

    /// <summary>Env steps between evaluations during training (for steps_to_stable_eval).</summary>
    [JsonPropertyName("eval_interval")] public int EvalInterval { get; init; } = 2048;
    [JsonPropertyName("eval_episodes")] public int EvalEpisodes { get; init; } = 10;

    /// <summary>
    /// Stop once an evaluation's mean return reaches this (measuring how long a task takes to solve,
    /// e.g. --set stop_at_eval_return=475); null trains for total_steps.
    /// </summary>
    [JsonPropertyName("stop_at_eval_return")] public double? StopAtEvalReturn { get; init; }

    /// <summary>
    /// With train --plant: each identified parameter varies by this many relative standard errors,
    /// but at least plant_spread_floor (docs/sim-to-real.md).
    /// </summary>
    [JsonPropertyName("plant_uncertainty_sigmas")] public double PlantSigmas { get; init; } = Robot.Envs.Uniwheel.PlantRandomization.DefaultSigmas;
    [JsonPropertyName("plant_spread_floor")] public double PlantSpreadFloor { get; init; } = Robot.Envs.Uniwheel.PlantRandomization.DefaultFloor;

    /// <summary>
    /// Uniwheel: training is done when this share of <see cref="DeployEpisodes"/> fixed randomized 30 s
    /// episodes, run on the exported policy file through the robot's runtime, end without a fall or a
    /// drift (the criterion eval reports); checked every <see cref="DeployInterval"/> env steps.
    /// total_steps is then the budget: spent before the criterion holds, the run keeps its best policy
    /// and says why it is not deployable. null: no criterion (train for total_steps).
    /// </summary>
    [JsonPropertyName("deploy_success")] public double? DeploySuccess { get; init; }
    [JsonPropertyName("deploy_episodes")] public int DeployEpisodes { get; init; } = 200;
    /// <summary>A check episode that stays up but goes farther than this from its start (m) counts as drifted; null: eval's rule (<see cref="UniwheelEvaluation.DriftLimit"/> balancing).</summary>
    [JsonPropertyName("deploy_max_drift")] public double? DeployMaxDrift { get; init; }
    [JsonPropertyName("deploy_interval")] public int DeployInterval { get; init; } = 20480;
    /// <summary>
    /// A check whose success is below this share of the best check's sends the networks back to the best
    /// check's weights (<see cref="BestWeights"/>), when that one held at least half its episodes, and
    /// training goes on from there: PPO can lose a policy that nearly held within a few updates and not
    /// find it again. null: never.
    /// </summary>
    [JsonPropertyName("deploy_rollback")] public double? DeployRollback { get; init; }

    /// <summary>
    /// Uniwheel: before learning, clone the LQR designed for the plant (the identified one with --plant)
    /// from warm_start_steps env steps of it driving the training envs with warm_start_noise on its duty
    /// (docs/training.md, "Warm start"); the policy then explores with exp(warm_start_log_std).
    /// </summary>
    [JsonPropertyName("lqr_warm_start")] public bool LqrWarmStart { get; init; }
    [JsonPropertyName("warm_start_steps")] public int WarmStartSteps { get; init; } = 65536;
    [JsonPropertyName("warm_start_noise")] public double WarmStartNoise { get; init; } = 0.1;
    [JsonPropertyName("warm_start_epochs")] public int WarmStartEpochs { get; init; } = 10;
    [JsonPropertyName("warm_start_log_std")] public double WarmStartLogStd { get; init; } = -2.3;
    /// <summary>
    /// Above 1: each warm-start state is cloned once more with its deviation (tilt, rates, travel, last
    /// duty) scaled by a factor drawn from [1, warm_start_reach] and the LQR's duty there, so the clone
    /// answers the large tilts of faults and pushes as the LQR does, where its episodes rarely go.
    /// </summary>
    [JsonPropertyName("warm_start_reach")] public double WarmStartReach { get; init; } = 1;

    public int StepsPerRollout => NumEnvs * StepsPerEnv;

    /// <summary>The first problem with these values, naming the setting, or null.</summary>
    public string? Validate()
    {
        if (NumEnvs is < 1 or > 4096) return "n_envs must be 1 to 4096";
        if (StepsPerEnv is < 1 or > 1_000_000) return "n_steps must be 1 to 1,000,000";
        if ((long)NumEnvs * StepsPerEnv > 10_000_000) return "n_envs * n_steps must be at most 10,000,000 rows";
        if (TotalSteps < 1) return "total_steps must be positive";
        if (!(Gamma is > 0 and <= 1)) return "gamma must be in (0, 1]";
        if (!Enum.IsDefined(RolloutInference)) return "rollout_inference must be torch or runtime";
        if (PolicyHidden is null || PolicyHidden.Length > 16 || PolicyHidden.Any(h => h is < 1 or > 4096)) return "policy_hidden must be at most 16 widths of 1 to 4096";
        if (ValueHidden is null || ValueHidden.Length > 16 || ValueHidden.Any(h => h is < 1 or > 4096)) return "value_hidden must be at most 16 widths of 1 to 4096";
        if (EvalInterval < 1) return "eval_interval must be at least 1";
        if (EvalEpisodes < 1) return "eval_episodes must be at least 1";
        if (StopAtEvalReturn is double stop && !double.IsFinite(stop)) return "stop_at_eval_return must be a finite number";
        if (!(PlantSigmas is >= 0 and <= 100)) return "plant_uncertainty_sigmas must be 0 to 100";
        if (!(PlantSpreadFloor is >= 0 and <= 1)) return "plant_spread_floor must be 0 to 1";
        if (DeploySuccess is double d && !(d is > 0 and <= 1)) return "deploy_success must be in (0, 1]";
        if (DeployMaxDrift is double m && !(m > 0)) return "deploy_max_drift must be a positive distance in metres";
        if (DeployEpisodes is < 1 or > 100_000) return "deploy_episodes must be 1 to 100,000";
        if (DeployInterval < 1) return "deploy_interval must be at least 1";
        if (DeployRollback is double r && !(r is > 0 and <= 1)) return "deploy_rollback must be in (0, 1]";
        if (NormalizeFreezeSteps is < 0) return "normalize_freeze_steps must be zero or positive";
        if (!(ParamNoiseStd is > 0 and <= 10)) return "param_noise_std must be in (0, 10]";
        if (!(ParamNoiseTarget is > 0 and <= 10)) return "param_noise_target must be in (0, 10]";
        if (WarmStartSteps is < 1 or > 10_000_000) return "warm_start_steps must be 1 to 10,000,000";
        if (!(WarmStartNoise is >= 0 and <= 1)) return "warm_start_noise must be 0 to 1";
        if (WarmStartEpochs is < 1 or > 1000) return "warm_start_epochs must be 1 to 1000";
        if (!(WarmStartLogStd is >= -10 and <= 2)) return "warm_start_log_std must be -10 to 2";
        if (!(WarmStartReach is >= 1 and <= 100)) return "warm_start_reach must be 1 to 100";
        return null;
    }
}
