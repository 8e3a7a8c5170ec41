using Robot.Cli;
using System.CommandLine;
using System.Runtime.InteropServices;
using Robot.Envs;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer train`: learn a policy and write progress, plots, checkpoints and a summary.</summary>
public static class TrainCommand
{
    /// <summary>Why a check's episodes failed, in words.</summary>
    static string Failures(DeployCheck c) =>
        new UniwheelReport(c.Episodes, c.SuccessRate, 0, 0, 0, Falls: c.Falls, FallsAtDutyLimit: c.FallsAtDutyLimit, Drifts: c.Drifts).FailureReasons;

    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "Environment to learn: " + string.Join(", ", EnvRegistry.Names), DefaultValueFactory = _ => "cartpole" };
        env.AcceptOnlyFromAmong([.. EnvRegistry.Names]);
        var algo = new Option<string>("--algo") { Description = "Algorithm: reinforce, a2c, npg, trpo or ppo", DefaultValueFactory = _ => "ppo" };
        algo.AcceptOnlyFromAmong([.. Algorithms.AlgorithmOptions.Names]);
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same run", DefaultValueFactory = _ => 0 };
        var steps = new Option<long?>("--steps") { Description = "Environment steps to train for (default: the preset's total_steps)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the run's results (progress.csv, tb/, learning-curve.png, checkpoint/, summary.json)" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint" };
        var preset = new Option<string?>("--preset") { Description = "A preset file other than presets/ENV.json" };
        var set = new Option<string[]>("--set") { Description = "Override a hyperparameter, e.g. --set learning_rate=0.0003 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "Deterministic episodes in the final evaluation", DefaultValueFactory = _ => 20 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for TorchSharp (default: chosen for the networks; one for the presets' small ones, which is fastest)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var plant = new Option<string?>("--plant") { Description = "Train the uniwheel for an identified robot (robot-plant.json from sysid): randomization centred on it (docs/sim-to-real.md)" };

        var command = new Command("train", "Train a policy by reinforcement learning.\n" +
            "Example: robot-trainer train --env cartpole --algo ppo --seed 1 --out runs/ppo-1")
        { env, algo, seed, steps, outDir, resume, preset, set, evalEpisodes, threads, quiet, plant };

        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string? resumeDir = parse.GetValue(resume);
            string? outPath = parse.GetValue(outDir);
            if (resumeDir is null && outPath is null) throw new ArgumentException("--out DIR is required (or --resume DIR to continue a run)");
            if (resumeDir is not null && outPath is not null && Path.GetFullPath(resumeDir) != Path.GetFullPath(outPath))
                throw new ArgumentException("--resume continues the run in its own folder; leave out --out");
            if (resumeDir is not null)
            {
                // A resumed run keeps the settings in its checkpoint: an option it would ignore is refused, not dropped.
                var ignored = new Option[] { env, algo, seed, preset, set, plant }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (ignored.Count > 0)
                    throw new ArgumentException($"--resume continues with the run's own settings; {string.Join(", ", ignored)} would be ignored: leave {(ignored.Count == 1 ? "it" : "them")} out " +
                        "(only --steps, --eval-episodes, --threads and --quiet apply to a resumed run)");
            }
            int? threadCount = parse.GetValue(threads);
            if (threadCount < 1) throw new ArgumentException("--threads must be at least 1");
            var request = new TrainRequest
            {
                OutDir = resumeDir ?? outPath!,
                // A plant file describes the uniwheel: it is the env unless one is named.
                Env = parse.GetValue(plant) is not null && parse.GetResult(env) is null or { Implicit: true } ? "uniwheel" : parse.GetValue(env)!,
                Algo = parse.GetValue(algo)!,
                Seed = parse.GetValue(seed),
                Steps = parse.GetValue(steps),
                Resume = resumeDir is not null,
                PresetFile = parse.GetValue(preset),
                Overrides = parse.GetValue(set) ?? [],
                FinalEvalEpisodes = parse.GetValue(evalEpisodes),
                Threads = threadCount,
                PlantFile = parse.GetValue(plant),
            };
            if (request.Steps is < 1) throw new ArgumentException("--steps must be positive");
            if (request.FinalEvalEpisodes < 1) throw new ArgumentException("--eval-episodes must be at least 1");

            using var cancel = new CancellationTokenSource();
            // Ctrl+C, `kill` and a closed terminal all finish the current update, save a checkpoint, then exit.
            var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
                .Select(s => PosixSignalRegistration.Create(s, context =>
                {
                    context.Cancel = true;
                    cancel.Cancel();
                })).ToList();
            try
            {
                var summary = ProgressDisplay.Run($"{request.Algo} on {request.Env}", parse.GetValue(quiet),
                    onUpdate => TrainingSession.Run(request, cancel.Token, onUpdate));
                Console.WriteLine(cancel.IsCancellationRequested
                    ? $"Interrupted at {summary.EnvSteps:N0} steps; checkpoint saved. Continue with: robot-trainer train --resume {request.OutDir}"
                    : $"Trained {summary.EnvSteps:N0} steps in {summary.WallSeconds:F1} s; evaluation mean return {summary.EvalMeanReturn:F1} over {summary.EvalEpisodes} episodes.");
                Console.WriteLine($"steps_to_threshold {summary.StepsToThreshold?.ToString() ?? "not reached"}, steps_to_eval_threshold {summary.StepsToEvalThreshold?.ToString() ?? "not reached"}, steps_to_stable_eval {summary.StepsToStableEval?.ToString() ?? "not reached"}");
                Console.WriteLine($"Results in {Path.GetFullPath(request.OutDir)} (summary.json, progress.csv, learning-curve.png, tb/, checkpoint/)");
                if (summary.DeploySuccessRequired is double need && summary.DeployCheck is { } check)
                {
                    string figures = $"{check.SuccessRate:P1} of {check.Episodes} check episodes at {check.EnvSteps:N0} steps ({Failures(check)})";
                    if (summary.Deployable == true) Console.WriteLine($"Deployable: {figures}; policy.rpol is that policy");
                    else if (!cancel.IsCancellationRequested)
                        throw new VerdictException($"NOT deployable: the budget of {summary.EnvSteps:N0} steps ran out before {need:P1} success; the best check was {figures}, kept as policy.rpol " +
                            $"(docs/training.md, 'When the uniwheel is done': {summary.DeployAdvice})");
                }
                return 0;
            }
            finally
            {
                foreach (var registration in signals) registration.Dispose();
            }
        }));
        return command;
    }
}
