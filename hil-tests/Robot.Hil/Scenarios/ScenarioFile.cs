using System.Text.Json;
using System.Text.Json.Serialization;
using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Hil.Scenarios;

/// <summary>Reads scenario files: unknown fields, bad values and impossible combinations are refused with the field named.</summary>
public static class ScenarioFile
{
    static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, // for the plant's parameters
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        RespectNullableAnnotations = true, // "imu": null is refused by name, not a NullReferenceException later
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Larger than any scenario: a bigger file is not one.</summary>
    public const long MaxBytes = 1 << 20;

    public static Scenario Load(string path)
    {
        Scenario scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(Robot.Cli.InputFile.ReadText(path, "scenario", MaxBytes), Options) ?? throw new ScenarioException($"'{path}' is empty");
        }
        catch (JsonException e)
        {
            string hint = e.Path?.EndsWith(".kind") == true
                ? $"; fault kinds are {string.Join(", ", Enum.GetNames<FaultKind>().Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)))}"
                : "";
            throw new ScenarioException($"'{path}': {e.Message}{hint}");
        }
        if (scenario.Name.Length == 0) scenario = scenario with { Name = Path.GetFileNameWithoutExtension(path) };
        var problems = Validate(scenario);
        return problems.Count == 0 ? scenario : throw new ScenarioException($"'{path}': " + string.Join("; ", problems));
    }

    /// <summary>Every scenario file (*.json) of a folder, sorted by name.</summary>
    public static IReadOnlyList<Scenario> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new ScenarioException($"no scenario folder at '{folder}'");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files.Select(Load).ToList() : throw new ScenarioException($"'{folder}' holds no *.json scenario files");
    }

    public static IReadOnlyList<string> Validate(Scenario s)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }
        // Members are refused as null by the reader; array elements are not, so they are checked here.
        Check(s.Pushes.All(p => p is not null) && s.Faults.All(f => f is not null), "pushes and faults must not contain null");
        if (problems.Count > 0) return problems;
        Check(s.Duration is > 0 and <= 3600, $"duration_s must be in (0, 3600], got {s.Duration}");
        Check(s.Initial.Release >= 0 && s.Initial.Release < s.Duration, "initial.release_s must be within the run");
        if (s.Mount == Robot.Dynamics.Plant.Mount.Hanging)
            Check(Math.Abs(s.Initial.Pitch - Math.PI) is > 0.05 and < 1.2, "initial.pitch_rad of a hanging robot must be 0.05 to 1.2 rad from pi (hanging straight down)");
        else Check(Math.Abs(s.Initial.Pitch) < 0.3, "initial.pitch_rad must be within +-0.3");
        Check(s.Initial.Reaction >= 0 && double.IsFinite(s.Initial.Reaction), "initial.reaction_s must be 0 or more (longer than the run: the hand never lets go)");
        Check(s.Imu.NoiseScale >= 0, "imu.noise_scale must be 0 or more");
        var p = s.Plant;
        Check(new[] { p.BodyMass, p.BodyComHeight, p.BodyInertia, p.WheelMass, p.WheelRadius, p.WheelInertia, p.TorqueConstant, p.Resistance, p.BatteryVoltage, p.Gravity }
            .All(v => v > 0 && double.IsFinite(v)), "plant masses, lengths, inertias, torque constant, resistance, battery and gravity must be positive");
        foreach (var push in s.Pushes)
            Check(push.Time >= 0 && push.Time < s.Duration && double.IsFinite(push.Impulse) && push.Height is >= 0 and < 1, $"push at {push.Time} s: time within the run, finite impulse, height in [0, 1) m");
        foreach (var f in s.Faults)
        {
            Check(f.Start >= 0 && f.End > f.Start, $"fault {f.Kind}: end_s must come after start_s >= 0");
            bool needsValue = f.Kind is FaultKind.ImuTimeout or FaultKind.ImuNoisy or FaultKind.EncoderGlitch or FaultKind.BatterySag or FaultKind.LoopOverrun;
            Check(!needsValue || double.IsFinite(f.Value) && f.Value >= 0, $"fault {f.Kind} needs a value >= 0");
        }
        if (s.Drive is { } drive)
        {
            Check(drive.Commands.All(c => c is not null), "drive.commands must not contain null");
            if (problems.Count > 0) return problems;
            Check(drive.SendEvery is > 0 and <= 1, "drive.send_every_s must be in (0, 1]");
            Check(drive.StopSending > 0, "drive.stop_sending_s must be positive");
            for (int i = 0; i < drive.Commands.Length; i++)
            {
                var c = drive.Commands[i];
                Check(c.Time >= 0 && (i == 0 || c.Time >= drive.Commands[i - 1].Time) && c.Ramp >= 0, $"drive command {i}: times ascending from 0, ramp_s 0 or more");
                Check(Math.Abs(c.Velocity) <= Robot.Observation.VelocityReference.MaxSpeed, $"drive command {i}: velocity {c.Velocity} m/s outside +-{Robot.Observation.VelocityReference.MaxSpeed}");
            }
        }
        Check(s.Expect.TargetZeroWithin is null || s.Drive is { StopSending: < double.PositiveInfinity }, "expect.target_zero_within_s needs drive.stop_sending_s");
        Check(s.Expect.MaxSpeedRmsError is null || s.Drive is not null, "expect.max_speed_rms_error_m_s needs a drive section");
        foreach (var seen in s.Expect.FaultsSeen)
            Check(ParseCause(seen) is not null, $"expect.faults_seen '{seen}' is not a fault cause ({string.Join(", ", FaultNames.All)})");
        if (s.Expect.Fault is string cause) Check(ParseCause(cause) is not null, $"expect.fault '{cause}' is not a fault cause ({string.Join(", ", FaultNames.All)})");
        Check(s.Expect.CutWithin is null || s.Faults.Length > 0 || s.Pushes.Length > 0, "expect.cut_within_s needs a fault window or a push to time it from");
        Check(!(s.Expect.Upright && s.Expect.Fault is not null), "expect.upright and expect.fault contradict each other");
        return problems;
    }

    /// <summary>When the trouble begins, for timing the motor cut: the first fault window, else the last push.</summary>
    public static double TroubleStart(Scenario s) => s.Faults.Length > 0 ? s.Faults.Min(f => f.Start) : s.Pushes.Length > 0 ? s.Pushes.Max(p => p.Time) : 0;

    public static FaultCause? ParseCause(string name) => FaultNames.Parse(name);

    public static string Snake(FaultCause cause) => FaultNames.Of(cause);
}

/// <summary>A scenario file that cannot be used, with every reason.</summary>
public sealed class ScenarioException(string message) : Robot.Cli.InputException(message);
