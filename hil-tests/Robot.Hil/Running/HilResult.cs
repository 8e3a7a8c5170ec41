using System.Text.Json.Serialization;
using Robot.Firmware.Telemetry;
using Robot.Hil.Simulation;

namespace Robot.Hil.Running;

/// <summary>What one scenario run measured and whether it passed.</summary>
public sealed record HilResult
{
    [JsonPropertyName("scenario")] public required string Scenario { get; init; }
    /// <summary>Every check passed; a scenario that does not apply to the robot passes nothing and fails nothing.</summary>
    [JsonPropertyName("passed")] public bool Passed => NotApplicable is null && Checks.All(c => c.Passed);
    /// <summary>Why the scenario's premise does not hold on this robot (it was not run), or null.</summary>
    [JsonPropertyName("not_applicable")] public string? NotApplicable { get; init; }
    [JsonPropertyName("checks")] public required IReadOnlyList<HilCheck> Checks { get; init; }
    /// <summary>Whether the action source finished within the run (an identification experiment's schedule; a policy never does).</summary>
    [JsonPropertyName("actions_finished")] public bool ActionsFinished { get; init; }
    [JsonPropertyName("sim_seconds")] public double SimSeconds { get; init; }
    /// <summary>Wall time of the loop alone (the firmware's device setup, with the binding's reset waits, is SetupSeconds).</summary>
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; init; }
    [JsonPropertyName("setup_seconds")] public double SetupSeconds { get; init; }
    [JsonPropertyName("real_time_factor")] public double RealTimeFactor => WallSeconds > 0 ? SimSeconds / WallSeconds : double.NaN;
    [JsonPropertyName("max_tilt_rad")] public double MaxTilt { get; init; }
    [JsonPropertyName("max_drift_m")] public double MaxDrift { get; init; }
    [JsonPropertyName("max_duty")] public double MaxDuty { get; init; }
    [JsonPropertyName("duty_limit")] public double DutyLimit { get; init; }
    [JsonPropertyName("final_state")] public string FinalState { get; init; } = "";
    [JsonPropertyName("fault")] public string? Fault { get; init; }
    /// <summary>Every fault in the set at the end, oldest first (the first is <see cref="Fault"/>).</summary>
    [JsonPropertyName("faults")] public IReadOnlyList<string> Faults { get; init; } = [];
    [JsonPropertyName("fault_time_s")] public double? FaultTime { get; init; }
    [JsonPropertyName("fault_detail")] public string? FaultDetail { get; init; }
    /// <summary>Why the firmware refused the last arm request (null when it armed, or was never asked).</summary>
    [JsonPropertyName("arm_refusal")] public string? ArmRefusal { get; init; }
    [JsonPropertyName("cut_latency_s")] public double? CutLatency { get; init; }
    [JsonPropertyName("lateness_p99_us")] public double LatenessP99 { get; init; }
    [JsonPropertyName("lateness_max_us")] public double LatenessMax { get; init; }
    [JsonPropertyName("compute_p99_us")] public double ComputeP99 { get; init; }
    [JsonPropertyName("overruns")] public long Overruns { get; init; }

    /// <summary>The plant every control period (for plots; not serialized).</summary>
    [JsonIgnore] public IReadOnlyList<TraceSample> Trace { get; init; } = [];
    /// <summary>The firmware's own telemetry, one record per tick (for plots; not serialized).</summary>
    [JsonIgnore] public IReadOnlyList<TickRecord> Telemetry { get; init; } = [];
}
