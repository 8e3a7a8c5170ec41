using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Robot.Cli;
using Robot.Trainer.Algorithms;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>
/// `robot-trainer bench`: trains algorithms on several seeds, one after another (so timings are
/// not disturbed by each other), and prints the learning-speed figures of docs/benchmarks.md.
/// `--shard K/N` runs every N-th of those runs, so that a scheduler (a Kubernetes Indexed Job,
/// xargs -P) spreads a sweep over machines; `bench merge` builds the table from the shards'
/// bench.json files (docs/scaling.md).
/// </summary>
public static class BenchCommand
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var algo = new Option<string[]>("--algo") { Description = "Algorithms to measure (repeatable)", DefaultValueFactory = _ => ["ppo"], AllowMultipleArgumentsPerToken = true };
        algo.AcceptOnlyFromAmong([.. AlgorithmOptions.Names]);
        var seeds = new Option<int>("--seeds") { Description = "Seeds 1..N", DefaultValueFactory = _ => 5 };
        var steps = new Option<long?>("--steps") { Description = "Env steps per run (default: the preset's)" };
        var outDir = new Option<string>("--out") { Description = "Folder for the runs and bench.json", DefaultValueFactory = _ => "runs/bench" };
        var threads = new Option<int>("--threads") { Description = "CPU threads for TorchSharp in each run", DefaultValueFactory = _ => 1 };
        var set = new Option<string[]>("--set") { Description = "Override a setting in every run, e.g. --set n_epochs=10 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once, one per core (timings are then disturbed; use 1 for the figures in docs/benchmarks.md)", DefaultValueFactory = _ => 1 };
        var shard = new Option<string?>("--shard") { Description = "K/N: run only this shard's share of the runs (K from 0, as JOB_COMPLETION_INDEX counts); merge the shards with 'bench merge'" };
        var command = new Command("bench", "Measure learning speed over seeds: median and range of steps_to_threshold, " +
            "wall_seconds_to_threshold and steps_to_stable_eval.\nExample: robot-trainer bench --algo ppo --algo trpo --seeds 5")
        { algo, seeds, steps, outDir, threads, parallel, set, shard, CreateMerge() };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            int n = parse.GetValue(seeds);
            if (n < 1) throw new ArgumentException("--seeds must be at least 1");
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1) throw new ArgumentException("--threads must be at least 1");
            int workers = Math.Clamp(parse.GetValue(parallel), 1, Environment.ProcessorCount);
            var (k, of) = ParseShard(parse.GetValue(shard));
            string root = parse.GetValue(outDir)!;
            var runs = ShardRuns(parse.GetValue(algo)!, n, k, of);
            var summaries = new TrainingSummary[runs.Length];
            Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                var (a, seed) = runs[i];
                string dir = Path.Combine(root, $"{a}-{seed}");
                if (Directory.Exists(dir)) Directory.Delete(dir, true); // a name built from a known algorithm and a number, inside --out
                summaries[i] = TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = a, Seed = seed, Steps = parse.GetValue(steps), Overrides = parse.GetValue(set) ?? [], Threads = threadCount },
                    CancellationToken.None);
            });
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, "bench.json"), JsonSerializer.Serialize(summaries, Json));
            Console.Write(Table(summaries));
            return ExitCode.Success;
        }));
        return command;
    }

    static Command CreateMerge()
    {
        var files = new Argument<string[]>("FILES") { Description = "The shards' bench.json files (or their folders)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Also write the merged runs to this JSON file" };
        var merge = new Command("merge", "Merge the bench.json files of shards into one table.\n" +
            "Example: robot-trainer bench merge runs/shard-*/bench.json --out runs/bench.json") { files, output };
        merge.SetAction(parse => CommandLineHost.Guard(() =>
        {
            var all = new List<TrainingSummary>();
            foreach (var given in parse.GetValue(files)!)
            {
                string file = Directory.Exists(given) ? Path.Combine(given, "bench.json") : given;
                if (!File.Exists(file)) throw new InputException($"no bench.json at '{file}'");
                try { all.AddRange(JsonSerializer.Deserialize<TrainingSummary[]>(File.ReadAllText(file)) ?? []); }
                catch (JsonException e) { throw new InputException($"'{file}' is not a bench.json: {e.Message}"); }
            }
            var duplicate = all.GroupBy(s => (s.Algo, s.Seed)).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new InputException($"run {duplicate.Key.Algo} seed {duplicate.Key.Seed} is in more than one shard");
            var ordered = all.OrderBy(s => s.Algo, StringComparer.Ordinal).ThenBy(s => s.Seed).ToArray();
            if (parse.GetValue(output) is string path) File.WriteAllText(path, JsonSerializer.Serialize(ordered, Json));
            Console.Write(Table(ordered));
            return ExitCode.Success;
        }));
        return merge;
    }

    /// <summary>Every (algorithm, seed 1..seeds) run in a fixed order; shard k of n takes runs k, k + n, k + 2n, ...</summary>
    public static (string Algo, int Seed)[] ShardRuns(IReadOnlyList<string> algos, int seeds, int k, int n) =>
        algos.SelectMany(a => Enumerable.Range(1, seeds).Select(seed => (Algo: a, Seed: seed))).Where((_, i) => i % n == k).ToArray();

    /// <summary>K/N with 0 &lt;= K &lt; N; none means the whole sweep (0/1).</summary>
    public static (int K, int N) ParseShard(string? text)
    {
        if (text is null) return (0, 1);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int k) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 0 && k < n)
            return (k, n);
        throw new ArgumentException($"--shard must be K/N with 0 <= K < N (e.g. 0/4), got '{text}'");
    }

    /// <summary>One row per algorithm, in the order the runs came.</summary>
    public static string Table(IEnumerable<TrainingSummary> runs)
    {
        var s = new System.Text.StringBuilder();
        s.AppendLine("| algo | steps_to_threshold median [min-max] (reached) | wall s to threshold median [min-max] | steps_to_stable_eval median [min-max] (reached) | final eval mean |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.Algo))
        {
            var g = group.ToList();
            s.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {Stat(g.Select(r => (double?)r.StepsToThreshold), "F0")} | {Stat(g.Select(r => r.WallSecondsToThreshold), "F1")} " +
                $"| {Stat(g.Select(r => (double?)r.StepsToStableEval), "F0")} | {g.Average(r => r.EvalMeanReturn).ToString("F1", CultureInfo.InvariantCulture)} |");
        }
        return s.ToString();
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
