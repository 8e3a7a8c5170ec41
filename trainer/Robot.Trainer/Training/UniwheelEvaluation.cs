using Robot.Envs.Uniwheel;
using Robot.Policy;

namespace Robot.Trainer.Training;

/// <summary>What the robot's owner wants to know about a balancing policy over randomized episodes with pushes.</summary>
/// <param name="MeanMaxDriftMeters">The largest distance from the start (driving: from where the command alone would have taken the wheel).</param>
/// <param name="SpeedRmsError">Driving: the root-mean-square of the speed less the command, m/s (NaN for a balancing policy).</param>
/// <param name="CommandRms">Driving: the root-mean-square of the command itself, what a robot standing still would score as its speed error.</param>
public sealed record UniwheelReport(int Episodes, double SuccessRate, double MeanAbsTiltDegrees, double MeanMaxDriftMeters, double MeanAbsDuty,
    double SpeedRmsError = double.NaN, double CommandRms = double.NaN)
{
    public override string ToString() =>
        $"success {SuccessRate:P1} of {Episodes} episodes, mean |tilt| {MeanAbsTiltDegrees:F2} deg, max drift {MeanMaxDriftMeters:F3} m, mean |duty| {MeanAbsDuty:F3}" +
        (double.IsNaN(SpeedRmsError) ? "" : $", speed error rms {SpeedRmsError:F3} m/s (commands rms {CommandRms:F3})");
}

/// <summary>
/// Runs a policy file (learned or LQR, through the robot's runtime) on 30 s uniwheel episodes:
/// success is an episode that ends by the time limit, never by a fall. Episode k is seeded seed + k,
/// so two policies face the same robots, latencies and pushes (and, driving, the same velocity profiles).
/// A policy that takes the driving observation is driven along drawn velocity profiles.
/// </summary>
public static class UniwheelEvaluation
{
    /// <summary>Length of an evaluation episode, s.</summary>
    public const double EpisodeSeconds = 30;

    /// <param name="plant">An identified robot to evaluate on (randomized around it by its rule); null: the built-in robot, +-parameterSpread.</param>
    public static UniwheelReport Evaluate(PolicyModel policy, int episodes, int seed, double parameterSpread = 0.2, PlantRandomization? plant = null)
    {
        var defaults = new UniwheelEnvOptions();
        bool driving = policy.ObservationSize == Robot.Observation.ObservationLayout.DrivingSize;
        var options = (driving ? UniwheelEnvOptions.Drive : defaults) with { MaxEpisodeSteps = defaults.StepsIn(EpisodeSeconds), ParameterSpread = parameterSpread };
        if (plant is not null) options = plant.Options(options);
        var nominal = plant?.Plant.Parameters;
        var results = new (bool Success, double Tilt, double Drift, double Duty, double SpeedError, double Command)[episodes];
        Parallel.For(0, episodes, k =>
        {
            var env = new UniwheelEnv(options, nominal);
            var ws = policy.CreateWorkspace();
            var obs = new float[env.Spec.ObservationSize];
            var action = new float[1];
            env.Reset(seed + k, obs);
            double tilt = 0, drift = 0, duty = 0, speedError = 0, command = 0;
            int steps = 0;
            while (true)
            {
                if (!policy.Act(obs, action, ws)) action[0] = 0;
                var r = env.Step(action, obs);
                var s = env.TrueState;
                steps++;
                tilt += Math.Abs(s.Pitch);
                drift = Math.Max(drift, Math.Abs(s.WheelAngle * env.Parameters.WheelRadius - env.CommandedTravel));
                duty += Math.Abs(action[0]);
                double error = s.WheelRate * env.Parameters.WheelRadius - env.Target;
                speedError += error * error;
                command += env.Target * env.Target;
                if (r.Terminated || r.Truncated)
                {
                    results[k] = (!r.Terminated, tilt / steps * 180 / Math.PI, drift, duty / steps, Math.Sqrt(speedError / steps), Math.Sqrt(command / steps));
                    break;
                }
            }
        });
        return new UniwheelReport(episodes, results.Average(r => r.Success ? 1.0 : 0.0), results.Average(r => r.Tilt),
            results.Average(r => r.Drift), results.Average(r => r.Duty), driving ? results.Average(r => r.SpeedError) : double.NaN,
            driving ? results.Average(r => r.Command) : double.NaN);
    }
}
