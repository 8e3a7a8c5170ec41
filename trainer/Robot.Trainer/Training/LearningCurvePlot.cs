using System.Globalization;

namespace Robot.Trainer.Training;

/// <summary>Draws progress.csv's mean training return and the evaluations against env steps as a PNG (ScottPlot).</summary>
public static class LearningCurvePlot
{
    public static void Write(string progressCsv, string pngPath, string title, double threshold)
    {
        var steps = new List<double>();
        var train = new List<double>();
        var evalSteps = new List<double>();
        var eval = new List<double>();
        foreach (var line in File.ReadLines(progressCsv).Skip(1))
        {
            var c = line.Split(',');
            double s = double.Parse(c[1], CultureInfo.InvariantCulture);
            if (double.TryParse(c[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double r)) { steps.Add(s); train.Add(r); }
            if (c.Length > 12 && double.TryParse(c[12], NumberStyles.Float, CultureInfo.InvariantCulture, out double e)) { evalSteps.Add(s); eval.Add(e); }
        }
        var plot = new ScottPlot.Plot();
        if (steps.Count > 0)
        {
            var curve = plot.Add.ScatterLine(steps.ToArray(), train.ToArray());
            curve.LegendText = "mean return, last 100 training episodes";
            curve.LineWidth = 2;
        }
        if (evalSteps.Count > 0)
        {
            var points = plot.Add.ScatterPoints(evalSteps.ToArray(), eval.ToArray());
            points.LegendText = "deterministic evaluation";
            points.MarkerSize = 6;
        }
        var bar = plot.Add.HorizontalLine(threshold);
        bar.LinePattern = ScottPlot.LinePattern.Dashed;
        bar.LegendText = $"threshold {threshold:G}";
        plot.Title(title);
        plot.XLabel("environment steps");
        plot.YLabel("episode return");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(pngPath, 900, 540);
    }
}
