using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Robot.Trainer.Training;

/// <summary>Reads the versioned preset files (presets/ENV.json) and applies name=value overrides.</summary>
public static class Presets
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "presets");

    public static Hyperparameters Load(string env, string algo, string? file = null, IEnumerable<string>? overrides = null)
    {
        file ??= Path.Combine(Folder, env + ".json");
        if (!File.Exists(file)) throw new ArgumentException($"no preset file '{file}'");
        JsonObject root;
        try { root = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new ArgumentException($"preset file '{file}' is not valid JSON: {e.Message}"); }
        if (root[algo] is not JsonObject section)
            throw new ArgumentException($"preset file '{file}' has no section for algorithm '{algo}'");
        section = (JsonObject)section.DeepClone();
        foreach (var item in overrides ?? [])
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--set expects name=value, got '{item}'");
            string name = item[..eq].Trim(), text = item[(eq + 1)..].Trim();
            section[name] = ParseValue(text);
        }
        Hyperparameters hp;
        try
        {
            hp = section.Deserialize<Hyperparameters>(new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })
                ?? throw new JsonException("empty section");
        }
        catch (JsonException e) { throw new ArgumentException($"preset '{algo}' in '{file}' (with overrides): {e.Message}"); }
        return hp.Validate() is string problem ? throw new ArgumentException($"hyperparameter error: {problem}") : hp;
    }

    static JsonNode? ParseValue(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text is "true" or "false" || text.StartsWith('['))
        {
            try { return JsonNode.Parse(text); } catch (JsonException) { }
        }
        return JsonValue.Create(text);
    }
}
