using System.Globalization;
using System.Text;
using Robot.Hil.Running;

namespace Robot.Hil.Reporting;

/// <summary>The plain-text table `hil suite` prints, one row per scenario and a verdict line.</summary>
public static class SuiteTable
{
    public static string Format(IReadOnlyList<HilResult> results, string policyName)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = results.Select(r => r.NotApplicable is string why ? [r.Scenario, "N/A", "-", "-", "-", "-", "-", "-", why] : new[]
        {
            r.Scenario, r.Passed ? "PASS" : "FAIL", r.MaxTilt.ToString("F3", c), r.MaxDrift.ToString("F3", c), r.MaxDuty.ToString("F2", c),
            r.Fault is null ? "-" : $"{r.Fault} @ {r.FaultTime!.Value.ToString("F2", c)} s",
            r.CutLatency is double cut ? (cut * 1000).ToString("F1", c) : "-",
            (r.RealTimeFactor).ToString("F0", c) + "x",
            r.Passed ? "" : string.Join("; ", r.Checks.Where(x => !x.Passed).Select(x => $"{x.Name}: {x.Detail}")),
        }).ToList();
        string[] header = ["scenario", "result", "max tilt rad", "max drift m", "max duty", "fault", "cut ms", "speed", "why not"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        int passed = results.Count(r => r.Passed), applicable = results.Count(r => r.NotApplicable is null);
        string skipped = applicable == results.Count ? "" : $" ({results.Count - applicable} not applicable to this robot)";
        text.AppendLine();
        text.AppendLine(passed == applicable
            ? $"FIT TO DEPLOY: {policyName} passed all {applicable} scenarios{skipped}. Next: docs/deploy.md."
            : $"NOT FIT TO DEPLOY: {policyName} failed {applicable - passed} of {applicable} scenarios{skipped}.");
        return text.ToString();
    }
}
