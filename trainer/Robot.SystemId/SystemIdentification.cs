using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.SystemId;

/// <summary>
/// From logs to a plant file: fits each experiment's log, motor experiments first (the pendulum
/// needs the gearbox friction they find), starting from the given parameters, and writes the result
/// with every fitted parameter's relative standard error and which ones the data pinned down. A log
/// in which the robot ran (Running rows) is a motor experiment; one in which it never armed is a pendulum.
/// </summary>
public static class SystemIdentification
{
    /// <summary>The plant parameters each motor-fit quantity sets (the drive's inertia sets the rotor's share; the others are the fit's own).</summary>
    static readonly Dictionary<string, string[]> MotorParameters = new()
    {
        ["torque_constant"] = ["torque_constant", "back_emf_constant"],
        ["resistance"] = ["resistance"],
        ["viscous_friction"] = ["viscous_friction"],
        ["coulomb_friction"] = ["coulomb_friction"],
        ["deadband"] = ["deadband"],
        ["drive_inertia"] = ["rotor_inertia"],
    };

    public sealed record Outcome(PlantFile Plant, IReadOnlyList<(TelemetryLog Log, MotorExperimentFit.Result Fit)> MotorFits,
        IReadOnlyList<(TelemetryLog Log, PendulumExperimentFit.Result Fit)> PendulumFits);

    /// <summary>Whether the log is of the motor experiment (the robot ran its schedule) rather than the pendulum (never armed).</summary>
    public static bool IsMotorExperiment(TelemetryLog log) => log.State.Contains(TelemetrySchema.RunningState);

    public static Outcome Identify(IReadOnlyList<TelemetryLog> logs, UniwheelParameters start, bool brakeAtZeroDuty)
    {
        if (logs.Count == 0) throw new ArgumentException("no logs");
        var fits = new List<(TelemetryLog, MotorExperimentFit.Result)>();
        var plant = start;
        var uncertainty = new Dictionary<string, double>();
        var identified = new List<string>();
        var notIdentified = new List<string>();
        foreach (var log in logs.Where(IsMotorExperiment))
        {
            var fit = MotorExperimentFit.Fit(log, plant, brakeAtZeroDuty);
            fits.Add((log, fit));
            plant = fit.Plant;
            foreach (var p in fit.Parameters)
            {
                if (!MotorParameters.TryGetValue(p.Name, out var targets)) continue; // the electronics and timing: the log's, not the robot's
                // The rotor's share of the drive's inertia carries the drive's whole standard error.
                double relative = p.Name == "drive_inertia" ? p.StandardError / Math.Max(fit.Plant.RotorInertia, 1e-12) : p.RelativeError;
                foreach (var t in targets)
                {
                    uncertainty[t] = relative;
                    (p.Identified ? identified : notIdentified).Add(t);
                }
            }
        }
        var pendulumFits = new List<(TelemetryLog, PendulumExperimentFit.Result)>();
        foreach (var log in logs.Where(l => !IsMotorExperiment(l)))
        {
            var fit = PendulumExperimentFit.Fit(log, plant);
            pendulumFits.Add((log, fit));
            plant = fit.Plant;
            foreach (var p in new[] { fit.ComHeight, fit.BodyInertia })
            {
                uncertainty[p.Name] = p.RelativeError;
                (p.Identified ? identified : notIdentified).Add(p.Name);
            }
        }
        var file = new PlantFile
        {
            Parameters = plant, RelativeUncertainty = uncertainty,
            Identified = identified.Distinct().ToList(), NotIdentified = notIdentified.Distinct().Except(identified).ToList(),
            Sources = logs.Select(l => Path.GetFileName(l.Path)).ToList(),
        };
        return new Outcome(file, fits, pendulumFits);
    }
}
