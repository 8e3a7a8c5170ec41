namespace Robot.Envs.Uniwheel;

/// <summary>How the uniwheel env runs and how much it randomizes (docs/uniwheel-model.md lists the ranges).</summary>
public sealed record UniwheelEnvOptions
{
    public double ControlRate { get; init; } = 200;
    /// <summary>Plant integration steps per control period (RK4 at 2 kHz by default).</summary>
    public int Substeps { get; init; } = 10;
    /// <summary>Episode length in control steps (10 s at the default rate; evaluation uses 30 s).</summary>
    public int MaxEpisodeSteps { get; init; } = 2000;

    /// <summary>Control steps in <paramref name="seconds"/> at <see cref="ControlRate"/>.</summary>
    public int StepsIn(double seconds) => (int)Math.Round(seconds * ControlRate);
    /// <summary>Randomize physics, sensors and latency per episode.</summary>
    public bool Randomize { get; init; } = true;
    /// <summary>Relative half-width of the physical parameter randomization (0.2 = +-20 %; twice that for friction and deadband).</summary>
    public double ParameterSpread { get; init; } = 0.2;

    /// <summary>Per-parameter relative half-widths (snake_case plant names) in place of the default spread: an identified robot's (PlantRandomization).</summary>
    public IReadOnlyDictionary<string, double>? ParameterSpreads { get; init; }

    /// <summary>The parameters whose spread is twice <see cref="ParameterSpread"/>: the least certain ones of a robot not yet identified.</summary>
    public static readonly string[] DoubleSpread = ["viscous_friction", "coulomb_friction", "deadband"];

    /// <summary>The default relative half-width of one parameter.</summary>
    public double DefaultSpreadOf(string name) => DoubleSpread.Contains(name) ? 2 * ParameterSpread : ParameterSpread;

    /// <summary>The relative half-width this env draws the parameter from.</summary>
    public double SpreadOf(string name) => ParameterSpreads is { } spreads && spreads.TryGetValue(name, out double s) ? s : DefaultSpreadOf(name);
    /// <summary>Random pushes: expected pushes per second and their pitch-rate kick (rad/s, uniform in +-).</summary>
    public double PushesPerSecond { get; init; } = 0.2;
    public double PushPitchRate { get; init; } = 0.6;
    /// <summary>Actuation latency in control steps, drawn per episode from 0..MaxLatencySteps (fixed at 0 without randomization).</summary>
    public int MaxLatencySteps { get; init; } = 2;
    /// <summary>Control period jitter: each period lasts (1 + u) times the nominal, u uniform in +-PeriodJitter (randomized episodes only).</summary>
    public double PeriodJitter { get; init; } = 0.05;
    /// <summary>The body falls (episode terminates) beyond this pitch, rad.</summary>
    public double FallPitch { get; init; } = Robot.Dynamics.Plant.FallLimits.Pitch;
    /// <summary>The episode ends as a failure when the wheel travels this far from the start, m.</summary>
    public double WanderLimit { get; init; } = Robot.Dynamics.Plant.FallLimits.Wander;
    /// <summary>What the reward pays for (docs/uniwheel-model.md).</summary>
    public UniwheelReward Reward { get; init; } = new();
    public double InitialPitch { get; init; } = 0.1;

    /// <summary>Driving: each episode follows a drawn velocity profile, and the observation carries the command (uniwheel-drive).</summary>
    public bool Driving { get; init; }

    /// <summary>The driving env's options: as the balancing one, with the speed error weighed five times more (tracking is the job).</summary>
    public static UniwheelEnvOptions Drive { get; } = new() { Driving = true, Reward = new UniwheelReward { VelocityWeight = 1.0 } };
}
