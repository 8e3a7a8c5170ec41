using System.Text.Json;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>Determinism, checkpoints, resume and the files a run leaves behind.</summary>
[Collection(TorchCollection.Name)]
public class RunLifecycleTests : IDisposable
{
    readonly TempFolder _temp = new("robot-run-");

    public void Dispose() => _temp.Dispose();

    string Dir(string name) => Path.Combine(_temp.Root, name);

    static string[] LearningColumns(string dir) =>
        File.ReadLines(Path.Combine(dir, "progress.csv")).Skip(1)
            .Select(l => string.Join(',', l.Split(',').Take(10))) // timing columns left out
            .ToArray();

    [Theory]
    [InlineData("ppo")]
    [InlineData("trpo")]
    [InlineData("reinforce")]
    public void SameSeedGivesTheSameRun(string algo)
    {
        var a = TrainingSession.Run(new TrainRequest { OutDir = Dir("a"), Algo = algo, Seed = 3, Steps = 6_000 }, CancellationToken.None);
        var b = TrainingSession.Run(new TrainRequest { OutDir = Dir("b"), Algo = algo, Seed = 3, Steps = 6_000 }, CancellationToken.None);
        var c = TrainingSession.Run(new TrainRequest { OutDir = Dir("c"), Algo = algo, Seed = 4, Steps = 6_000 }, CancellationToken.None);
        Assert.Equal(LearningColumns(Dir("a")), LearningColumns(Dir("b")));
        Assert.Equal(a.EvalMeanReturn, b.EvalMeanReturn);
        Assert.NotEqual(LearningColumns(Dir("a")), LearningColumns(Dir("c")));
    }

    [Fact]
    public void RunsAtTheSameTimeAreAsReproducibleAsRunsInTurn()
    {
        TrainingSession.Run(new TrainRequest { OutDir = Dir("alone"), Algo = "trpo", Seed = 8, Steps = 3_072 }, CancellationToken.None);
        Parallel.For(0, 2, i => TrainingSession.Run(
            new TrainRequest { OutDir = Dir("together" + i), Algo = "trpo", Seed = 8 + i, Steps = 3_072 }, CancellationToken.None));
        Assert.Equal(LearningColumns(Dir("alone")), LearningColumns(Dir("together0")));
    }

    [Fact]
    public void ARunForAnIdentifiedRobotRecordsItsPlantFileThroughResumeAndExport()
    {
        Directory.CreateDirectory(_temp.Root);
        string plantPath = Path.Combine(_temp.Root, "robot-plant.json");
        var plant = new Robot.Dynamics.Plant.PlantFile
        {
            Parameters = new Robot.Dynamics.Plant.UniwheelParameters { TorqueConstant = 0.2, BackEmfConstant = 0.2 },
            RelativeUncertainty = new() { ["torque_constant"] = 0.01 },
        };
        File.WriteAllText(plantPath, JsonSerializer.Serialize(plant, Robot.Dynamics.Plant.PlantFile.Json));
        string sha = Robot.Dynamics.Plant.PlantFile.Checksum(File.ReadAllBytes(plantPath));
        // With --plant the preset starts from the plant's LQR (ppo_plant): its warm start, shortened here, uses the
        // whole first budget, so that run has no PPO update; it still leaves a checkpoint to resume.
        var request = new TrainRequest { OutDir = Dir("plant"), Env = "uniwheel", Algo = "ppo", Seed = 1, Steps = 1024, FinalEvalEpisodes = 1, PlantFile = plantPath,
            Overrides = ["warm_start_steps=2048"] };
        TrainingSession.Run(request, CancellationToken.None);
        var first = Checkpoint.ReadState(Dir("plant"));
        Assert.Equal(sha, first.PlantSha256);
        Assert.Equal((0, 2048L), (first.Updates, first.EnvSteps));
        File.Delete(plantPath); // a resumed run needs only its checkpoint
        var resumed = TrainingSession.Run(new TrainRequest { OutDir = Dir("plant"), Resume = true, Steps = 4096, FinalEvalEpisodes = 1 }, CancellationToken.None);
        Assert.Equal(4096, resumed.EnvSteps);
        var model = Robot.Policy.PolicyFile.Load(resumed.PolicyFile!);
        Assert.Equal(sha, model.Metadata("plant_sha256"));
        Assert.Equal("robot-plant.json", model.Metadata("plant_file"));

        // For CartPole a plant file means nothing: refused before a folder exists.
        File.WriteAllText(plantPath, JsonSerializer.Serialize(plant, Robot.Dynamics.Plant.PlantFile.Json));
        Assert.Throws<ArgumentException>(() => TrainingSession.Run(request with { OutDir = Dir("cartpole"), Env = "cartpole" }, CancellationToken.None));
        Assert.False(Directory.Exists(Dir("cartpole")));
    }

