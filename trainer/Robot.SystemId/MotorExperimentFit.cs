using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.SystemId;

/// <summary>
/// Fits the drive's parameters to a motor experiment's log (body clamped, wheel in the air:
/// robot-firmware identify --experiment motor). Replays the recorded duty, each switched on when
/// its tick's work ended (compute_us), times the battery voltage the monitor measured, through the
/// shared plant's wheel-lifted model, and fits the motor constant K (torque and back-EMF, equal in SI
/// units), the winding resistance R, viscous and dry friction, the deadband, the drive's inertia
/// (wheel plus reflected rotor), the electronics' own current and the sensors' sampling delay into
/// the tick to two signals: the encoder's angle change every tick, and the battery current every
/// time the monitor was read (quiescent current plus duty times winding current).
/// Levenberg-Marquardt from Math.NET Numerics, numerical Jacobian; standard errors from its covariance.
/// </summary>
public static class MotorExperimentFit
{
    /// <summary>The fitted quantities, in vector order, with units.</summary>
    public static readonly (string Name, string Unit)[] Names =
    [
        ("torque_constant", "N m/A"), ("resistance", "ohm"), ("viscous_friction", "N m s/rad"), ("coulomb_friction", "N m"),
        ("deadband", "V"), ("drive_inertia", "kg m^2"), ("quiescent_current", "A"), ("sensor_delay", "s"), ("current_read_after_encoder", "s"),
        ("battery_resistance", "ohm"),
    ];

    // Measurement noise that weighs each signal: the AS5600's 12-bit step, and a few INA219 counts.
    const double AngleStep = As5600Scale.RadiansPerCount;
    const double CurrentNoise = 0.002;
    const double Substep = 0.0005; // as the simulation integrates: 2 kHz

    // Where the electronics' draw and the sensors' delay start (the fit finds the robot's own).
    const double QuiescentGuess = 0.05, SensorDelayGuess = 0.0003, CurrentAfterGuess = 0.0003, BatteryResistanceGuess = 0.05;

    public sealed record Result(IReadOnlyList<IdentifiedParameter> Parameters, UniwheelParameters Plant, double AngleRmsResidual, double CurrentRmsResidual,
        int Iterations, string ExitReason, Replay Fitted);

    /// <summary>Measured and fitted signals of one log, for the fit report's plots: wheel rate every tick, battery current at every read.</summary>
    public sealed class Replay
    {
        public List<double> Time { get; } = [];
        public List<double> MeasuredRate { get; } = [];
        public List<double> FittedRate { get; } = [];
        public List<double> CurrentTime { get; } = [];
        public List<double> MeasuredCurrent { get; } = [];
        public List<double> FittedCurrent { get; } = [];
    }

