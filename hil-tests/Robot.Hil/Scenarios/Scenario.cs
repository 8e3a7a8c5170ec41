using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Hil.Scenarios;

/// <summary>One hardware-in-the-loop run, as a scenario file describes it (docs/hil.md has every field).</summary>
public sealed record Scenario
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("duration_s")] public double Duration { get; init; } = 10;
    [JsonPropertyName("seed")] public int Seed { get; init; } = 1;
    /// <summary>Any subset of the plant's parameters, overriding the defaults of docs/uniwheel-model.md.</summary>
    [JsonPropertyName("plant")] public UniwheelParameters Plant { get; init; } = new();
    /// <summary>How the robot is held: on the ground (balancing), or rigged for an identification experiment.</summary>
    [JsonPropertyName("mount")] public Mount Mount { get; init; } = Mount.Ground;
    [JsonPropertyName("initial")] public InitialState Initial { get; init; } = new();
    [JsonPropertyName("imu")] public ImuImperfections Imu { get; init; } = new();
    /// <summary>
    /// Changes to robot.json for this run, as a JSON merge patch (RFC 7396) over the user's robot.json or its
    /// defaults: any key of the file, limits section included; null removes one (docs/hil.md).
    /// </summary>
    [JsonPropertyName("robot")] public JsonObject? Robot { get; init; }
    [JsonPropertyName("pushes")] public Push[] Pushes { get; init; } = [];
    [JsonPropertyName("faults")] public FaultWindow[] Faults { get; init; } = [];
    /// <summary>Velocity commands sent to the firmware as the ground station's page sends them (null: none; the robot balances in place).</summary>
    [JsonPropertyName("drive")] public DriveProfile? Drive { get; init; }
    /// <summary>What the operator asks of the firmware, and when (as the console's or the ground station's commands do).</summary>
    [JsonPropertyName("operator")] public OperatorStep[] Operator { get; init; } = [];
    [JsonPropertyName("expect")] public Expectations Expect { get; init; } = new();
    /// <summary>
    /// The user's own robot.json (robot-hil --config) under the scenario's robot section, or null for
    /// robot.json's defaults; not part of the file.
    /// </summary>
    [JsonIgnore] public Robot.Firmware.Configuration.RobotConfig? BaseConfig { get; init; }
    /// <summary>What the expectation takes for granted about the robot; where it fails the scenario is not applicable (null: none).</summary>
    [JsonPropertyName("applies_if")] public ScenarioPremise? AppliesIf { get; init; }

    /// <summary>
    /// This scenario on another robot (an identified one, robot-hil --plant): each plant parameter is
    /// the robot's, times the factor by which the scenario changes it from the built-in robot, so
    /// "20 % heavier" stays 20 % heavier than the identified robot and an untouched parameter is the robot's own.
    /// Pushes are sized for the robot: the impulse scales with its mass (the same change of speed)
    /// and the height with its body's (the same point on the body), so a shove meant for the 1 kg
    /// built-in robot neither topples a 0.6 kg one nor barely moves a 2 kg one.
    /// </summary>
    public Scenario OnRobot(UniwheelParameters robot)
    {
        var sized = PushesFor(robot);
        var builtIn = new UniwheelParameters();
        object plant = robot with { };
        foreach (var p in typeof(UniwheelParameters).GetProperties().Where(p => p.CanWrite))
        {
            double factor = (double)p.GetValue(Plant)! / (double)p.GetValue(builtIn)!;
            p.SetValue(plant, (double)p.GetValue(robot)! * (double.IsFinite(factor) ? factor : 1));
        }
        return this with { Plant = (UniwheelParameters)plant, Pushes = sized };
    }

    Push[] PushesFor(UniwheelParameters robot)
    {
        var builtIn = new UniwheelParameters();
        double mass = (robot.BodyMass + robot.WheelMass) / (builtIn.BodyMass + builtIn.WheelMass);
        double height = robot.BodyComHeight / builtIn.BodyComHeight;
        return [.. Pushes.Select(p => p with { Impulse = p.Impulse * mass, Height = p.Height * height })];
    }

    /// <summary>This scenario with robot.json's duty limit at <paramref name="limit"/>, unless it sets its own.</summary>
    public Scenario AtDutyLimit(double limit) => (Robot?["motor"] as JsonObject)?.ContainsKey("duty_limit") == true
        ? this
        : WithRobot(new JsonObject { ["motor"] = new JsonObject { ["duty_limit"] = limit } });

    /// <summary>This scenario with <paramref name="patch"/> merged over its own robot changes (the scenario's untouched).</summary>
    public Scenario WithRobot(JsonObject patch) =>
        this with { Robot = (JsonObject?)Firmware.Configuration.JsonMergePatch.Apply(Robot ?? new JsonObject(), patch) };
}

/// <summary>
/// How the run starts: a hand holds the body still at this pitch while the firmware arms, and lets
/// go a reaction time after the motor first drives, or at release_s at the latest (a firmware that
/// never arms then lets the robot fall).
/// </summary>
public sealed record InitialState
{
    [JsonPropertyName("pitch_rad")] public double Pitch { get; init; } = 0.01;
    [JsonPropertyName("release_s")] public double Release { get; init; } = 3.0;
    [JsonPropertyName("reaction_s")] public double Reaction { get; init; } = 0.05;
}

