using ScottPlot;
using Robot.Firmware.Safety;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Reporting;

/// <summary>Pitch, wheel position, duty and supervisor state over time, stacked, one PNG (ScottPlot).</summary>
public static class HilPlot
{
    public static void Write(HilResult result, Scenario scenario, string pngPath)
    {
        var t = result.Trace.Select(s => s.Time).ToArray();
        var multiplot = new ScottPlot.Multiplot();
        multiplot.AddPlots(4);
        var pitch = multiplot.GetPlot(0);
        var position = multiplot.GetPlot(1);
        var duty = multiplot.GetPlot(2);
        var state = multiplot.GetPlot(3);

        pitch.Add.ScatterLine(t, result.Trace.Select(s => s.Pitch * 180 / Math.PI).ToArray());
        pitch.YLabel("pitch (deg)");
        pitch.Title($"{scenario.Name}: {(result.Passed ? "PASS" : "FAIL")}");
        position.Add.ScatterLine(t, result.Trace.Select(s => s.Position).ToArray());
        position.YLabel("wheel position (m)");
        duty.Add.ScatterLine(t, result.Trace.Select(s => s.Duty).ToArray());
        duty.Add.HorizontalLine(result.DutyLimit).LinePattern = ScottPlot.LinePattern.Dashed;
        duty.Add.HorizontalLine(-result.DutyLimit).LinePattern = ScottPlot.LinePattern.Dashed;
        duty.YLabel("motor duty");
        if (result.Telemetry.Count > 0)
        {
            var stairs = state.Add.ScatterLine(result.Telemetry.Select(r => r.Time).ToArray(), result.Telemetry.Select(r => (double)(int)r.State).ToArray());
            stairs.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        }
        state.Axes.Left.SetTicks([0, 1, 2, 3], Enum.GetNames<SupervisorState>());
        state.Axes.SetLimitsY(-0.5, 3.5);
        state.XLabel("time (s)");

        foreach (var plot in new[] { pitch, position, duty, state })
        {
            foreach (var fault in scenario.Faults)
            {
                var span = plot.Add.HorizontalSpan(fault.Start, Math.Min(fault.End, scenario.Duration));
                span.FillStyle.Color = ScottPlot.Colors.Red.WithAlpha(0.15);
            }
            foreach (var push in scenario.Pushes) plot.Add.VerticalLine(push.Time).LinePattern = ScottPlot.LinePattern.Dotted;
            plot.Axes.SetLimitsX(0, scenario.Duration);
        }
        multiplot.SavePng(pngPath, 1000, 1000);
    }
}
