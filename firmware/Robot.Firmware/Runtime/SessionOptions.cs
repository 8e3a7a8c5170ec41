using Robot.Firmware.Telemetry;

namespace Robot.Firmware.Runtime;

/// <summary>What one <see cref="RobotSession"/> run does besides balancing.</summary>
public sealed record SessionOptions
{
    /// <summary>Telemetry files (rotated by size), or null for none.</summary>
    public TelemetryFiles? Telemetry { get; init; }
    /// <summary>Who makes requests of the robot while it runs, or null for nobody.</summary>
    public IOperator? Operator { get; init; }
    /// <summary>Ask to arm at start.</summary>
    public bool Arm { get; init; }
    /// <summary>A live view fed from the telemetry writer's thread (the ground station), or null.</summary>
    public LiveTelemetry? Live { get; init; }
    /// <summary>Given every telemetry record (the HIL rig keeps them for its verdict), or null.</summary>
    public Action<TickRecord>? Keep { get; init; }
    /// <summary>The loop's ticks at most; the run ends when they are run.</summary>
    public long MaxTicks { get; init; } = long.MaxValue;
    /// <summary>End when the action source's schedule is over (an identification experiment).</summary>
    public bool EndWhenFinished { get; init; } = true;
    /// <summary>How long the loop may take to see the stop and end by itself before the run's end is forced on it; null: three loop periods.</summary>
    public TimeSpan? EndGrace { get; init; }
}
