using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety;

/// <summary>The state machine: explicit arming with a preflight, the direction pulse, the hold, faults from the set, the clear.</summary>
public class SafetySupervisorTests
{
    static readonly SupervisorLimits Limits = new();

    static (SafetySupervisor Supervisor, FaultSet Faults) Armed()
    {
        var faults = new FaultSet();
        var s = new SafetySupervisor(Limits, faults);
        Assert.True(s.TryArm(null));
        return (s, faults);
    }

    static void HoldUpright(SafetySupervisor s, double from, double seconds)
    {
        for (double t = from; t <= from + seconds; t += 0.005) s.Decide(t, true, 0.01, 0.05);
    }

    [Fact]
    public void ArmingIsExplicitAndAPreflightProblemRefusesIt()
    {
        var s = new SafetySupervisor(Limits, new FaultSet());
        for (int k = 0; k < 1000; k++) Assert.Equal(Drive.Off, s.Decide(k * 0.005, true, 0, 0)); // never arms by itself
        Assert.Equal(SupervisorState.Disarmed, s.State);
        Assert.False(s.TryArm("the IMU gives no good samples"));
        Assert.Equal(SupervisorState.Disarmed, s.State);
        Assert.Equal("the IMU gives no good samples", s.ArmRefusal);
        Assert.True(s.TryArm(null));
        Assert.Null(s.ArmRefusal);
        Assert.False(s.TryArm(null));
        Assert.Equal("already Arming", s.ArmRefusal);
    }

    [Fact]
    public void ArmingPulsesUntilTheDirectionIsVerifiedThenWaitsForTheHold()
    {
        var (s, _) = Armed();
        for (int k = 0; k < 100; k++) Assert.Equal(Drive.DirectionPulse, s.Decide(k * 0.005, true, 0, 0));
        s.DirectionVerified();
        Assert.Equal(Drive.Off, s.Decide(0.5, true, 0.01, 0));
        HoldUpright(s, 0.5, 0.9);
        Assert.Equal(SupervisorState.Arming, s.State);
        Assert.Equal(Drive.Off, s.Decide(1.45, true, 0.2, 0)); // tipped: the hold starts again
        HoldUpright(s, 1.5, 0.9);
        Assert.Equal(SupervisorState.Arming, s.State);
        HoldUpright(s, 2.4, 0.2);
        Assert.Equal(SupervisorState.Running, s.State);
        Assert.Equal(Drive.Policy, s.Decide(3, true, 0.3, 2));
    }

    [Theory]
    [InlineData(SupervisorState.Disarmed)]
    [InlineData(SupervisorState.Arming)]
    [InlineData(SupervisorState.Running)]
    public void AnyFaultInTheSetFaultsEveryStateAndOnlyAClearLeavesIt(SupervisorState from)
    {
        var faults = new FaultSet();
        var s = new SafetySupervisor(Limits, faults);
        if (from != SupervisorState.Disarmed)
        {
            s.TryArm(null);
            s.DirectionVerified();
            if (from == SupervisorState.Running) HoldUpright(s, 0, 1.1);
        }
        Assert.Equal(from, s.State);
        faults.Report(FaultCause.Watchdog, 5, "stuck");
        Assert.Equal(Drive.Off, s.Decide(5, true, 0, 0));
        Assert.Equal(SupervisorState.Faulted, s.State);
        Assert.False(s.TryArm(null));
        Assert.Equal("a fault is latched: clear it first", s.ArmRefusal);
        s.Disarm();
        Assert.Equal(SupervisorState.Faulted, s.State);
        Assert.True(s.ClearFault());
        Assert.False(faults.Any);
        Assert.Equal(SupervisorState.Disarmed, s.State);
        Assert.False(s.ClearFault());
    }

    [Fact]
    public void DisarmLeavesArmingAndRunningButNotFaulted()
    {
        var (s, _) = Armed();
        s.DirectionVerified();
        HoldUpright(s, 0, 1.1);
        Assert.Equal(SupervisorState.Running, s.State);
        s.Disarm();
        Assert.Equal(SupervisorState.Disarmed, s.State);
        Assert.Equal(Drive.Off, s.Decide(2, true, 0, 0));
    }
}
