using Robot.SystemId;

namespace Robot.Trainer.Cli;

/// <summary>The fit report's pictures (ScottPlot): measured against fitted wheel rate and battery current, and the rate's residual.</summary>
public static class SysidPlots
{
    public static void Write(MotorExperimentFit.Replay replay, string folder, string name, string source)
    {
        var t = replay.Time.ToArray();
        var rate = new ScottPlot.Plot();
        Line(rate, t, replay.MeasuredRate.ToArray(), "measured (encoder)");
        Line(rate, t, replay.FittedRate.ToArray(), "fitted model");
        rate.Title($"{source}: wheel rate");
        rate.XLabel("time (s)");
        rate.YLabel("rad/s");
        rate.ShowLegend(ScottPlot.Alignment.UpperRight);
        rate.SavePng(Path.Combine(folder, name + "-rate.png"), 1000, 420);

        var current = new ScottPlot.Plot();
        Line(current, replay.CurrentTime.ToArray(), replay.MeasuredCurrent.ToArray(), "measured (INA219)");
        Line(current, replay.CurrentTime.ToArray(), replay.FittedCurrent.ToArray(), "fitted model");
        current.Title($"{source}: battery current");
        current.XLabel("time (s)");
        current.YLabel("A");
        current.ShowLegend(ScottPlot.Alignment.UpperRight);
        current.SavePng(Path.Combine(folder, name + "-current.png"), 1000, 420);

        var residual = new ScottPlot.Plot();
        Line(residual, t, replay.MeasuredRate.Zip(replay.FittedRate, (m, f) => m - f).ToArray(), "measured - fitted");
        residual.Title($"{source}: wheel rate residual (one encoder count a tick is {2 * Math.PI / 4096 / (t.Length > 1 ? t[1] - t[0] : 1):F2} rad/s)");
        residual.XLabel("time (s)");
        residual.YLabel("rad/s");
        residual.SavePng(Path.Combine(folder, name + "-residual.png"), 1000, 320);
    }

    /// <summary>The pendulum's swing: measured and fitted pitch rate.</summary>
    public static void WriteSwing(MotorExperimentFit.Replay replay, string folder, string name, string source)
    {
        var plot = new ScottPlot.Plot();
        Line(plot, replay.Time.ToArray(), replay.MeasuredRate.ToArray(), "measured (gyro)");
        Line(plot, replay.Time.ToArray(), replay.FittedRate.ToArray(), "fitted model");
        plot.Title($"{source}: pitch rate of the swinging body");
        plot.XLabel("time (s)");
        plot.YLabel("rad/s");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(Path.Combine(folder, name + "-rate.png"), 1000, 420);
    }

    static void Line(ScottPlot.Plot plot, double[] x, double[] y, string label)
    {
        var line = plot.Add.ScatterLine(x, y);
        line.LegendText = label;
        line.LineWidth = 1;
        line.MarkerSize = 0;
    }
}
