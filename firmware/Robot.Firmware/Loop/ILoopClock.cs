namespace Robot.Firmware.Loop;

/// <summary>
/// Time for the control loop, in nanoseconds since an arbitrary origin. The robot uses the
/// monotonic Stopwatch clock; tests and the hardware-in-the-loop rig use simulated time, in which
/// the loop runs faster than real time and deterministically.
/// </summary>
public interface ILoopClock
{
    long NowNanoseconds { get; }

    /// <summary>Returns at (or as soon as possible after) the deadline.</summary>
    void WaitUntil(long deadlineNanoseconds);

    /// <summary>
    /// Calls <paramref name="callback"/> with the time about every <paramref name="periodNanoseconds"/>,
    /// independently of the thread that waits and works (the watchdog's timer), until disposed.
    /// On the robot that is its own thread; in simulated time it runs whenever time passes.
    /// </summary>
    IDisposable Every(long periodNanoseconds, Action<long> callback);
}