    [Fact]
    public void StopAtEvalReturnEndsTheRunAtTheFirstEvaluationThatReachesIt()
    {
        // PPO on CartPole evaluates every 2,048 steps here; a return of 30 comes within a few evaluations.
        var request = new TrainRequest { OutDir = Dir("stop"), Algo = "ppo", Seed = 0, Steps = 200_000, Overrides = ["eval_interval=2048", "stop_at_eval_return=30"] };
        var summary = TrainingSession.Run(request, CancellationToken.None);
        var state = Checkpoint.ReadState(Dir("stop"));
        var first = state.FirstEvalAtOrAbove(30);
        Assert.NotNull(first);
        Assert.Same(first, state.Evaluations[^1]); // nothing trained after it
        Assert.True(summary.Completed);
        Assert.Equal(first.EnvSteps, summary.EnvSteps);
        Assert.True(summary.EnvSteps < 200_000);
        Assert.True(first.WallSeconds is > 0 && first.WallSeconds <= summary.WallSeconds);
        Assert.All(state.Evaluations.SkipLast(1), e => Assert.True(e.MeanReturn < 30));

        // Against CartPole's own threshold (475) the summary reports the first evaluation at it, or none.
        Assert.Equal(state.FirstEvalAtOrAbove(475)?.EnvSteps, summary.StepsToEvalThreshold);
        Assert.Equal(state.FirstEvalAtOrAbove(475)?.WallSeconds, summary.WallSecondsToEvalThreshold);

        // Resumed, a finished run stays finished.
        var resumed = TrainingSession.Run(request with { Resume = true, Overrides = [] }, CancellationToken.None);
        Assert.Equal(summary.EnvSteps, resumed.EnvSteps);
    }