    /// <param name="start">The parameters to start from (the defaults, or the robot's previous plant file); the fit keeps its other values.</param>
    /// <param name="brakeAtZeroDuty">
    /// What the bridge does at duty 0, as robot.json's motor.stop_mode says: coast (false, the default: both
    /// inputs low, the windings open, no back-EMF braking) or brake (true: the windings shorted).
    /// </param>
    public static Result Fit(TelemetryLog log, UniwheelParameters start, bool brakeAtZeroDuty = false)
    {
        var data = Prepare(log) with { BrakeAtZeroDuty = brakeAtZeroDuty };
        var guess = Vector<double>.Build.DenseOfArray([start.TorqueConstant, start.Resistance, start.ViscousFriction, start.CoulombFriction,
            Math.Max(start.Deadband, 0.05), start.WheelInertia + start.RotorInertia, QuiescentGuess, SensorDelayGuess, CurrentAfterGuess, BatteryResistanceGuess]);
        // Positive and within two decades of the start (the delay within the shortest tick): a bad step cannot leave physics.
        var lower = guess.Map(v => v / 100);
        var upper = guess.Map(v => v * 100);
        lower[7] = lower[8] = 0;
        upper[7] = data.ShortestTick;
        upper[8] = data.ShortestTick / 2;
        lower[9] = 0;
        var observedX = Vector<double>.Build.Dense(data.Observed.Length, i => i);
        var observedY = Vector<double>.Build.DenseOfArray(data.Observed);
        var weights = Vector<double>.Build.DenseOfArray(data.Weights);
        var objective = ObjectiveFunction.NonlinearModel((p, _) => Vector<double>.Build.DenseOfArray(Predict(data, ToPlant(start, p), new PowerSupply(data.OpenCircuitVolts, p[9], p[6]), p[7], p[8], null)),
            observedX, observedY, weights);
        var scales = guess.Clone();
        scales[7] = scales[8] = data.ShortestTick;
        var result = new LevenbergMarquardtMinimizer(maximumIterations: 200).FindMinimum(objective, guess, lower, upper, scales);
        var best = result.MinimizingPoint;
        var errors = result.StandardErrors;
        var plant = ToPlant(start, best);
        var replay = new Replay();
        var predicted = Predict(data, plant, new PowerSupply(data.OpenCircuitVolts, best[9], best[6]), best[7], best[8], replay);
        double angleSq = 0, currentSq = 0;
        int angles = 0, currents = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double r = predicted[i] - data.Observed[i];
            if (data.IsCurrent[i]) { currentSq += r * r; currents++; } else { angleSq += r * r; angles++; }
        }
        var parameters = Names.Select((n, i) => new IdentifiedParameter(n.Name, best[i], errors[i], n.Unit, IdentifiedParameter.OnBound(best[i], lower[i], upper[i]))).ToList();
        return new Result(parameters, plant, Math.Sqrt(angleSq / Math.Max(angles, 1)), Math.Sqrt(currentSq / Math.Max(currents, 1)),
            result.Iterations, result.ReasonForExit.ToString(), replay);
    }

    static UniwheelParameters ToPlant(UniwheelParameters start, Vector<double> p) => start with
    {
        TorqueConstant = p[0], BackEmfConstant = p[0], Resistance = p[1], ViscousFriction = p[2], CoulombFriction = p[3], Deadband = p[4],
        RotorInertia = p[5] - start.WheelInertia, // the experiment sees the sum; the wheel's share stays as built
    };

    /// <summary>
    /// The running part of the log: per tick its start, when its duty took effect, the duty, the
    /// supply voltage, and whether the current was read; the observations in prediction order.
    /// </summary>
    sealed record Data(double[] TickStart, double[] Switch, double[] Duty, double OpenCircuitVolts, bool[] CurrentRead, double DutyBefore, double InitialRate,
        double[] Observed, double[] Weights, bool[] IsCurrent, double ShortestTick)
    {
        public bool BrakeAtZeroDuty { get; init; }

        /// <summary>The firmware stops the bridge for a duty of exactly 0: open windings unless it brakes.</summary>
        public bool OpenAt(double duty) => duty == 0 && !BrakeAtZeroDuty;
    }

    static Data Prepare(TelemetryLog log)
    {
        int first = Array.IndexOf(log.State, TelemetrySchema.RunningState);
        if (first < 1) throw new Robot.Cli.InputException($"{log.Path}: the robot never ran the experiment (no Running rows after arming)");
        int last = first;
        while (last + 1 < log.Count && log.State[last + 1] == TelemetrySchema.RunningState) last++;
        if (last - first < 100) throw new Robot.Cli.InputException($"{log.Path}: only {last - first + 1} running ticks; the experiment did not complete");
        if (log.BatteryAmps.Skip(first).Take(last - first + 1).Any(double.IsNaN))
            throw new Robot.Cli.InputException($"{log.Path}: no battery current in the log; the motor experiment needs the INA219 (battery.monitor_address in robot.json)");
        int n = last - first + 1;
        var tickStart = new double[n];
        var switchAt = new double[n];
        var duty = new double[n];
        var currentRead = new bool[n];
        var observed = new List<double>();
        var weights = new List<double>();
        var isCurrent = new List<bool>();
        double shortest = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            int k = first + i;
            tickStart[i] = log.Time[k];
            switchAt[i] = log.Time[k] + log.ComputeMicroseconds[k] * 1e-6;
            duty[i] = log.Duty[k];
            currentRead[i] = log.Tick[k] % SensorSchedule.SlowEvery == 0;
            if (i == 0) continue;
            shortest = Math.Min(shortest, log.Time[k] - log.Time[k - 1]);
            observed.Add(As5600Scale.ShortestStep(log.Encoder[k] - log.Encoder[k - 1]) * AngleStep);
            weights.Add(1 / (AngleStep * AngleStep));
            isCurrent.Add(false);
            if (currentRead[i])
            {
                observed.Add(log.BatteryAmps[k]);
                weights.Add(1 / (CurrentNoise * CurrentNoise));
                isCurrent.Add(true);
            }
        }
        double initialRate = As5600Scale.ShortestStep(log.Encoder[first] - log.Encoder[first - 1]) * AngleStep / (log.Time[first] - log.Time[first - 1]);
        // The pack's own voltage: the (filtered) reading while the motor rests, when only the electronics draw.
        var resting = Enumerable.Range(first, n).Where(k => log.Duty[k] == 0).Select(k => log.BatteryVolts[k]).Order().ToArray();
        if (resting.Length == 0) throw new Robot.Cli.InputException($"{log.Path}: the motor never rested while running, so this is not a motor experiment's log " +
            "(a balancing run's telemetry?): give such a log to --validate, and record --data with robot-firmware identify --experiment motor");
        return new Data(tickStart, switchAt, duty, resting[resting.Length / 2], currentRead, log.Duty[first - 1], initialRate, observed.ToArray(), weights.ToArray(), isCurrent.ToArray(), shortest);
    }

    /// <summary>
    /// Replays the log's duty through the plant: the predicted observations, in Prepare's order.
    /// The encoder samples <paramref name="delay"/> seconds into each tick and the battery monitor
    /// <paramref name="currentAfter"/> later (the slow reads follow the fast ones); tick i's duty acts from its switch time.
    /// </summary>
    static double[] Predict(Data data, UniwheelParameters parameters, PowerSupply supply, double delay, double currentAfter, Replay? replay)
    {
        var plant = new UniwheelPlant(parameters);
        var predicted = new double[data.Observed.Length];
        var state = new UniwheelState(0, 0, data.InitialRate, 0);
        double now = data.TickStart[0] + delay, activeDuty = data.DutyBefore;
        int activeTick = -1, o = 0;
        double sampledAngle = state.WheelAngle; // at the last encoder sample (the current is read a little after it)
        for (int i = 1; i < data.TickStart.Length; i++)
        {
            double sample = data.TickStart[i] + delay;
            // Every switch up to this sample: the previous ticks' duties, each from when its tick ended.
            while (activeTick + 1 < i && data.Switch[activeTick + 1] <= sample)
            {
                int next = activeTick + 1;
                Advance(plant, supply, ref state, ref now, Math.Max(data.Switch[next], now), activeDuty, data.OpenAt(activeDuty));
                activeTick = next;
                activeDuty = data.Duty[next];
            }
            bool open = data.OpenAt(activeDuty);
            Advance(plant, supply, ref state, ref now, sample, activeDuty, open);
            predicted[o++] = state.WheelAngle - sampledAngle;
            sampledAngle = state.WheelAngle;
            if (replay is not null)
            {
                double seconds = data.TickStart[i] - data.TickStart[i - 1];
                replay.Time.Add(data.TickStart[i]);
                replay.MeasuredRate.Add(data.Observed[o - 1] / seconds);
                replay.FittedRate.Add(predicted[o - 1] / seconds);
            }
            if (data.CurrentRead[i])
            {
                // Still before this tick's own switch: its work ends after its reads.
                Advance(plant, supply, ref state, ref now, Math.Min(sample + currentAfter, data.Switch[i]), activeDuty, open);
                predicted[o++] = supply.Current(plant, activeDuty, state.WheelRate - state.PitchRate, open);
                if (replay is not null)
                {
                    replay.CurrentTime.Add(data.TickStart[i]);
                    replay.MeasuredCurrent.Add(data.Observed[o - 1]);
                    replay.FittedCurrent.Add(predicted[o - 1]);
                }
            }
        }
        return predicted;
    }

    static void Advance(UniwheelPlant plant, PowerSupply supply, ref UniwheelState state, ref double now, double until, double duty, bool open)
    {
        double span = until - now;
        if (span <= 0) return;
        int substeps = Math.Max(1, (int)Math.Ceiling(span / Substep - 1e-9));
        double h = span / substeps;
        for (int s = 0; s < substeps; s++) state = plant.Step(state, duty * supply.TerminalVolts(plant, duty, state.WheelRate - state.PitchRate, open), h, open, Mount.WheelLifted);
        now = until;
    }
}
