using Robot.SystemId;

namespace Robot.Trainer.Cli;

/// <summary>The fit report's pictures (ScottPlot): measured against fitted signals, and the wheel rate's residual.</summary>
public static class SysidPlots
{
    /// <summary>The motor experiment: wheel rate and battery current, measured and fitted, and the rate's residual.</summary>
    public static void Write(MotorExperimentFit.Replay replay, string folder, string name, string source)
    {
        var t = replay.Time.ToArray();
        Compare(t, replay.MeasuredRate, replay.FittedRate, "measured (encoder)", $"{source}: wheel rate", "rad/s", Path.Combine(folder, name + "-rate.png"));
        Compare(replay.CurrentTime.ToArray(), replay.MeasuredCurrent, replay.FittedCurrent, "measured (INA219)", $"{source}: battery current", "A",
            Path.Combine(folder, name + "-current.png"));

        var residual = new ScottPlot.Plot();
        Line(residual, t, replay.MeasuredRate.Zip(replay.FittedRate, (m, f) => m - f).ToArray(), "measured - fitted");
        residual.Title($"{source}: wheel rate residual (one encoder count a tick is {Robot.Observation.As5600Scale.RadiansPerCount / (t.Length > 1 ? t[1] - t[0] : 1):F2} rad/s)");
        residual.XLabel("time (s)");
        residual.YLabel("rad/s");
        residual.SavePng(Path.Combine(folder, name + "-residual.png"), 1000, 320);
    }

    /// <summary>The pendulum's swing: measured and fitted pitch rate.</summary>
    public static void WriteSwing(MotorExperimentFit.Replay replay, string folder, string name, string source) =>
        Compare(replay.Time.ToArray(), replay.MeasuredRate, replay.FittedRate, "measured (gyro)", $"{source}: pitch rate of the swinging body", "rad/s",
            Path.Combine(folder, name + "-rate.png"));

    static void Compare(double[] time, List<double> measured, List<double> fitted, string measuredLabel, string title, string unit, string path)
    {
        var plot = new ScottPlot.Plot();
        Line(plot, time, measured.ToArray(), measuredLabel);
        Line(plot, time, fitted.ToArray(), "fitted model");
        plot.Title(title);
        plot.XLabel("time (s)");
        plot.YLabel(unit);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 1000, 420);
    }

    static void Line(ScottPlot.Plot plot, double[] x, double[] y, string label)
    {
        var line = plot.Add.ScatterLine(x, y);
        line.LegendText = label;
        line.LineWidth = 1;
        line.MarkerSize = 0;
    }
}
