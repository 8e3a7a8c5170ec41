using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Robot.Dynamics.Plant;

/// <summary>
/// robot-plant.json: one robot's physical parameters as system identification found them
/// (robot-trainer sysid), with each fitted parameter's relative standard error, for training
/// (train --plant) and the HIL (robot-hil --plant). docs/sim-to-real.md describes the fields.
/// </summary>
public sealed record PlantFile
{
    public const string CurrentFormat = "robot-plant/1";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    /// <summary>Every plant parameter (snake_case names of <see cref="UniwheelParameters"/>): fitted ones as found, the rest as given.</summary>
    [JsonPropertyName("parameters")] public UniwheelParameters Parameters { get; init; } = new();
    /// <summary>Relative standard error of each fitted parameter (standard error / value), by parameter name.</summary>
    [JsonPropertyName("relative_uncertainty")] public Dictionary<string, double> RelativeUncertainty { get; init; } = [];
    /// <summary>Parameters the data pinned down, and ones it was fitted to but could not.</summary>
    [JsonPropertyName("identified")] public List<string> Identified { get; init; } = [];
    [JsonPropertyName("not_identified")] public List<string> NotIdentified { get; init; } = [];
    /// <summary>The logs it was fitted to.</summary>
    [JsonPropertyName("sources")] public List<string> Sources { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, // the plant's parameters
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>The snake_case names of the plant's parameters.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } =
        typeof(UniwheelParameters).GetProperties().Where(p => p.CanWrite).Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();

    /// <summary>Reads and checks a plant file's text; the problem (a one-line message) on failure.</summary>
    public static PlantFile Parse(string text, string name)
    {
        PlantFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PlantFile>(text, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: not a plant file ({e.Message})");
        }
        if (file is null) throw new FormatException($"{name}: empty");
        if (file.Format != CurrentFormat) throw new FormatException($"{name}: format '{file.Format}', expected '{CurrentFormat}'");
        if (file.Problem() is string problem) throw new FormatException($"{name}: {problem}");
        return file;
    }

    /// <summary>The first physically impossible value, or null.</summary>
    public string? Problem()
    {
        var p = Parameters;
        foreach (var prop in typeof(UniwheelParameters).GetProperties().Where(x => x.CanWrite))
        {
            double v = (double)prop.GetValue(p)!;
            string n = JsonNamingPolicy.SnakeCaseLower.ConvertName(prop.Name);
            bool mayBeZero = prop.Name is nameof(UniwheelParameters.Deadband) or nameof(UniwheelParameters.ViscousFriction) or nameof(UniwheelParameters.CoulombFriction) or nameof(UniwheelParameters.RotorInertia);
            if (!double.IsFinite(v) || v < 0 || (v == 0 && !mayBeZero)) return $"parameters.{n} is {v}; it must be a finite, positive number";
        }
        foreach (var (n, u) in RelativeUncertainty)
        {
            if (!ParameterNames.Contains(n)) return $"relative_uncertainty names '{n}', which is not a plant parameter";
            if (!double.IsFinite(u) || u < 0) return $"relative_uncertainty.{n} is {u}; it must be a finite number at least 0";
        }
        return null;
    }

    /// <summary>SHA-256 of the file's bytes, lowercase hex: what a policy trained for it records.</summary>
    public static string Checksum(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
