using System.Diagnostics;
using Robot.Envs;
using Robot.Trainer.Rollout;

namespace Robot.Trainer.Training;

/// <summary>
/// The on-policy loop every algorithm shares: collect a rollout from the vector of environments,
/// turn it into targets (GAE or Monte Carlo), let the algorithm update, then log, evaluate and
/// checkpoint. It stops at total_steps or when cancelled, always leaving a checkpoint.
/// </summary>
public sealed class OnPolicyTrainer
{
    readonly string _runDir;
    readonly Agent _agent;
    readonly RunState _state;
    readonly TrainingOptions _hp;
    readonly IVectorEnv _env;
    readonly RolloutBuffer _buffer;
    readonly EpisodeTracker _episodes;
    readonly IRolloutActor _actor;
    readonly Random _rng;
    readonly double _threshold;
    readonly int _checkpointEvery;
    readonly float[] _actions, _logProbs, _values, _rewards, _finalValues;
    readonly bool[] _dones;
    readonly MirrorSymmetry? _mirror;
    readonly float[]? _mirroredObservations;
    readonly ParameterNoise? _parameterNoise;
    /// <summary>Observations param_noise's adaptation compares the actions on (the rollout's first rows).</summary>
    const int ParameterNoiseRows = 2048;

    public OnPolicyTrainer(string runDir, Agent agent, RunState state, IVectorEnv env, Random rng, int checkpointEvery = 25)
    {
        _runDir = runDir;
        _agent = agent;
        _state = state;
        _hp = state.Settings.Training;
        _env = env;
        _rng = rng;
        _checkpointEvery = checkpointEvery;
        _threshold = env.Spec.RewardThreshold;
        int n = env.Count, width = env.Spec.Action.Width;
        _buffer = new RolloutBuffer(_hp.StepsPerEnv, n, env.Spec.ObservationSize, width);
        _episodes = new EpisodeTracker(n);
        _actor = IRolloutActor.Create(agent.Policy, agent.Value, _hp.RolloutInference);
        _episodes.Restore(state.RecentReturns, state.Episodes);
        _actions = new float[n * width];
        _logProbs = new float[n];
        _values = new float[n];
        _rewards = new float[n];
        _finalValues = new float[n];
        _dones = new bool[n];
        _plant = state.Plant();
        if (_hp.MirrorAugmentation)
        {
            _mirror = env.Spec.Mirror ?? throw new ArgumentException($"mirror_augmentation: {env.Spec.Id} declares no mirror symmetry");
            if (_mirror.Check(env.Spec) is string problem) throw new ArgumentException($"mirror_augmentation: {problem}");
            _mirroredObservations = new float[_buffer.Observations.Length];
        }
        if (_hp.ParamNoise)
            _parameterNoise = agent.Policy is Policies.GaussianPolicy gaussian
                ? new ParameterNoise(gaussian, state.ParamNoiseStd ?? _hp.ParamNoiseStd, _hp.ParamNoiseTarget)
                : throw new ArgumentException($"param_noise: {env.Spec.Id}'s policy is not Gaussian (parameter noise is for continuous actions)");
    }

    /// <summary>Called after every update, for progress displays.</summary>
    public event Action<ProgressRow>? Updated;

    readonly Robot.Envs.Uniwheel.PlantRandomization? _plant;

