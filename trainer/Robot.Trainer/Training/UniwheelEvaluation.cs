using Robot.Envs.Uniwheel;
using Robot.Policy;

namespace Robot.Trainer.Training;

/// <summary>How a 30 s evaluation episode ended.</summary>
public enum EpisodeEnd
{
    /// <summary>Up and near its start at the time limit: a success.</summary>
    Held,
    /// <summary>Fell while the duty had room left: the policy's fault.</summary>
    Fell,
    /// <summary>Fell with the duty at its limit for most of the last half second: the motor could not catch it (or the policy asked too late).</summary>
    FellAtDutyLimit,
    /// <summary>Stayed up but wandered past the drift limit (balanced, drifting away).</summary>
    Drifted,
}

/// <summary>What the robot's owner wants to know about a balancing policy over randomized episodes with pushes.</summary>
/// <param name="MeanMaxDriftMeters">The largest distance from the start (driving: from where the command alone would have taken the wheel).</param>
/// <param name="SpeedRmsError">Driving: the root-mean-square of the speed less the command, m/s (NaN for a balancing policy).</param>
/// <param name="CommandRms">Driving: the root-mean-square of the command itself, what a robot standing still would score as its speed error.</param>
/// <param name="Falls">Episodes that fell with the duty to spare.</param>
/// <param name="FallsAtDutyLimit">Episodes that fell with the duty saturated.</param>
/// <param name="Drifts">Episodes that stayed up but drifted past <paramref name="DriftLimit"/>.</param>
/// <param name="DriftLimit">The distance from the start a held episode must stay within, m.</param>
public sealed record UniwheelReport(int Episodes, double SuccessRate, double MeanAbsTiltDegrees, double MeanMaxDriftMeters, double MeanAbsDuty,
    double SpeedRmsError = double.NaN, double CommandRms = double.NaN, int Falls = 0, int FallsAtDutyLimit = 0, int Drifts = 0,
    double DriftLimit = UniwheelEvaluation.DriftLimit)
{
    /// <summary>Why the failed episodes failed, in one phrase ("none failed" when all held).</summary>
    public string FailureReasons
    {
        get
        {
            var parts = new List<string>();
            if (Falls > 0) parts.Add($"{Falls} fell");
            if (FallsAtDutyLimit > 0) parts.Add($"{FallsAtDutyLimit} fell at the duty limit (the motor could not catch the body)");
            if (Drifts > 0) parts.Add($"{Drifts} drifted past {DriftLimit:0.###} m while balancing");
            return parts.Count == 0 ? "none failed" : string.Join(", ", parts);
        }
    }

    public override string ToString() =>
        $"success {SuccessRate:P1} of {Episodes} episodes, mean |tilt| {MeanAbsTiltDegrees:F2} deg, max drift {MeanMaxDriftMeters:F3} m, mean |duty| {MeanAbsDuty:F3}" +
        (double.IsNaN(SpeedRmsError) ? "" : $", speed error rms {SpeedRmsError:F3} m/s (commands rms {CommandRms:F3})") +
        (SuccessRate < 1 ? $"; failures: {FailureReasons}" : "");
}

/// <summary>
/// Runs a policy file (learned or LQR, through the robot's runtime) on 30 s uniwheel episodes:
/// success is an episode that ends by the time limit, never by a fall, and never farther than
/// driftLimit (balancing: <see cref="DriftLimit"/>) from its start. Episode k is seeded seed + k,
/// so two policies face the same robots, latencies and pushes (and, driving, the same velocity profiles).
/// A policy that takes the driving observation is driven along drawn velocity profiles.
/// </summary>
public static class UniwheelEvaluation
{
    /// <summary>Length of an evaluation episode, s.</summary>
    public const double EpisodeSeconds = 30;

    /// <summary>
    /// A held balancing episode stays within this distance of its start, m: what the HIL suite asks of
    /// a robot left alone (nominal-60s). The default of eval and of training's deployability check.
    /// A driving episode is judged by its speed (the HIL's drive scenarios do the same); its position
    /// may lag the command's up to the env's wander limit.
    /// </summary>
    public const double DriftLimit = 0.5;

