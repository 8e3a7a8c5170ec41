using Robot.Firmware.Safety;

namespace Robot.Hil.Running.Expectations;

/// <summary>expect.max_speed_rms_error_m_s: over the running ticks, the true speed against the firmware's own target.</summary>
public sealed class TracksSpeed(double rmsLimit) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        var trace = run.Trace;
        // Each running tick's target against the true speed at that moment (the trace runs at the loop's rate).
        var running = run.Telemetry.Where(r => r.State == SupervisorState.Running).ToList();
        double sum = 0;
        int n = 0, j = 0;
        foreach (var r in running)
        {
            while (j + 1 < trace.Count && trace[j + 1].Time <= r.Time) j++;
            if (trace.Count == 0) break;
            double e = trace[j].Velocity - r.TargetVelocity;
            sum += e * e;
            n++;
        }
        double rms = n > 0 ? Math.Sqrt(sum / n) : double.NaN;
        double peak = running.Count > 0 ? running.Max(r => Math.Abs(r.TargetVelocity)) : 0;
        yield return new("tracks the commanded speed", n > 0 && rms <= rmsLimit && peak > 0,
            n == 0 ? "never running" : peak == 0 ? "the firmware never took a command" : $"speed error rms {rms:F3} m/s (limit {rmsLimit:F3}), commands up to {peak:F2} m/s");
    }
}
