using Robot.Firmware.Testing;
using Robot.Firmware.Loop;

namespace Robot.Hil.Simulation;

/// <summary>Simulated time: the firmware's <see cref="SimulatedClock"/>; device time moves it forward.</summary>
public sealed class LockstepTime(SimulatedClock clock) : ISimulationTime
{
    public long NowNanoseconds => clock.NowNanoseconds;
    public void Spend(long nanoseconds) => clock.Advance(nanoseconds);
}