    /// <summary>A fall counts as at the duty limit when |duty| was at least this for most of the last <see cref="SaturationWindowSeconds"/>.</summary>
    public const double SaturatedDuty = 0.98;
    public const double SaturationWindowSeconds = 0.5;

    /// <param name="plant">An identified robot to evaluate on (randomized around it by its rule); null: the built-in robot, +-parameterSpread.</param>
    /// <param name="driftLimit">A held episode farther than this from its start (m) counts as drifted; null: <see cref="DriftLimit"/> balancing, the wander limit driving.</param>
    public static UniwheelReport Evaluate(PolicyModel policy, int episodes, int seed, double parameterSpread = 0.2, PlantRandomization? plant = null,
        double? driftLimit = null)
    {
        var defaults = new UniwheelEnvOptions();
        bool driving = policy.ObservationSize == Robot.Observation.ObservationLayout.DrivingSize;
        var options = (driving ? UniwheelEnvOptions.Drive : defaults) with { MaxEpisodeSteps = defaults.StepsIn(EpisodeSeconds), ParameterSpread = parameterSpread };
        if (plant is not null) options = plant.Options(options);
        var nominal = plant?.Plant.Parameters;
        int window = options.StepsIn(SaturationWindowSeconds);
        double limit = Math.Min(driftLimit ?? (driving ? options.WanderLimit : DriftLimit), options.WanderLimit); // beyond the wander limit the env has ended the episode
        if (!(limit > 0)) throw new ArgumentException("the drift limit must be a positive distance in metres");
        var results = new (EpisodeEnd End, double Tilt, double Drift, double Duty, double SpeedError, double Command)[episodes];
        Parallel.For(0, episodes, k =>
        {
            var env = new UniwheelEnv(options, nominal);
            var ws = policy.CreateWorkspace();
            var obs = new float[env.Spec.ObservationSize];
            var action = new float[1];
            var saturated = new bool[window]; // a ring of the last window's steps
            env.Reset(seed + k, obs);
            double tilt = 0, drift = 0, duty = 0, speedError = 0, command = 0;
            int steps = 0;
            while (true)
            {
                if (!policy.Act(obs, action, ws)) action[0] = 0;
                var r = env.Step(action, obs);
                var s = env.TrueState;
                saturated[steps % window] = Math.Abs(action[0]) >= SaturatedDuty;
                steps++;
                tilt += Math.Abs(s.Pitch);
                drift = Math.Max(drift, Math.Abs(s.WheelAngle * env.Parameters.WheelRadius - env.CommandedTravel));
                duty += Math.Abs(action[0]);
                double error = s.WheelRate * env.Parameters.WheelRadius - env.Target;
                speedError += error * error;
                command += env.Target * env.Target;
                if (r.Terminated || r.Truncated)
                {
                    var end = !r.Terminated ? (drift <= limit ? EpisodeEnd.Held : EpisodeEnd.Drifted)
                        : Math.Abs(s.Pitch) <= options.FallPitch ? EpisodeEnd.Drifted
                        : 2 * saturated.Take(Math.Min(steps, window)).Count(x => x) > Math.Min(steps, window) ? EpisodeEnd.FellAtDutyLimit
                        : EpisodeEnd.Fell;
                    results[k] = (end, tilt / steps * 180 / Math.PI, drift, duty / steps, Math.Sqrt(speedError / steps), Math.Sqrt(command / steps));
                    break;
                }
            }
        });
        return new UniwheelReport(episodes, results.Average(r => r.End == EpisodeEnd.Held ? 1.0 : 0.0), results.Average(r => r.Tilt),
            results.Average(r => r.Drift), results.Average(r => r.Duty), driving ? results.Average(r => r.SpeedError) : double.NaN,
            driving ? results.Average(r => r.Command) : double.NaN,
            results.Count(r => r.End == EpisodeEnd.Fell), results.Count(r => r.End == EpisodeEnd.FellAtDutyLimit), results.Count(r => r.End == EpisodeEnd.Drifted), limit);
    }
}
