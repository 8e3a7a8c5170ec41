using System.Text.Json;

namespace Robot.Trainer.Training;

/// <summary>
/// A run's checkpoint: DIR/checkpoint/ with policy.dat, value.dat, one file per optimizer and
/// state.json, and the one before it in DIR/checkpoint.previous/. A new one is written into
/// checkpoint.tmp, every file flushed to the disk (fsync), and only then swapped in by renames:
/// a crash or a power cut at any moment leaves at least one complete checkpoint, and a checkpoint
/// that turns out bad (a run that diverged just before it) still has the previous one behind it.
/// </summary>
public static class Checkpoint
{
    public const string Folder = "checkpoint";
    public const string Previous = Folder + ".previous";
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, RespectNullableAnnotations = true };

    public static void Save(string runDir, Agent agent, RunState state)
    {
        string final = Path.Combine(runDir, Folder);
        string temp = final + ".tmp";
        string previous = Path.Combine(runDir, Previous);
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
        Directory.CreateDirectory(temp);
        agent.Policy.save(Path.Combine(temp, "policy.dat"));
        agent.Value.save(Path.Combine(temp, "value.dat"));
        foreach (var (name, optimizer) in agent.Algorithm.Optimizers)
            optimizer.save_state_dict(Path.Combine(temp, name + ".dat"));
        foreach (var file in Directory.GetFiles(temp)) FlushToDisk(file);
        Robot.Policy.DurableFile.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));
        // checkpoint -> checkpoint.previous, then checkpoint.tmp -> checkpoint: between the two renames
        // only checkpoint.previous exists, and Locate finds it.
        if (Directory.Exists(final))
        {
            if (Directory.Exists(previous)) Directory.Delete(previous, true);
            Directory.Move(final, previous);
        }
        Directory.Move(temp, final);
    }

    static void FlushToDisk(string file)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>The folder of the newest complete checkpoint under <paramref name="runDir"/>.</summary>
    public static string Locate(string runDir)
    {
        foreach (var name in new[] { Folder, Previous })
        {
            string dir = Path.Combine(runDir, name);
            if (File.Exists(Path.Combine(dir, "state.json"))) return dir;
        }
        throw new CheckpointException($"no checkpoint in '{runDir}' (expected {Path.Combine(runDir, Folder, "state.json")})");
    }

    /// <summary>Larger than any state.json: a bigger file is not one.</summary>
    public const long MaxStateBytes = 64 << 20;

    /// <summary>Reads and validates state.json: a value no run could have written is refused by name.</summary>
    public static RunState ReadState(string runDir)
    {
        string file = Path.Combine(Locate(runDir), "state.json");
        RunState state;
        try
        {
            state = JsonSerializer.Deserialize<RunState>(Robot.Cli.InputFile.ReadText(file, "checkpoint state", MaxStateBytes), Json)
                ?? throw new CheckpointException($"checkpoint state '{file}' is empty");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException) // NotSupported: a settings block without its "algo"
        {
            throw new CheckpointException($"checkpoint state '{file}' is corrupt: {e.Message}");
        }
        return state.Validate() is string problem ? throw new CheckpointException($"checkpoint state '{file}': {problem}") : state;
    }

    /// <summary>Loads weights and optimizer state into an agent built with the run's settings.</summary>
    public static void LoadInto(string runDir, Agent agent)
    {
        string dir = Locate(runDir);
        try
        {
            agent.Policy.load(Path.Combine(dir, "policy.dat"));
            agent.Value.load(Path.Combine(dir, "value.dat"));
            foreach (var (name, optimizer) in agent.Algorithm.Optimizers)
                optimizer.load_state_dict(Path.Combine(dir, name + ".dat"));
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or EndOfStreamException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"checkpoint in '{dir}' is corrupt or incomplete: {e.Message}");
        }
    }
}

/// <summary>A checkpoint that is missing, corrupt or does not fit the run.</summary>
public sealed class CheckpointException(string message) : Robot.Cli.InputException(message);
