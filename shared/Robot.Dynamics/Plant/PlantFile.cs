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

    /// <summary>Required: a file without it is not taken for a plant file.</summary>
    [JsonRequired, JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
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
        catch (JsonException e) when (e.Path is string path && path.StartsWith("$.parameters.", StringComparison.Ordinal) && e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            throw new FormatException($"{name}: '{path["$.parameters.".Length..]}' is not a plant parameter; the parameters are {string.Join(", ", ParameterNames)}");
        }
        catch (JsonException e) when (e.Path is string path && e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            throw new FormatException($"{name}: '{path.TrimStart('$', '.')}' is not a field of a plant file (format, parameters, relative_uncertainty, identified, not_identified, sources)");
        }
        catch (JsonException e) when (e.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            throw new FormatException($"{name}: no \"format\"; a plant file says \"format\": \"{CurrentFormat}\"");
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 1 } p ? $" at {p.TrimStart('$', '.')}" : "";
            throw new FormatException($"{name}: not a plant file (invalid JSON or a value of the wrong kind{where}, line {e.LineNumber + 1})");
        }
        if (file is null) throw new FormatException($"{name}: empty");
        if (file.Format != CurrentFormat) throw new FormatException($"{name}: format '{file.Format}', expected '{CurrentFormat}'");
        if (file.Problem() is string problem) throw new FormatException($"{name}: {problem}");
        return file;
    }

    /// <summary>
    /// What the robot's owner measures by hand before identification, with how (docs/sim-to-real.md,
    /// step 0): the experiments cannot tell these apart from what they fit (the pendulum gives m_b l,
    /// not m_b and l), so sysid asks for them rather than guess.
    /// </summary>
    public static IReadOnlyList<(string Name, string How)> MeasuredByHand { get; } =
    [
        ("body_mass", "weigh the robot without its wheel, kg"),
        ("wheel_mass", "weigh the wheel with its hub, kg"),
        ("wheel_radius", "half the tyre's outer diameter, m"),
    ];

    /// <summary>
    /// What a uniwheel robot's parameter can plausibly be (SI units): wide enough for any robot this
    /// project could balance, narrow enough to catch a unit slip (centimetres typed as metres, grams as kilograms).
    /// </summary>
    public static IReadOnlyDictionary<string, (double Low, double High, string Unit)> PlausibleRanges { get; } = new Dictionary<string, (double, double, string)>
    {
        ["body_mass"] = (0.05, 50, "kg"), ["body_com_height"] = (0.005, 1.5, "m"), ["body_inertia"] = (1e-6, 10, "kg m^2"),
        ["wheel_mass"] = (0.005, 20, "kg"), ["wheel_radius"] = (0.005, 0.5, "m"), ["wheel_inertia"] = (1e-8, 1, "kg m^2"),
        ["rotor_inertia"] = (0, 0.1, "kg m^2"), ["gravity"] = (1, 30, "m/s^2"),
        ["torque_constant"] = (0.001, 20, "N m/A"), ["back_emf_constant"] = (0.001, 20, "V s/rad"), ["resistance"] = (0.01, 100, "ohm"),
        ["viscous_friction"] = (0, 1, "N m s/rad"), ["coulomb_friction"] = (0, 10, "N m"), ["deadband"] = (0, 20, "V"), ["battery_voltage"] = (1, 60, "V"),
    };

    /// <summary>The first physically impossible or implausible value, or null.</summary>
    public string? Problem()
    {
        var p = Parameters;
        foreach (var prop in typeof(UniwheelParameters).GetProperties().Where(x => x.CanWrite))
        {
            double v = (double)prop.GetValue(p)!;
            string n = JsonNamingPolicy.SnakeCaseLower.ConvertName(prop.Name);
            bool mayBeZero = prop.Name is nameof(UniwheelParameters.Deadband) or nameof(UniwheelParameters.ViscousFriction) or nameof(UniwheelParameters.CoulombFriction) or nameof(UniwheelParameters.RotorInertia);
            if (!double.IsFinite(v) || v < 0 || (v == 0 && !mayBeZero)) return $"parameters.{n} is {v}; it must be a finite, positive number";
            var (low, high, unit) = PlausibleRanges[n];
            if (v < low || v > high) return $"parameters.{n} is {v} {unit}, outside the plausible {low}-{high} {unit} (SI units: metres, kilograms)";
        }
        if (p.Deadband >= p.BatteryVoltage) return $"parameters.deadband ({p.Deadband} V) must be below battery_voltage ({p.BatteryVoltage} V): the motor would never turn";
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