/// <summary>Imperfections of the simulated MPU-6050 beyond its datasheet noise.</summary>
public sealed record ImuImperfections
{
    [JsonPropertyName("accel_bias_g")] public double AccelBiasG { get; init; }
    [JsonPropertyName("gyro_bias_dps")] public double GyroBiasDegPerSecond { get; init; }
    [JsonPropertyName("noise_scale")] public double NoiseScale { get; init; } = 1;
}

/// <summary>A horizontal shove on the body: impulse (N s, positive forward) at a height above the axle.</summary>
public sealed record Push
{
    [JsonPropertyName("time_s")] public double Time { get; init; }
    [JsonPropertyName("impulse_n_s")] public double Impulse { get; init; }
    [JsonPropertyName("height_m")] public double Height { get; init; } = 0.15;
}

/// <summary>One request an operator makes at a time, s: arm, clear (a latched fault) or disarm.</summary>
public sealed record OperatorStep
{
    [JsonPropertyName("time_s")] public double Time { get; init; }
    [JsonPropertyName("action")] public OperatorAction Action { get; init; }
}

public enum OperatorAction { Arm, Clear, Disarm }

/// <summary>A fault active from start to end (s); what "value" means depends on the kind.</summary>
public sealed record FaultWindow
{
    [JsonPropertyName("kind")] public FaultKind Kind { get; init; }
    [JsonPropertyName("start_s")] public double Start { get; init; }
    [JsonPropertyName("end_s")] public double End { get; init; } = double.PositiveInfinity;
    [JsonPropertyName("value")] public double Value { get; init; } = double.NaN;

    public bool ActiveAt(double time) => time >= Start && time < End;
}

/// <summary>What must hold for the scenario to pass. The duty limit is always checked.</summary>
public sealed record Expectations
{
    /// <summary>Stays up (|pitch| within the fall angle) from release to the end, without a fault.</summary>
    [JsonPropertyName("upright")] public bool Upright { get; init; }
    [JsonPropertyName("max_tilt_rad")] public double? MaxTilt { get; init; }
    [JsonPropertyName("max_drift_m")] public double? MaxDrift { get; init; }
    /// <summary>The fault the supervisor must latch (snake_case FaultCause, e.g. "sensor_frozen").</summary>
    [JsonPropertyName("fault")] public string? Fault { get; init; }
    /// <summary>From the first fault window's start to the motor cut for good, at most this long.</summary>
    [JsonPropertyName("cut_within_s")] public double? CutWithin { get; init; }
    /// <summary>Driving: the root-mean-square of the true wheel speed less the firmware's target, over the running ticks, at most this (m/s).</summary>
    [JsonPropertyName("max_speed_rms_error_m_s")] public double? MaxSpeedRmsError { get; init; }
    /// <summary>Dead-man: once the sender goes quiet (drive.stop_sending_s), the firmware's target is 0 within this long and stays 0.</summary>
    [JsonPropertyName("target_zero_within_s")] public double? TargetZeroWithin { get; init; }
    /// <summary>The firmware never enters Running in this run (a robot that must be refused while arming).</summary>
    [JsonPropertyName("never_running")] public bool NeverRunning { get; init; }
    /// <summary>Faults that must have been latched at some time in the run (snake_case), whatever the state at the end.</summary>
    [JsonPropertyName("faults_seen")] public string[] FaultsSeen { get; init; } = [];
    /// <summary>At the end the firmware is running, no fault latched, and the body stayed up since the last time the hand let go.</summary>
    [JsonPropertyName("balancing_at_end")] public bool BalancingAtEnd { get; init; }
    /// <summary>At the end of the run the robot's speed is at most this (m/s): it came to rest.</summary>
    [JsonPropertyName("final_speed_below_m_s")] public double? FinalSpeedBelow { get; init; }
}

/// <summary>
/// Velocity commands over time, as a page would send them: from each point's time the command moves
/// to its velocity (a step, or a ramp over ramp_s), and the current command is sent every
/// send_every_s until stop_sending_s (the page closed, the link lost), after which nothing is sent.
/// </summary>
public sealed record DriveProfile
{
    [JsonPropertyName("commands")] public DrivePoint[] Commands { get; init; } = [];
    [JsonPropertyName("send_every_s")] public double SendEvery { get; init; } = 0.1;
    [JsonPropertyName("stop_sending_s")] public double StopSending { get; init; } = double.PositiveInfinity;

    /// <summary>The command the page shows at <paramref name="time"/> s.</summary>
    public double TargetAt(double time)
    {
        double value = 0;
        foreach (var point in Commands)
        {
            if (time < point.Time) break;
            double into = time - point.Time;
            value = point.Ramp > 0 && into < point.Ramp ? value + (point.Velocity - value) * into / point.Ramp : point.Velocity;
        }
        return value;
    }
}

public sealed record DrivePoint
{
    [JsonPropertyName("time_s")] public double Time { get; init; }
    [JsonPropertyName("velocity_m_s")] public double Velocity { get; init; }
    [JsonPropertyName("ramp_s")] public double Ramp { get; init; }
}
