using Robot.Firmware.Configuration;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Running.Expectations;

/// <summary>
/// What one run left behind for the expectations to judge: the plant's true trace, the PWM the firmware
/// wrote, the firmware's own state and telemetry, and the figures several expectations share.
/// </summary>
public sealed class RunRecord
{
    public RunRecord(Scenario scenario, RobotConfig config, SimulatedWorld world, SimulatedPwmChannel pwm, BalanceRobot robot,
        IReadOnlyList<TickRecord> telemetry, double clockOrigin)
    {
        Scenario = scenario;
        Config = config;
        Trace = world.Trace;
        ReleaseTime = world.ReleaseTime;
        Pwm = pwm;
        Robot = robot;
        Telemetry = telemetry;
        ClockOrigin = clockOrigin;
        var free = Trace.Where(s => !s.Held).ToList();
        MaxTilt = free.Count > 0 ? free.Max(s => Math.Abs(s.Pitch)) : 0;
        MaxDrift = Trace.Count > 0 ? Trace.Max(s => Math.Abs(s.Position)) : 0;
        RunningSince = telemetry.FirstOrDefault(r => r.State == SupervisorState.Running) is { State: SupervisorState.Running } first ? first.Time : null;
        TroubleStart = ScenarioFile.TroubleStart(scenario);
        var last = pwm.LastChange;
        CutLatency = last.Duty == 0 && !pwm.Running && Faulted ? Math.Max(0, last.Time - TroubleStart) : null;
    }

    public Scenario Scenario { get; }
    public RobotConfig Config { get; }
    public IReadOnlyList<TraceSample> Trace { get; }
    /// <summary>When the hand let go (s).</summary>
    public double ReleaseTime { get; }
    public SimulatedPwmChannel Pwm { get; }
    public BalanceRobot Robot { get; }
    /// <summary>The firmware's telemetry, times on the scenario's clock.</summary>
    public IReadOnlyList<TickRecord> Telemetry { get; }
    /// <summary>The firmware clock's reading at the scenario's time 0: fault times are the firmware's, less this.</summary>
    public double ClockOrigin { get; }

    /// <summary>The largest |pitch| once no hand held the body, rad.</summary>
    public double MaxTilt { get; }
    /// <summary>The farthest the wheel got from its start, m.</summary>
    public double MaxDrift { get; }
    public bool Fell => MaxTilt > HilRunner.FallPitch;
    public bool Faulted => Robot.Supervisor.State == SupervisorState.Faulted;
    /// <summary>The first tick in Running (s), or null.</summary>
    public double? RunningSince { get; }
    /// <summary>When the scenario's trouble began: its first fault window, else its last push, else 0.</summary>
    public double TroubleStart { get; }
    /// <summary>From the trouble's start to the motor's last change, to off, when the run ended faulted with the motor off (s); else null.</summary>
    public double? CutLatency { get; }
}