    /// <summary>
    /// Trains until total_steps, an evaluation at stop_at_eval_return, or cancellation; returns true
    /// unless cancelled first.
    /// </summary>
    public bool Run(CancellationToken cancel)
    {
        // A resumed run restarts its environments from a seed derived from the update count.
        _env.Reset(_state.Seed + 7919 * _state.Updates);
        long? resumed = _state.Updates > 0 ? _state.Updates : null;
        using var logger = new RunLogger(_runDir, resumed);
        using var episodeLog = new EpisodeLog(_runDir, _env.Spec, resumed is null ? null : _state.EnvSteps);
        // One callback per run (not per step) writes each finished episode's row.
        Action<int, double, int> logEpisode = (env, episodeReturn, length) => LogEpisode(episodeLog, env, episodeReturn, length);
        var train = new Stopwatch();
        var wall = Stopwatch.StartNew();
        double trainBase = _state.TrainSeconds, wallBase = _state.WallSeconds;
        if (_state.NextEvalSteps == 0) _state.NextEvalSteps = _hp.EvalInterval;
        if (_state.NextDeploySteps == 0) _state.NextDeploySteps = _state.EnvSteps + _hp.DeployInterval; // after a warm start too: learning first
        _lastSaved = _state.Updates; // a resumed run's checkpoint is this state

        while (!Finished && !cancel.IsCancellationRequested)
        {
            GuardAgainstDivergence(default);
            train.Start();
            long stepsBefore = _state.EnvSteps;
            double secondsBefore = train.Elapsed.TotalSeconds;
            // With param_noise the rollout and its update both see the perturbed network; everything after, the learned one.
            _parameterNoise?.Perturb();
            Collect(train, trainBase, logEpisode);
            double progressRemaining = 1.0 - (double)_state.EnvSteps / _hp.TotalSteps;
            Algorithms.UpdateStats stats;
            try
            {
                stats = Update(progressRemaining);
            }
            catch (System.Runtime.InteropServices.ExternalException e) when (IsNumericFailure(e))
            {
                // libtorch refusing a number that no longer fits a float is divergence too, caught one step later.
                throw new TrainingDivergedException($"training diverged at update {_state.Updates + 1} ({_state.EnvSteps:N0} steps): libtorch refused a value " +
                    $"({FirstSentence(e.Message)}); the checkpoint of update {_lastSaved} is the last good one and was kept (lower learning_rate and train again)");
            }
            if (_parameterNoise is not null)
            {
                _parameterNoise.Remove();
                _parameterNoise.Adapt(_buffer.Observations, Math.Min(_buffer.Size, ParameterNoiseRows));
                _state.ParamNoiseStd = _parameterNoise.Sigma;
            }
            // Normalization statistics move only after the update: within a rollout and its update the
            // policy must stay the one whose log-probabilities were recorded.
            if (!(_hp.NormalizeFreezeSteps is long frozenAfter && _state.EnvSteps > frozenAfter))
            {
                _agent.Policy.Normalizer.Update(_buffer.Observations, _buffer.Size);
                if (_mirror is not null)
                {
                    // With the mirror images in its statistics the normalization commutes with the mirror.
                    _mirror.MirrorObservations(_buffer.Observations, _mirroredObservations!);
                    _agent.Policy.Normalizer.Update(_mirroredObservations!, _buffer.Size);
                }
            }
            _state.Updates++;
            train.Stop();
            GuardAgainstDivergence(stats);
            double stepsPerSecond = (_state.EnvSteps - stepsBefore) / Math.Max(train.Elapsed.TotalSeconds - secondsBefore, 1e-9);

            double? evalMean = null;
            if (_state.EnvSteps >= _state.NextEvalSteps)
            {
                var eval = Evaluator.Evaluate(_state.Env, _agent.Policy, _hp.EvalEpisodes, EvalSeed(_state.Seed), plant: _plant);
                evalMean = eval.MeanReturn;
                _state.Evaluations.Add(new EvalPoint(_state.EnvSteps, eval.MeanReturn, wallBase + wall.Elapsed.TotalSeconds));
                _state.NextEvalSteps = (_state.EnvSteps / _hp.EvalInterval + 1) * _hp.EvalInterval;
            }
            if (_hp.DeploySuccess is not null && (_state.EnvSteps >= _state.NextDeploySteps || _state.EnvSteps >= _hp.TotalSteps))
            {
                CheckDeployability();
                _state.NextDeploySteps = _state.EnvSteps + _hp.DeployInterval;
            }
            _state.TrainSeconds = trainBase + train.Elapsed.TotalSeconds;
            _state.WallSeconds = wallBase + wall.Elapsed.TotalSeconds;
            _state.Episodes = _episodes.Episodes;
            var row = new ProgressRow(_state.Updates, _state.EnvSteps, _episodes.Episodes, _episodes.MeanRecentReturn, stats,
                stepsPerSecond, _state.TrainSeconds, evalMean, _hp.TotalSteps);
            logger.Write(row);
            episodeLog.Flush();
            Updated?.Invoke(row);
            if (_state.Updates % _checkpointEvery == 0) SaveCheckpoint();
        }
        _state.WallSeconds = wallBase + wall.Elapsed.TotalSeconds;
        // Else the newest checkpoint is this state, and the previous one stays behind it. A run whose budget
        // the warm start used up has no update and no checkpoint yet: it gets one.
        if (_lastSaved != _state.Updates || !Directory.Exists(Path.Combine(_runDir, Checkpoint.Folder))) SaveCheckpoint();
        return Finished;
    }

