using Robot.Cli;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>
/// `robot-trainer bench`: trains one algorithm on several seeds, one after another (so timings
/// are not disturbed by each other), and prints the learning-speed figures of docs/benchmarks.md.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var algo = new Option<string[]>("--algo") { Description = "Algorithms to measure (repeatable)", DefaultValueFactory = _ => ["ppo"], AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds 1..N", DefaultValueFactory = _ => 5 };
        var steps = new Option<long?>("--steps") { Description = "Env steps per run (default: the preset's)" };
        var outDir = new Option<string>("--out") { Description = "Folder for the runs and bench.json", DefaultValueFactory = _ => "runs/bench" };
        var threads = new Option<int>("--threads") { Description = "CPU threads for TorchSharp in each run", DefaultValueFactory = _ => 1 };
        var set = new Option<string[]>("--set") { Description = "Override a hyperparameter in every run, e.g. --set n_epochs=10 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once, one per core (timings are then disturbed; use 1 for the figures in docs/benchmarks.md)", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Measure learning speed over seeds: median and range of steps_to_threshold, " +
            "wall_seconds_to_threshold and steps_to_stable_eval.\nExample: robot-trainer bench --algo ppo --algo trpo --seeds 5")
        { algo, seeds, steps, outDir, threads, parallel, set };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            int n = parse.GetValue(seeds);
            if (n < 1) throw new ArgumentException("--seeds must be at least 1");
            int threadCount = Math.Max(1, parse.GetValue(threads));
            int workers = Math.Clamp(parse.GetValue(parallel), 1, Environment.ProcessorCount);
            string root = parse.GetValue(outDir)!;
            var results = new List<TrainingSummary>();
            Console.WriteLine("| algo | steps_to_threshold median [min-max] (reached) | wall s to threshold median [min-max] | steps_to_stable_eval median [min-max] (reached) | final eval mean |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var a in parse.GetValue(algo)!)
            {
                var summaries = new TrainingSummary[n];
                Parallel.For(1, n + 1, new ParallelOptions { MaxDegreeOfParallelism = workers }, seed =>
                {
                    string dir = Path.Combine(root, $"{a}-{seed}");
                    if (Directory.Exists(dir)) Directory.Delete(dir, true);
                    summaries[seed - 1] = TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = a, Seed = seed, Steps = parse.GetValue(steps), Overrides = parse.GetValue(set) ?? [], Threads = threadCount },
                        CancellationToken.None);
                });
                var runs = summaries.ToList();
                results.AddRange(runs);
                Console.WriteLine($"| {a} | {Stat(runs.Select(r => (double?)r.StepsToThreshold), "F0")} | {Stat(runs.Select(r => r.WallSecondsToThreshold), "F1")} " +
                                  $"| {Stat(runs.Select(r => (double?)r.StepsToStableEval), "F0")} | {runs.Average(r => r.EvalMeanReturn):F1} |");
            }
            File.WriteAllText(Path.Combine(root, "bench.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        return command;
    }

    /// <summary>Median and range over the runs that reached the mark, and how many did; unreached runs count as above every reached one for the median.</summary>
    static string Stat(IEnumerable<double?> values, string format)
    {
        var all = values.ToList();
        var reached = all.Where(v => v.HasValue).Select(v => v!.Value).Order().ToList();
        if (reached.Count == 0) return $"not reached (0/{all.Count})";
        // Unreached runs sort last, so the median is honest about them.
        var sorted = reached.Select(v => (double?)v).Concat(Enumerable.Repeat<double?>(null, all.Count - reached.Count)).ToList();
        double? median = sorted[(sorted.Count - 1) / 2];
        string m = median is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "not reached";
        return $"{m} [{reached[0].ToString(format, CultureInfo.InvariantCulture)}-{reached[^1].ToString(format, CultureInfo.InvariantCulture)}] ({reached.Count}/{all.Count})";
    }
}
