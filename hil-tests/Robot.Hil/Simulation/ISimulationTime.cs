namespace Robot.Hil.Simulation;

/// <summary>
/// The rig's time, shared by the firmware's clock and the simulated devices. In lockstep mode it is
/// the firmware's simulated clock (time a device spends on the bus moves it forward); in real-time
/// mode it is the wall clock, and spending time busy-waits.
/// </summary>
public interface ISimulationTime
{
    long NowNanoseconds { get; }

    /// <summary>Time a device takes (a bus transfer, a stall): advances simulated time, or waits in real time.</summary>
    void Spend(long nanoseconds);
}