    /// <summary>total_steps reached, an evaluation reached stop_at_eval_return, or the deployability criterion held.</summary>
    bool Finished => _state.EnvSteps >= _hp.TotalSteps || (_hp.StopAtEvalReturn is double stop && _state.FirstEvalAtOrAbove(stop) is not null)
        || _state.Deployable;

    /// <summary>Evaluation episodes use seeds far from the training ones.</summary>
    public static int EvalSeed(int seed) => 1_000_003 + seed;

    /// <summary>The deployability check's fixed episodes: the same for every check of a run, far from training's and from eval's defaults.</summary>
    public static int DeploySeed(int seed) => 2_000_003 + 1000 * seed;

    /// <summary>The best checked policy file of a deploy_success run.</summary>
    public static string BestPolicyPath(string runDir) => Path.Combine(runDir, "best-policy" + Robot.Policy.PolicyFile.Extension);

    /// <summary>
    /// Runs the policy file, as exported, through the robot's runtime on the fixed check episodes and
    /// records the figures; a check that beats every earlier one replaces best-policy.rpol.
    /// </summary>
    void CheckDeployability()
    {
        Robot.Policy.PolicyModel model;
        using (TorchSharp.torch.NewDisposeScope()) model = Export.PolicyExporter.ToModel(_agent.Policy, _state); // the weights' handles (TensorLifetimeTests says why)
        var report = UniwheelEvaluation.Evaluate(model, _hp.DeployEpisodes, DeploySeed(_state.Seed), plant: _plant, driftLimit: _hp.DeployMaxDrift);
        var previous = _state.BestDeployCheck;
        bool best = previous is null || report.SuccessRate >= previous.SuccessRate;
        bool rollBack = !best && _best.Held && RollsBack(previous!.SuccessRate, report.SuccessRate, _hp.DeployRollback);
        _state.DeployChecks.Add(new DeployCheck(_state.EnvSteps, report.SuccessRate, report.Falls, report.FallsAtDutyLimit, report.Drifts, report.Episodes, rollBack));
        if (best)
        {
            Robot.Policy.PolicyFile.Save(BestPolicyPath(_runDir), model);
            if (_hp.DeployRollback is not null) _best.Keep(_agent);
        }
        if (rollBack) _best.RestoreInto(_agent);
        DeployChecked?.Invoke(_state.DeployChecks[^1]);
    }

    readonly BestWeights _best = new();

    /// <summary>A best check below this share held nothing worth going back to.</summary>
    public const double MinRollbackSuccess = 0.5;

    /// <summary>deploy_rollback's rule: a check below <paramref name="share"/> of a best check that nearly held goes back to the best.</summary>
    public static bool RollsBack(double bestSuccess, double success, double? share) =>
        share is double s && bestSuccess >= MinRollbackSuccess && success < s * bestSuccess;

    /// <summary>Called after every deployability check, for progress displays.</summary>
    public event Action<DeployCheck>? DeployChecked;

    int _lastSaved;

    /// <summary>What is no longer finite after an update (a loss, a parameter, the normalizer's statistics), or null.</summary>
    string? Divergence(Algorithms.UpdateStats stats)
    {
        // NaN stands for "does not apply" in the stats; an infinity never does.
        if (double.IsInfinity(stats.PolicyLoss) || double.IsInfinity(stats.ValueLoss) || double.IsInfinity(stats.Kl)) return "an infinite loss";
        using var scope = TorchSharp.torch.NewDisposeScope();
        foreach (var (name, module) in new (string, TorchSharp.torch.nn.Module)[] { ("policy", _agent.Policy), ("value", _agent.Value) })
            foreach (var p in module.parameters())
                if (!TorchSharp.torch.isfinite(p).all().item<bool>()) return $"a non-finite {name} parameter";
        return _agent.Policy.Normalizer.IsFinite ? null : "non-finite observation statistics";
    }

    /// <summary>A libtorch error about a number that does not fit (a double too large for a float scalar, an overflow), not a bug in the call.</summary>
    public static bool IsNumericFailure(System.Runtime.InteropServices.ExternalException e) =>
        e.Message.Contains("toFloat", StringComparison.Ordinal) || e.Message.Contains("overflow", StringComparison.OrdinalIgnoreCase);

