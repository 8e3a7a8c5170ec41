using System.Text.Json;

namespace Robot.Trainer.Training;

/// <summary>
/// A run's checkpoint: DIR/checkpoint/ with policy.dat, value.dat, one file per optimizer and
/// state.json. It is written into checkpoint.tmp and swapped in by renames, so a crash at any
/// moment leaves the previous complete checkpoint (as checkpoint or checkpoint.old) usable.
/// </summary>
public static class Checkpoint
{
    public const string Folder = "checkpoint";
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(string runDir, Agent agent, RunState state)
    {
        string final = Path.Combine(runDir, Folder);
        string temp = final + ".tmp";
        string old = final + ".old";
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
        Directory.CreateDirectory(temp);
        agent.Policy.save(Path.Combine(temp, "policy.dat"));
        agent.Value.save(Path.Combine(temp, "value.dat"));
        foreach (var (name, optimizer) in agent.Algorithm.Optimizers)
            optimizer.save_state_dict(Path.Combine(temp, name + ".dat"));
        File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(final)) Directory.Move(final, old);
        Directory.Move(temp, final);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>The folder of the newest complete checkpoint under <paramref name="runDir"/>.</summary>
    public static string Locate(string runDir)
    {
        foreach (var name in new[] { Folder, Folder + ".old" })
        {
            string dir = Path.Combine(runDir, name);
            if (File.Exists(Path.Combine(dir, "state.json"))) return dir;
        }
        throw new CheckpointException($"no checkpoint in '{runDir}' (expected {Path.Combine(runDir, Folder, "state.json")})");
    }

    public static RunState ReadState(string runDir)
    {
        string file = Path.Combine(Locate(runDir), "state.json");
        try
        {
            return JsonSerializer.Deserialize<RunState>(File.ReadAllText(file))
                ?? throw new CheckpointException($"checkpoint state '{file}' is empty");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"checkpoint state '{file}' is corrupt: {e.Message}");
        }
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
