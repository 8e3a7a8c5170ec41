using Robot.Firmware.Safety;

namespace Robot.Firmware.Tests.Safety;

/// <summary>Every state against every event, and the arming sequence in time.</summary>
public class SafetySupervisorTests
{
    static readonly SupervisorLimits Limits = new() { LowBatteryVoltage = 9.5 };

    static SupervisorInputs Upright(double t) => new(t, SensorHealth.Ok, 0.01, 0.05, true, true, false, false, 11.1);

    static SafetySupervisor InState(SupervisorState state)
    {
        var s = new SafetySupervisor(Limits);
        if (state == SupervisorState.Disarmed) return s;
        if (state == SupervisorState.Faulted)
        {
            s.Tick(Upright(0) with { EmergencyStop = true });
            return s;
        }
        Assert.True(s.RequestArm(true, 0));
        if (state == SupervisorState.Running)
            for (double t = 0; t <= 1.1; t += 0.005) s.Tick(Upright(t));
        Assert.Equal(state, s.State);
        return s;
    }

    public static TheoryData<SupervisorState, string, SupervisorState, FaultCause> Transitions()
    {
        var data = new TheoryData<SupervisorState, string, SupervisorState, FaultCause>();
        void Add(SupervisorState from, string e, SupervisorState to, FaultCause cause = FaultCause.None) => data.Add(from, e, to, cause);
        foreach (var active in new[] { SupervisorState.Arming, SupervisorState.Running })
        {
            Add(active, "read failures", SupervisorState.Faulted, FaultCause.SensorReadFailures);
            Add(active, "out of range", SupervisorState.Faulted, FaultCause.SensorOutOfRange);
            Add(active, "frozen", SupervisorState.Faulted, FaultCause.SensorFrozen);
            Add(active, "nan observation", SupervisorState.Faulted, FaultCause.NonFiniteObservation);
            Add(active, "overruns", SupervisorState.Faulted, FaultCause.LoopOverruns);
            Add(active, "estop", SupervisorState.Faulted, FaultCause.EmergencyStop);
            Add(active, "low battery", SupervisorState.Faulted, FaultCause.LowBattery);
            Add(active, "disarm", SupervisorState.Disarmed);
            Add(active, "arm", active);
            Add(active, "clear", active);
        }
        Add(SupervisorState.Running, "tilt", SupervisorState.Faulted, FaultCause.Tilt);
        Add(SupervisorState.Arming, "tilt", SupervisorState.Arming);        // not held upright: keeps waiting
        Add(SupervisorState.Running, "nan action", SupervisorState.Faulted, FaultCause.NonFiniteAction);
        Add(SupervisorState.Arming, "nan action", SupervisorState.Arming);  // no action is used while arming
        Add(SupervisorState.Running, "one read failure", SupervisorState.Running);
        Add(SupervisorState.Running, "one overrun", SupervisorState.Running);
        foreach (var e in new[] { "read failures", "out of range", "frozen", "nan observation", "overruns", "low battery", "tilt", "nan action", "disarm", "clear" })
            Add(SupervisorState.Disarmed, e, SupervisorState.Disarmed);
        Add(SupervisorState.Disarmed, "estop", SupervisorState.Faulted, FaultCause.EmergencyStop);
        Add(SupervisorState.Disarmed, "arm", SupervisorState.Arming);
        Add(SupervisorState.Disarmed, "arm invalid policy", SupervisorState.Faulted, FaultCause.PolicyInvalid);
        foreach (var e in new[] { "read failures", "tilt", "estop", "disarm", "arm", "nan action" })
            Add(SupervisorState.Faulted, e, SupervisorState.Faulted, FaultCause.EmergencyStop); // latched: the first cause stays
        Add(SupervisorState.Faulted, "clear", SupervisorState.Disarmed, FaultCause.EmergencyStop);
        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Transition(SupervisorState from, string @event, SupervisorState to, FaultCause cause)
    {
        var s = InState(from);
        double t = 2;
        var i = Upright(t);
        switch (@event)
        {
            case "read failures": for (int k = 0; k < Limits.MaxConsecutiveReadFailures; k++) s.Tick(i with { Time = t + k * 0.005, Sensors = SensorHealth.ReadFailed }); break;
            case "one read failure": s.Tick(i with { Sensors = SensorHealth.ReadFailed }); s.Tick(i); break;
            case "out of range": s.Tick(i with { Sensors = SensorHealth.OutOfRange }); break;
            case "frozen": s.Tick(i with { Sensors = SensorHealth.Frozen }); break;
            case "nan observation": s.Tick(i with { ObservationFinite = false }); break;
            case "nan action": s.Tick(i with { ActionFinite = false }); break;
            case "overruns": for (int k = 0; k < Limits.MaxConsecutiveOverruns; k++) s.Tick(i with { Time = t + k * 0.005, Overrun = true }); break;
            case "one overrun": s.Tick(i with { Overrun = true }); s.Tick(i); break;
            case "estop": s.Tick(i with { EmergencyStop = true }); break;
            case "low battery": s.Tick(i with { BatteryVoltage = 9.0 }); break;
            case "tilt": s.Tick(i with { Pitch = 0.6 }); break;
            case "disarm": s.Disarm(); break;
            case "arm": s.RequestArm(true, t); break;
            case "arm invalid policy": s.RequestArm(false, t); break;
            case "clear": s.ClearFault(); break;
            default: throw new ArgumentException(@event);
        }
        Assert.Equal(to, s.State);
        Assert.Equal(cause, s.LastFault.Cause);
        Assert.Equal(to == SupervisorState.Running, s.MotorEnabled);
    }

    [Fact]
    public void ArmingNeedsTheBodyHeldUprightAndStillForTheWholeHoldTime()
    {
        var s = new SafetySupervisor(Limits);
        Assert.True(s.RequestArm(true, 0));
        double t = 0;
        for (; t < 0.6; t += 0.005) Assert.False(s.Tick(Upright(t)));
        s.Tick(Upright(t) with { PitchRate = 1.0 }); // a wobble restarts the hold
        double restart = t;
        for (t += 0.005; t < restart + 0.99; t += 0.005) Assert.False(s.Tick(Upright(t)));
        bool running = false;
        for (; t < restart + 1.1 && !running; t += 0.005) running = s.Tick(Upright(t));
        Assert.True(running);
        Assert.Equal(SupervisorState.Running, s.State);
    }

    [Fact]
    public void EveryFaultIsReportedOnceWithItsCauseAndTime()
    {
        var s = InState(SupervisorState.Running);
        var seen = new List<Fault>();
        s.Faulted += seen.Add;
        s.Tick(Upright(3.25) with { Pitch = -0.7 });
        s.Tick(Upright(3.26) with { EmergencyStop = true });
        var fault = Assert.Single(seen);
        Assert.Equal(FaultCause.Tilt, fault.Cause);
        Assert.Equal(3.25, fault.Time);
        Assert.Contains("pitch", fault.Detail);
        Assert.False(s.MotorEnabled);
    }
}