    static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" (Could this error message be improved", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf("Exception raised from", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message[..Math.Min(message.Length, 200)]).Trim();
    }

    /// <summary>
    /// The divergence guard, after every update, before every rollout and before every checkpoint:
    /// a run whose numbers stopped being numbers ends here, and never replaces the last good checkpoint.
    /// </summary>
    void GuardAgainstDivergence(Algorithms.UpdateStats stats)
    {
        if (Divergence(stats) is not string what) return;
        string kept = _lastSaved > 0
            ? $"the checkpoint of update {_lastSaved} in '{Path.Combine(_runDir, Checkpoint.Folder)}' is the last good one and was kept"
            : "no checkpoint had been saved yet";
        throw new TrainingDivergedException($"training diverged at update {_state.Updates} ({_state.EnvSteps:N0} steps): {what}; {kept} " +
            "(lower learning_rate or max_grad_norm and train again)");
    }

    void SaveCheckpoint()
    {
        GuardAgainstDivergence(default);
        _lastSaved = _state.Updates;
        _state.RecentReturns = _episodes.RecentReturns.ToList();
        _state.Episodes = _episodes.Episodes;
        Checkpoint.Save(_runDir, _agent, _state);
    }

    void Collect(Stopwatch train, double trainBase, Action<int, double, int> logEpisode)
    {
        _actor.Refresh();
        var algo = _agent.Algorithm;
        int n = _env.Count, obsSize = _env.Spec.ObservationSize;
        for (int t = 0; t < _buffer.Steps; t++)
        {
            float[] obs = _env.Observations;
            _actor.Act(obs, n, _rng, _actions, _logProbs);
            if (algo.UsesValue) _actor.Values(obs, n, _values);
            // The buffer keeps the observation the action was chosen from, before the step overwrites it.
            obs.AsSpan(0, n * obsSize).CopyTo(_buffer.Observations.AsSpan(t * n * obsSize));
            _env.Step(_actions);

            bool anyTruncated = false;
            for (int i = 0; i < n; i++)
            {
                _rewards[i] = _env.Rewards[i];
                _dones[i] = _env.Terminated[i] || _env.Truncated[i];
                anyTruncated |= _env.Truncated[i] && !_env.Terminated[i];
            }
            if (anyTruncated && algo.UsesValue)
            {
                _actor.Values(_env.FinalObservations, n, _finalValues);
                for (int i = 0; i < n; i++)
                    if (_env.Truncated[i] && !_env.Terminated[i]) _rewards[i] += (float)(_hp.Gamma * _finalValues[i]);
            }
            _buffer.Add(t, _buffer.Observations.AsSpan(t * n * obsSize), _actions, _logProbs, _values, _rewards, _dones);
            _state.EnvSteps += n;
            _episodes.Record(_env.Rewards, _env.Terminated, _env.Truncated, logEpisode);
            if (_state.StepsToThreshold is null && _episodes.RecentReturns.Count == EpisodeTracker.Window
                && _episodes.MeanRecentReturn >= _threshold)
            {
                _state.StepsToThreshold = _state.EnvSteps;
                _state.WallSecondsToThreshold = trainBase + train.Elapsed.TotalSeconds;
            }
        }
        if (algo.Options.GaeLambda is double lambda)
        {
            if (algo.UsesValue) _actor.Values(_env.Observations, n, _values);
            else Array.Clear(_values);
            _buffer.ComputeGae(_values, _hp.Gamma, lambda);
        }
        else _buffer.ComputeMonteCarlo(_hp.Gamma);
    }

    void LogEpisode(EpisodeLog log, int env, double episodeReturn, int length)
    {
        int size = _env.Spec.ObservationSize;
        log.Write(_state.EnvSteps, env, length, episodeReturn, _env.Terminated[env], _env.FinalObservations.AsSpan(env * size, size));
    }

    Algorithms.UpdateStats Update(double progressRemaining)
    {
        using var scope = TorchSharp.torch.NewDisposeScope(); // whatever an algorithm leaves undisposed (TensorLifetimeTests says why)
        using var batch = RolloutBatch.From(_buffer, _agent.Policy.Normalizer);
        if (_mirror is null) return _agent.Algorithm.Update(batch, progressRemaining);
        using var both = MirrorAugmentation.Augment(batch, _agent.Policy, _mirror);
        return _agent.Algorithm.Update(both, progressRemaining);
    }
}

/// <summary>A run that stopped because its losses or parameters became non-finite; the last good checkpoint is kept.</summary>
public sealed class TrainingDivergedException(string message) : Robot.Cli.VerdictException(message);
