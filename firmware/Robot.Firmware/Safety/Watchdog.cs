using Robot.Observation;
namespace Robot.Firmware.Safety;

/// <summary>
/// Watches the loop from outside it. The loop kicks it at the end of every tick; an independent
/// timer (a thread on the robot, a simulated-time timer in the rig) checks it about every
/// millisecond. No tick for longer than the limit (the loop thread stuck in an I2C transfer, say)
/// reports a Watchdog fault and cuts the motor from the timer's thread. The e-stop is honoured here
/// too, so it works while the loop is stuck. It judges only while the motor output is enabled.
/// </summary>
public sealed class Watchdog(SupervisorLimits limits, MotorGate motor, FaultSet faults, Func<bool> emergencyStop)
{
    /// <summary>How often the timer checks, ns.</summary>
    public const long CheckPeriodNanoseconds = 1_000_000;

    readonly long _timeout = (long)(limits.WatchdogSeconds * 1e9);
    long _lastKick = long.MinValue;

    /// <summary>Called by the loop at the end of every tick.</summary>
    public void Kick(long nowNanoseconds) => Volatile.Write(ref _lastKick, nowNanoseconds);

    /// <summary>The loop has ended on purpose: stop judging it.</summary>
    public void Disengage() => Volatile.Write(ref _lastKick, long.MinValue);

    /// <summary>Called by the independent timer.</summary>
    public void Check(long nowNanoseconds)
    {
        double time = nowNanoseconds / 1e9;
        if (emergencyStop())
        {
            faults.Report(FaultCause.EmergencyStop, time, "e-stop input active");
            motor.Cut();
        }
        long last = Volatile.Read(ref _lastKick);
        // Only a motor that may be driven needs cutting: a loop slow while disarmed (its first ticks
        // compile their code) drives nothing, and the output starts disabled.
        if (last != long.MinValue && nowNanoseconds - last > _timeout && motor.MayDrive)
        {
            faults.Report(FaultCause.Watchdog, time, "no control tick for {0:F3} s (watchdog {1:F3} s)", (nowNanoseconds - last) / 1e9, limits.WatchdogSeconds);
            motor.Cut();
        }
    }
}
