namespace Robot.Hil.Running.Expectations;

/// <summary>expect.target_zero_within_s: once the sender goes quiet (drive.stop_sending_s), the firmware's target is 0 within this long and stays 0.</summary>
public sealed class DeadMan(double within, double quietFrom) : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        var telemetry = run.Telemetry;
        var after = telemetry.Where(r => r.Time >= quietFrom + within).ToList();
        var lastNonZero = telemetry.LastOrDefault(r => r.TargetVelocity != 0);
        bool ok = after.Count > 0 && after.All(r => r.TargetVelocity == 0) && telemetry.Any(r => r.Time < quietFrom && r.TargetVelocity != 0);
        yield return new("dead-man: command back to 0", ok, lastNonZero.Time > 0
            ? $"last non-zero target at {lastNonZero.Time:F3} s, {(lastNonZero.Time - quietFrom) * 1000:F0} ms after the sender went quiet at {quietFrom:F2} s (limit {within * 1000:F0} ms)"
            : "the firmware never took a command");
    }
}
