using ScottPlot;
using Robot.Firmware.Safety;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Reporting;

/// <summary>
/// Pitch, wheel position, duty and supervisor state over time, stacked, one PNG (ScottPlot): a HIL
/// scenario's true plant, or a robot's own telemetry (robot-hil plot), drawn the same way so the two
/// can be laid side by side.
/// </summary>
public static class HilPlot
{
    /// <summary>One time series per panel; the state as the firmware's telemetry recorded it.</summary>
    sealed record Series(double[] Time, double[] PitchDegrees, double[] Position, double[] Duty, double[] StateTime, SupervisorState[] State);

    public static void Write(HilResult result, Scenario scenario, string pngPath)
    {
        var series = new Series(result.Trace.Select(s => s.Time).ToArray(), result.Trace.Select(s => s.Pitch * 180 / Math.PI).ToArray(),
            result.Trace.Select(s => s.Position).ToArray(), result.Trace.Select(s => s.Duty).ToArray(),
            result.Telemetry.Select(r => r.Time).ToArray(), result.Telemetry.Select(r => r.State).ToArray());
        Draw(series, $"{scenario.Name}: {(result.Passed ? "PASS" : "FAIL")}", result.DutyLimit, scenario.Duration, pngPath, plot =>
        {
            foreach (var fault in scenario.Faults)
            {
                var span = plot.Add.HorizontalSpan(fault.Start, Math.Min(fault.End, scenario.Duration));
                span.FillStyle.Color = ScottPlot.Colors.Red.WithAlpha(0.15);
            }
            foreach (var push in scenario.Pushes) plot.Add.VerticalLine(push.Time).LinePattern = ScottPlot.LinePattern.Dotted;
        });
    }

    /// <summary>A robot's run from its telemetry (the firmware's estimate, not a true plant), from its first row's time.</summary>
    public static void Write(Robot.SystemId.TelemetryLog log, double dutyLimit, string pngPath)
    {
        double start = log.Time[0];
        var time = log.Time.Select(t => t - start).ToArray();
        var states = log.State.Select(s => Enum.TryParse<SupervisorState>(s, out var state) ? state : SupervisorState.Faulted).ToArray();
        var series = new Series(time, log.Pitch.Select(p => p * 180 / Math.PI).ToArray(), log.Position, log.Duty, time, states);
        Draw(series, $"{Path.GetFileName(log.Path)}: {time[^1]:F1} s, {log.Count} ticks", dutyLimit, time[^1], pngPath, _ => { });
    }

    static void Draw(Series s, string title, double dutyLimit, double duration, string pngPath, Action<Plot> marks)
    {
        var multiplot = new ScottPlot.Multiplot();
        multiplot.AddPlots(4);
        var pitch = multiplot.GetPlot(0);
        var position = multiplot.GetPlot(1);
        var duty = multiplot.GetPlot(2);
        var state = multiplot.GetPlot(3);

        pitch.Add.ScatterLine(s.Time, s.PitchDegrees);
        pitch.YLabel("pitch (deg)");
        pitch.Title(title);
        position.Add.ScatterLine(s.Time, s.Position);
        position.YLabel("wheel position (m)");
        duty.Add.ScatterLine(s.Time, s.Duty);
        duty.Add.HorizontalLine(dutyLimit).LinePattern = ScottPlot.LinePattern.Dashed;
        duty.Add.HorizontalLine(-dutyLimit).LinePattern = ScottPlot.LinePattern.Dashed;
        duty.YLabel("motor duty");
        if (s.StateTime.Length > 0)
        {
            var stairs = state.Add.ScatterLine(s.StateTime, s.State.Select(x => (double)(int)x).ToArray());
            stairs.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        }
        state.Axes.Left.SetTicks([0, 1, 2, 3], Enum.GetNames<SupervisorState>());
        state.Axes.SetLimitsY(-0.5, 3.5);
        state.XLabel("time (s)");

        foreach (var plot in new[] { pitch, position, duty, state })
        {
            marks(plot);
            plot.Axes.SetLimitsX(0, duration);
        }
        multiplot.SavePng(pngPath, 1000, 1000);
    }
}
