using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.SystemId;

/// <summary>
/// Scores a plant against a closed-loop log (robot-firmware run --telemetry: the robot balancing,
/// pushed). The robot is unstable, so replaying a whole run open-loop would say nothing after a
/// second; instead, short windows: from the firmware's estimate at a window's start, the plant is
/// driven by the duty the firmware recorded (times the battery voltage) for the window, and its
/// pitch rate is compared with the gyro's every tick. A plant that describes the robot predicts
/// each window's motion; the built-in one, for a robot unlike it, drifts off within it.
/// </summary>
public static class ValidationReplay
{
    public sealed record Score(int Windows, double PitchRateRms)
    {
        public override string ToString() => $"pitch rate rms {PitchRateRms:F3} rad/s over {Windows} windows";
    }

    public const double WindowSeconds = 0.25, EverySeconds = 0.5;
    const double Substep = 0.0005;

    public static Score Evaluate(TelemetryLog log, UniwheelParameters parameters, bool brakeAtZeroDuty = false)
    {
        var plant = new UniwheelPlant(parameters);
        double sumSq = 0;
        int samples = 0, windows = 0;
        double nextStart = double.NegativeInfinity;
        for (int k = 1; k < log.Count; k++)
        {
            if (log.State[k] != TelemetrySchema.RunningState || log.Time[k] < nextStart) continue;
            int end = k;
            while (end + 1 < log.Count && log.State[end + 1] == TelemetrySchema.RunningState && log.Time[end + 1] - log.Time[k] <= WindowSeconds) end++;
            if (log.Time[end] - log.Time[k] < WindowSeconds * 0.9) break; // the run ends inside it
            double r = parameters.WheelRadius;
            var state = new UniwheelState(log.Position[k] / r, log.Pitch[k], log.Velocity[k] / r, log.PitchRate[k]);
            for (int i = k; i < end; i++)
            {
                double duty = log.Duty[i];
                double volts = double.IsNaN(log.BatteryVolts[i]) ? parameters.BatteryVoltage : log.BatteryVolts[i];
                bool open = duty == 0 && !brakeAtZeroDuty;
                double span = log.Time[i + 1] - log.Time[i];
                int n = Math.Max(1, (int)Math.Ceiling(span / Substep - 1e-9));
                for (int s = 0; s < n; s++) state = plant.Step(state, duty * volts, span / n, open);
                double measured = log.GyroPitch[i + 1] / Mpu6050Scale.GyroLsbPerRadPerSecond;
                sumSq += (state.PitchRate - measured) * (state.PitchRate - measured);
                samples++;
            }
            windows++;
            nextStart = log.Time[k] + EverySeconds;
        }
        if (windows == 0) throw new Robot.Cli.InputException($"{log.Path}: no stretch of {WindowSeconds} s with the robot running; a validation log is robot-firmware run --telemetry while it balances");
        return new Score(windows, Math.Sqrt(sumSq / samples));
    }
}
