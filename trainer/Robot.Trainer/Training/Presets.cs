using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Robot.Trainer.Algorithms;

namespace Robot.Trainer.Training;

/// <summary>
/// Reads the versioned preset files (presets/ENV.json: one flat section of settings per
/// algorithm, like rl-zoo's) and applies name=value overrides. A section's settings are split
/// between the options every run has (<see cref="TrainingOptions"/>) and the algorithm's own; a
/// setting the algorithm does not read is refused by name.
/// </summary>
public static class Presets
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "presets");

    static readonly JsonSerializerOptions Strict = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The suffix of a preset section that overlays an algorithm's for an identified robot (train --plant): "ppo_plant".</summary>
    public const string PlantSuffix = "_plant";

    /// <param name="plant">Training for an identified robot: the algorithm's "_plant" section, if the file has one, goes over its own before the overrides.</param>
    public static RunSettings Load(string env, string algo, string? file = null, IEnumerable<string>? overrides = null, bool plant = false)
    {
        if (!AlgorithmOptions.Types.TryGetValue(algo, out var optionsType))
            throw new ArgumentException($"unknown algorithm '{algo}' (known: {string.Join(", ", AlgorithmOptions.Names)})");
        file ??= Path.Combine(Folder, env + ".json");
        if (!File.Exists(file)) throw new ArgumentException($"no preset file '{file}'");
        JsonObject root;
        try { root = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new JsonException("empty"); }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { throw new ArgumentException($"preset file '{file}' is not a JSON object: {e.Message}"); }
        if (root[algo] is not JsonObject section)
            throw new ArgumentException($"preset file '{file}' has no section for algorithm '{algo}'");
        section = (JsonObject)section.DeepClone();
        if (plant && root[algo + PlantSuffix] is JsonObject forPlant)
            foreach (var (name, value) in forPlant) section[name] = value?.DeepClone();
        foreach (var item in overrides ?? [])
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--set expects name=value, got '{item}'");
            string name = item[..eq].Trim(), text = item[(eq + 1)..].Trim();
            section[name] = ParseValue(text);
        }
        return Parse(algo, section, $"preset '{algo}' in '{file}'");
    }

    /// <summary>Splits a flat section into the shared options and <paramref name="algo"/>'s, refusing what neither reads.</summary>
    public static RunSettings Parse(string algo, JsonObject section, string where)
    {
        var optionsType = AlgorithmOptions.Types[algo];
        var shared = AlgorithmOptions.SettingNames(typeof(TrainingOptions));
        var own = AlgorithmOptions.SettingNames(optionsType);
        var training = new JsonObject();
        var algorithm = new JsonObject();
        foreach (var (name, value) in section)
        {
            if (name.StartsWith('_')) continue; // comments
            if (shared.Contains(name)) training[name] = value?.DeepClone();
            else if (own.Contains(name)) algorithm[name] = value?.DeepClone();
            else throw new ArgumentException(AlgorithmOptions.Types.Values.Any(t => AlgorithmOptions.SettingNames(t).Contains(name))
                ? $"setting '{name}' is not used by {algo} ({where}); {algo} reads: {string.Join(", ", shared.Concat(own).Order())}"
                : $"unknown setting '{name}' ({where})");
        }
        var trainingOptions = Deserialize<TrainingOptions>(training, typeof(TrainingOptions), where);
        var algorithmOptions = (AlgorithmOptions)Deserialize<object>(algorithm, optionsType, where);
        if ((trainingOptions.Validate() ?? algorithmOptions.Validate()) is string problem) throw new ArgumentException($"{problem} ({where})");
        return new RunSettings(trainingOptions, algorithmOptions);
    }

    static T Deserialize<T>(JsonObject json, Type type, string where)
    {
        try
        {
            return (T)(json.Deserialize(type, Strict) ?? throw new JsonException("empty"));
        }
        catch (JsonException e)
        {
            string name = e.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "a setting";
            var property = type.GetProperties().FirstOrDefault(p => p.GetCustomAttributes(typeof(JsonPropertyNameAttribute), true)
                .OfType<JsonPropertyNameAttribute>().Any(a => a.Name == name));
            string expected = property?.PropertyType is { IsEnum: true } enumType
                ? "one of " + string.Join(", ", Enum.GetNames(enumType).Select(n => n.ToLowerInvariant()))
                : property?.PropertyType.Name switch
                {
                    "Int32" or "Int64" => "a whole number",
                    "Double" => "a number",
                    "Boolean" => "true or false",
                    "Int32[]" => "a list of whole numbers, e.g. [64,64]",
                    _ => "another value",
                };
            throw new ArgumentException($"setting '{name}' has a value that does not fit: expected {expected} ({where})");
        }
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