    [Fact]
    public void RunWritesEveryPromisedFile()
    {
        var summary = TrainingSession.Run(new TrainRequest { OutDir = Dir("run"), Algo = "ppo", Seed = 0, Steps = 4_096 }, CancellationToken.None);
        string dir = Dir("run");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        foreach (var key in new[] { "env", "algo", "seed", "env_steps", "wall_seconds", "eval_mean_return", "eval_episodes",
                     "steps_to_threshold", "steps_to_stable_eval", "wall_seconds_to_threshold", "steps_to_eval_threshold", "wall_seconds_to_eval_threshold" })
            Assert.True(json.RootElement.TryGetProperty(key, out _), "summary.json lacks " + key);
        Assert.Equal(4_096, json.RootElement.GetProperty("env_steps").GetInt64());
        Assert.Equal(RunLogger.Header, File.ReadLines(Path.Combine(dir, "progress.csv")).First());
        Assert.Equal(summary.Updates + 1, File.ReadLines(Path.Combine(dir, "progress.csv")).Count());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "tb"), "events.out.tfevents*", SearchOption.AllDirectories));
        var png = File.ReadAllBytes(Path.Combine(dir, "learning-curve.png"));
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint", "state.json")));
        AssertEpisodeLogMatches(dir, summary.Episodes, summary.EnvSteps);
    }

    /// <summary>episodes.csv holds every finished episode once, in order, each ended the way CartPole ends episodes.</summary>
    static void AssertEpisodeLogMatches(string dir, long episodes, long envSteps)
    {
        var lines = File.ReadLines(Path.Combine(dir, EpisodeLog.FileName)).ToArray();
        Assert.Equal(EpisodeLog.Header(Robot.Envs.CartPole.CartPoleDynamics.Spec), lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(episodes, rows.Length);
        var ends = rows.Select(r => long.Parse(r[0])).ToArray();
        Assert.Equal(ends.Order(), ends);
        Assert.True(rows.Sum(r => long.Parse(r[2])) <= envSteps);
        foreach (var r in rows)
        {
            int length = int.Parse(r[2]);
            Assert.Equal(length, double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)); // reward 1 per step
            double x = double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture);
            double theta = double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture);
            bool outside = Math.Abs(x) > 2.4 || Math.Abs(theta) > 12 * Math.PI / 180;
            if (r[4] == "terminated") Assert.True(outside, $"terminated at x={x}, theta={theta}");
            else Assert.True(r[4] == "truncated" && length == 500 && !outside, string.Join(',', r));
        }
    }

    [Fact]
    public void ResumeContinuesCountersWeightsAndLog()
    {
        string dir = Dir("resume");
        var first = TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 5, Steps = 4_096 }, CancellationToken.None);
        var second = TrainingSession.Run(new TrainRequest { OutDir = dir, Resume = true, Steps = 8_192 }, CancellationToken.None);
        Assert.Equal(4_096, first.EnvSteps);
        Assert.Equal(8_192, second.EnvSteps);
        Assert.Equal(first.Updates * 2, second.Updates);
        Assert.True(second.Episodes > first.Episodes);
        var updates = File.ReadLines(Path.Combine(dir, "progress.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToArray();
        Assert.Equal(Enumerable.Range(1, second.Updates), updates);
        var state = Checkpoint.ReadState(dir);
        Assert.Equal(8_192, state.EnvSteps);
        Assert.Equal("ppo", state.Algo);
    }

    [Fact]
    public void ResumeAfterACrashDropsTheLogRowsItsCheckpointNeverSaw()
    {
        string dir = Dir("crashed-logs");
        TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 2, Steps = 4_096 }, CancellationToken.None);
        string saved = Dir("saved-checkpoint");
        CopyDirectory(Path.Combine(dir, Checkpoint.Folder), saved);
        TrainingSession.Run(new TrainRequest { OutDir = dir, Resume = true, Steps = 8_192 }, CancellationToken.None);
        // A crash after the logs reached 8,192 steps but before any checkpoint past 4,096.
        Directory.Delete(Path.Combine(dir, Checkpoint.Folder), true);
        CopyDirectory(saved, Path.Combine(dir, Checkpoint.Folder));
        var resumed = TrainingSession.Run(new TrainRequest { OutDir = dir, Resume = true, Steps = 8_192 }, CancellationToken.None);
        var updates = File.ReadLines(Path.Combine(dir, "progress.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToArray();
        Assert.Equal(Enumerable.Range(1, resumed.Updates), updates);
        AssertEpisodeLogMatches(dir, resumed.Episodes, resumed.EnvSteps);
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.GetDirectories(from)) CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }

    [Fact]
    public void CancelledRunLeavesAResumableCheckpoint()
    {
        string dir = Dir("cancel");
        using var cts = new CancellationTokenSource();
        int seen = 0;
        var summary = TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "a2c", Seed = 1, Steps = 1_000_000 }, cts.Token,
            _ => { if (++seen == 3) cts.Cancel(); });
        Assert.False(summary.Completed);
        Assert.Equal(3, Checkpoint.ReadState(dir).Updates);
        int rollout = Presets.Load("cartpole", "a2c").Training.StepsPerRollout;
        var resumed = TrainingSession.Run(new TrainRequest { OutDir = dir, Resume = true, Steps = summary.EnvSteps + rollout }, CancellationToken.None);
        Assert.True(resumed.Completed);
        Assert.Equal(4, resumed.Updates);
    }

    [Fact]
    public void CrashBetweenRenamesFallsBackToThePreviousCheckpoint()
    {
        string dir = Dir("crash");
        TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 0, Steps = 2_048 }, CancellationToken.None);
        // The moment between moving the old checkpoint aside and moving the new one in.
        Directory.Move(Path.Combine(dir, Checkpoint.Folder), Path.Combine(dir, Checkpoint.Previous));
        Directory.CreateDirectory(Path.Combine(dir, Checkpoint.Folder + ".tmp"));
        Assert.Equal(2_048, Checkpoint.ReadState(dir).EnvSteps);
        var resumed = TrainingSession.Run(new TrainRequest { OutDir = dir, Resume = true, Steps = 4_096 }, CancellationToken.None);
        Assert.Equal(4_096, resumed.EnvSteps);
    }

    [Fact]
    public void ThePreviousCheckpointIsKeptBesideTheNewestAndIsUsedWhenTheNewestIsLost()
    {
        string dir = Dir("two");
        TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 0, Steps = 4_096, CheckpointEvery = 1 }, CancellationToken.None);
        var newest = Checkpoint.ReadState(dir);
        Assert.True(File.Exists(Path.Combine(dir, Checkpoint.Previous, "state.json")));
        Assert.False(Directory.Exists(Path.Combine(dir, Checkpoint.Folder + ".tmp")));
        Directory.Delete(Path.Combine(dir, Checkpoint.Folder), true); // say the disk lost it
        Assert.Equal(newest.Updates - 1, Checkpoint.ReadState(dir).Updates); // the final save repeats the last update's: one before
    }

    [Fact]
    public void ADivergingRunStopsWithoutOverwritingTheLastGoodCheckpoint()
    {
        string dir = Dir("diverged");
        Directory.CreateDirectory(dir);
        var settings = Presets.Load("cartpole", "ppo");
        var state = new RunState { Env = "cartpole", Seed = 0, Settings = settings };
        var rng = new Random(0);
        var agent = AgentFactory.Create(Robot.Envs.EnvRegistry.Spec("cartpole"), settings, 0, rng);
        var trainer = new OnPolicyTrainer(dir, agent, state, Robot.Envs.EnvRegistry.CreateVector("cartpole", settings.Training.NumEnvs), rng, checkpointEvery: 2);
        int updates = 0;
        trainer.Updated += _ =>
        {
            // After update 3 a weight goes bad, as an exploding gradient leaves it.
            if (++updates == 3)
                using (TorchSharp.torch.no_grad()) agent.Policy.parameters().First().fill_(double.NaN);
        };
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Run(CancellationToken.None));
        Assert.Contains("non-finite policy parameter", e.Message);
        Assert.Contains("update 2", e.Message);
        Assert.Equal(2, Checkpoint.ReadState(dir).Updates); // the checkpoint of update 2 is still the newest
        var reloaded = AgentFactory.Create(Robot.Envs.EnvRegistry.Spec("cartpole"), settings, 0, new Random(0));
        Checkpoint.LoadInto(dir, reloaded);
        Assert.All(reloaded.Policy.parameters(), p => Assert.True(TorchSharp.torch.isfinite(p).all().item<bool>()));
    }

    [Fact]
    public void LibtorchRefusingANumberThatNoLongerFitsCountsAsDivergence()
    {
        // What a collapsed A2C run on pictures hit: a double too large for a float scalar.
        var e = Assert.ThrowsAny<System.Runtime.InteropServices.ExternalException>(() => TorchSharp.torch.ones(1).add(TorchSharp.torch.ones(1), 1e300));
        Assert.True(OnPolicyTrainer.IsNumericFailure(e), e.Message);
    }

    [Fact]
    public void AStateFileNoRunCouldWriteIsRefusedByName()
    {
        string dir = Dir("state");
        TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 0, Steps = 2_048 }, CancellationToken.None);
        string file = Path.Combine(dir, Checkpoint.Folder, "state.json");
        string good = File.ReadAllText(file);
        foreach (var (bad, mention) in new[]
        {
            (good.Replace("\"n_steps\": ", "\"n_steps\": 0, \"x_\": "), "n_steps"),
            (good.Replace("\"env\": \"cartpole\"", "\"env\": null"), "env"),
            (good.Replace("\"env_steps\": 2048", "\"env_steps\": -5"), "env_steps"),
        })
        {
            File.WriteAllText(file, bad);
            Assert.Contains(mention, Assert.Throws<CheckpointException>(() => Checkpoint.ReadState(dir)).Message);
        }
        // Mutated state files: each loads or is refused with a CheckpointException, never another exception.
        var rng = new Random(8);
        for (int n = 0; n < 500; n++)
        {
            File.WriteAllText(file, Robot.Firmware.Testing.JsonMutator.Mutate(good, rng));
            try { Assert.Null(Checkpoint.ReadState(dir).Validate()); }
            catch (CheckpointException) { }
            catch (Robot.Cli.InputException) { }
        }
    }

    [Fact]
    public void CorruptOrMissingCheckpointIsRefusedWithItsName()
    {
        string dir = Dir("corrupt");
        Assert.Contains("no checkpoint", Assert.Throws<CheckpointException>(() => Checkpoint.ReadState(dir)).Message);
        TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 0, Steps = 2_048 }, CancellationToken.None);
        File.WriteAllText(Path.Combine(dir, Checkpoint.Folder, "policy.dat"), "garbage");
        var e = Assert.Throws<CheckpointException>(() => TrainingSession.Run(new TrainRequest { OutDir = dir, Resume = true, Steps = 4_096 }, CancellationToken.None));
        Assert.Contains("corrupt", e.Message);
        File.WriteAllText(Path.Combine(dir, Checkpoint.Folder, "state.json"), "{ not json");
        Assert.Contains("corrupt", Assert.Throws<CheckpointException>(() => Checkpoint.ReadState(dir)).Message);
    }

    [Fact]
    public void StepsToStableEvalIsTheStartOfTheFinalRunAboveThreshold()
    {
        var state = new RunState { Env = "cartpole", Seed = 0, Settings = new RunSettings(new TrainingOptions(), new Robot.Trainer.Algorithms.PpoOptions()) };
        state.Evaluations.AddRange([new(2048, 480), new(4096, 300), new(6144, 500), new(8192, 475)]);
        Assert.Equal(6144, state.StepsToStableEval(475));
        state.Evaluations.Add(new(10240, 474.9));
        Assert.Null(state.StepsToStableEval(475));
    }
}
