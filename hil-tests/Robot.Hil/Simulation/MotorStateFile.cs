using System.IO.MemoryMappedFiles;

namespace Robot.Hil.Simulation;

/// <summary>
/// The simulated motor output's state in a small memory-mapped file: the PWM's enable and duty and
/// the two direction pins, written on every change. The pages belong to the kernel, so the state
/// outlives the process that wrote it, whatever kills it, as the Pi's PWM and GPIO registers do:
/// process-level tests read it after the firmware's process has ended.
/// </summary>
public sealed class MotorStateFile : IDisposable
{
    const int Size = 48;
    const int EnabledAt = 0, DutyAt = 8, In1At = 16, In2At = 17, HeartbeatFittedAt = 18, ChangesAt = 24, LastBeatAt = 32, StoppedAt = 40;

    readonly MemoryMappedFile _file;
    readonly MemoryMappedViewAccessor _view;

    MotorStateFile(MemoryMappedFile file)
    {
        _file = file;
        _view = file.CreateViewAccessor(0, Size);
    }

    /// <summary>Opens the file, creating it zeroed (PWM off, pins low) if it does not exist.</summary>
    public static MotorStateFile Open(string path) =>
        new(MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, Size, MemoryMappedFileAccess.ReadWrite));

    public void WritePwm(bool enabled, double duty)
    {
        bool wasDriven = _view.ReadInt64(EnabledAt) != 0 && _view.ReadDouble(DutyAt) != 0;
        _view.Write(DutyAt, duty);
        _view.Write(EnabledAt, enabled ? 1L : 0L);
        _view.Write(ChangesAt, _view.ReadInt64(ChangesAt) + 1);
        if (wasDriven && (!enabled || duty == 0)) _view.Write(StoppedAt, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    public void WritePin(bool in1, bool value) => _view.Write(in1 ? In1At : In2At, value);

    /// <summary>Whether the driver's enable goes through the heartbeat circuit (robot.json heartbeat.pin).</summary>
    public void FitHeartbeat(bool fitted) => _view.Write(HeartbeatFittedAt, fitted);

    /// <summary>An edge on the heartbeat pin, stamped with the machine's monotonic clock (Stopwatch), which every process shares.</summary>
    public void WriteHeartbeat(long timestamp) => _view.Write(LastBeatAt, timestamp);

    /// <summary>What the motor output was left at.</summary>
    public static MotorState Read(string path)
    {
        using var state = Open(path);
        var v = state._view;
        return new MotorState(v.ReadInt64(EnabledAt) != 0, v.ReadDouble(DutyAt), v.ReadBoolean(In1At), v.ReadBoolean(In2At), v.ReadInt64(ChangesAt),
            v.ReadBoolean(HeartbeatFittedAt), v.ReadInt64(LastBeatAt), v.ReadInt64(StoppedAt));
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }
}

/// <summary>
/// The motor output: PWM enabled and its duty, IN1 and IN2, how many PWM writes there were and when
/// the PWM last went from driving to off, and the heartbeat circuit (fitted or not, and its last edge); times are Stopwatch
/// timestamps, the machine's monotonic clock, which every process shares.
/// </summary>
public readonly record struct MotorState(bool PwmEnabled, double Duty, bool In1, bool In2, long PwmWrites, bool HeartbeatFitted = false, long LastBeat = 0,
    long StoppedAt = 0)
{
    /// <summary>What the software left: no torque can reach the wheel (PWM disabled or at duty 0, or both inputs equal: coast or brake).</summary>
    public bool Stopped => !PwmEnabled || Duty == 0 || In1 == In2;

    /// <summary>Seconds from the heartbeat's last edge to <paramref name="now"/> (a Stopwatch timestamp).</summary>
    public double SinceLastBeat(long now) => (double)(now - LastBeat) / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Whether the motor is driven at <paramref name="now"/>: the software drives it, and the heartbeat circuit (when fitted) still holds the enable.</summary>
    public bool DrivenAt(long now) => !Stopped && (!HeartbeatFitted || SinceLastBeat(now) < SimulatedWorld.HeartbeatHoldSeconds);
}
