using System.Text.Json;
using Robot.Envs;

namespace Robot.Trainer.Training;

/// <summary>What `train` was asked to do.</summary>
public sealed record TrainRequest
{
    public required string OutDir { get; init; }
    public string Env { get; init; } = "cartpole";
    public string Algo { get; init; } = "ppo";
    public int Seed { get; init; }
    public long? Steps { get; init; }
    public bool Resume { get; init; }
    public string? PresetFile { get; init; }
    public IReadOnlyList<string> Overrides { get; init; } = [];
    public int FinalEvalEpisodes { get; init; } = 20;
    public int CheckpointEvery { get; init; } = 25;
    /// <summary>TorchSharp's threads; null: chosen for the networks (<see cref="TorchThreads"/>).</summary>
    public int? Threads { get; init; }
    /// <summary>An identified robot to train the uniwheel for (robot-plant.json); null: the built-in robot.</summary>
    public string? PlantFile { get; init; }
}

/// <summary>
/// A training run from start (or resume) to summary: builds everything from the request or the
/// checkpoint, runs the on-policy loop, evaluates the result and writes summary.json and the plot.
/// </summary>
public static class TrainingSession
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static TrainingSummary Run(TrainRequest request, CancellationToken cancel, Action<ProgressRow>? onUpdate = null)
    {
        RunState state;
        if (request.Resume)
        {
            state = Checkpoint.ReadState(request.OutDir);
            if (request.Steps is long more) state = WithTotalSteps(state, more);
        }
        else
        {
            if (Directory.Exists(Path.Combine(request.OutDir, Checkpoint.Folder)))
                throw new ArgumentException($"'{request.OutDir}' already holds a run; continue it with --resume {request.OutDir} or choose another --out");
            var settings = Presets.Load(request.Env, request.Algo, request.PresetFile, request.Overrides, plant: request.PlantFile is not null);
            if (request.Steps is long steps) settings = settings with { Training = settings.Training with { TotalSteps = steps } };
            state = new RunState { Env = request.Env, Seed = request.Seed, Settings = settings };
            if (request.PlantFile is string plantPath)
            {
                if (!EnvRegistry.IsUniwheel(request.Env)) throw new ArgumentException($"--plant describes the uniwheel robot; {request.Env} has no plant");
                Robot.Cli.InputFile.Require(plantPath, "--plant", 1 << 20);
                byte[] bytes = File.ReadAllBytes(plantPath);
                string json = System.Text.Encoding.UTF8.GetString(bytes);
                try { Robot.Dynamics.Plant.PlantFile.Parse(json, plantPath); }
                catch (FormatException e) { throw new Robot.Cli.InputException(e.Message); }
                state = new RunState
                {
                    Env = state.Env, Seed = state.Seed, Settings = settings,
                    PlantFileName = Path.GetFileName(plantPath), PlantSha256 = Robot.Dynamics.Plant.PlantFile.Checksum(bytes), PlantJson = json,
                };
            }
        }

        var spec = EnvRegistry.Spec(state.Env);
        NativeHeap.KeepFreedBuffers();
        TorchSharp.torch.set_num_threads(request.Threads ?? TorchThreads.For(spec, state.Settings.Training.PolicyHidden, state.Settings.Training.ValueHidden));
        // The sampling stream continues differently after a resume, but deterministically.
        var rng = new Random(state.Seed * 31 + state.Updates);
        var agent = AgentFactory.Create(spec, state.Settings, state.Seed, rng);
        if (request.Resume) Checkpoint.LoadInto(request.OutDir, agent);

        var hp = state.Settings.Training;
        if ((hp.DeploySuccess is not null || hp.LqrWarmStart) && !EnvRegistry.IsUniwheel(state.Env))
            throw new ArgumentException($"deploy_success and lqr_warm_start are for the uniwheel robot; {state.Env} has neither a deployability check nor an LQR");
        var env = EnvRegistry.CreateVector(state.Env, hp.NumEnvs, plant: state.Plant());
        var trainer = new OnPolicyTrainer(request.OutDir, agent, state, env, rng, request.CheckpointEvery);
        if (onUpdate is not null) trainer.Updated += onUpdate;
        // Only now, with every setting accepted, does a new run get its folder.
        Directory.CreateDirectory(request.OutDir);
        if (hp.LqrWarmStart && !request.Resume)
        {
            var warm = LqrWarmStart.Run(agent, env, state.Plant()?.Plant.Parameters ?? new Robot.Dynamics.Plant.UniwheelParameters(), hp, state.Seed, rng);
            state.EnvSteps += warm.EnvSteps;
            state.WarmStartSteps = warm.EnvSteps;
        }
        bool completed = trainer.Run(cancel);

        var eval = Evaluator.Evaluate(state.Env, agent.Policy, request.FinalEvalEpisodes, OnPolicyTrainer.EvalSeed(state.Seed) + 1, plant: state.Plant());
        string policyPath = Path.Combine(request.OutDir, Export.PolicyExporter.FileName);
        string? policyFile;
        if (hp.DeploySuccess is not null && File.Exists(OnPolicyTrainer.BestPolicyPath(request.OutDir)))
        {
            // The policy file is the best checked one: the deployable one when the criterion held, else the closest.
            File.Copy(OnPolicyTrainer.BestPolicyPath(request.OutDir), policyPath, overwrite: true);
            policyFile = policyPath;
        }
        else policyFile = Export.PolicyExporter.Export(agent.Policy, state, policyPath);
        var best = state.BestDeployCheck;
        var summary = new TrainingSummary
        {
            Env = state.Env,
            Algo = state.Algo,
            Seed = state.Seed,
            EnvSteps = state.EnvSteps,
            Updates = state.Updates,
            Episodes = state.Episodes,
            WallSeconds = state.WallSeconds,
            TrainSeconds = state.TrainSeconds,
            RewardThreshold = spec.RewardThreshold,
            EvalMeanReturn = eval.MeanReturn,
            EvalStdReturn = eval.StdReturn,
            EvalEpisodes = eval.Episodes,
            StepsToThreshold = state.StepsToThreshold,
            WallSecondsToThreshold = state.WallSecondsToThreshold,
            StepsToEvalThreshold = state.FirstEvalAtOrAbove(spec.RewardThreshold)?.EnvSteps,
            WallSecondsToEvalThreshold = state.FirstEvalAtOrAbove(spec.RewardThreshold)?.WallSeconds,
            StepsToStableEval = state.StepsToStableEval(spec.RewardThreshold),
            Completed = completed,
            DeploySuccessRequired = hp.DeploySuccess,
            Deployable = hp.DeploySuccess is null ? null : state.Deployable,
            DeployCheck = hp.DeploySuccess is null ? null : best,
            DeployAdvice = hp.DeploySuccess is null || state.Deployable || best is null ? null : Training.DeployAdvice.For(best, hp),
            WarmStartSteps = state.WarmStartSteps,
            PolicyFile = policyFile is null ? null : Path.GetFullPath(policyFile),
        };
        File.WriteAllText(Path.Combine(request.OutDir, "summary.json"), JsonSerializer.Serialize(summary, Json));
        LearningCurvePlot.Write(Path.Combine(request.OutDir, "progress.csv"), Path.Combine(request.OutDir, "learning-curve.png"),
            $"{state.Algo} on {spec.Id}, seed {state.Seed}", spec.RewardThreshold);
        return summary;
    }

    static RunState WithTotalSteps(RunState s, long total) => new()
    {
        Env = s.Env, Seed = s.Seed,
        Settings = s.Settings with { Training = s.Settings.Training with { TotalSteps = total } },
        EnvSteps = s.EnvSteps, Updates = s.Updates, Episodes = s.Episodes, RecentReturns = s.RecentReturns,
        TrainSeconds = s.TrainSeconds, WallSeconds = s.WallSeconds, StepsToThreshold = s.StepsToThreshold,
        WallSecondsToThreshold = s.WallSecondsToThreshold, Evaluations = s.Evaluations, NextEvalSteps = s.NextEvalSteps,
        PlantFileName = s.PlantFileName, PlantSha256 = s.PlantSha256, PlantJson = s.PlantJson,
        DeployChecks = s.DeployChecks, NextDeploySteps = s.NextDeploySteps, WarmStartSteps = s.WarmStartSteps,
        ParamNoiseStd = s.ParamNoiseStd,
    };
}
