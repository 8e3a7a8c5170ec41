using System.Runtime.InteropServices;

namespace Robot.Firmware.Loop;

/// <summary>
/// Linux's real-time scheduling (SCHED_FIFO) for the loop's threads, so that nothing else on the
/// machine, the ground station's web server, a browser, a compiler, can delay a tick: a FIFO thread
/// runs whenever it is ready, ahead of every normal one (.NET's ThreadPriority does not do that on
/// Linux). Needs root or CAP_SYS_NICE (docs/deploy.md); without it the loop runs at normal priority
/// and says so. The kernel's real-time throttling (sched_rt_runtime_us, 95 % by default) still
/// leaves the rest of the machine a share should a FIFO thread ever spin.
/// </summary>
public static class RealTimeScheduling
{
    const int SchedOther = 0, SchedFifo = 1;

    [StructLayout(LayoutKind.Sequential)]
    struct SchedParam
    {
        public int Priority;
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    static extern int SetScheduler(int pid, int policy, ref SchedParam param);

    /// <summary>
    /// Moves the calling thread to SCHED_FIFO at <paramref name="priority"/> (1-99; 0 leaves it
    /// alone) until the result is disposed, which puts it back to normal scheduling.
    /// <paramref name="problem"/> says why not when it could not.
    /// </summary>
    public static IDisposable Enter(int priority, out string? problem)
    {
        problem = null;
        if (priority == 0) return Nothing.Instance;
        if (!OperatingSystem.IsLinux())
        {
            problem = "real-time scheduling is Linux's";
            return Nothing.Instance;
        }
        var param = new SchedParam { Priority = priority };
        if (SetScheduler(0, SchedFifo, ref param) != 0) // pid 0: the calling thread
        {
            problem = $"SCHED_FIFO {priority} refused (errno {Marshal.GetLastPInvokeError()}: run as root or with CAP_SYS_NICE)";
            return Nothing.Instance;
        }
        return new Restore();
    }

    /// <summary>
    /// Moves another thread of this process (its kernel thread id) to SCHED_FIFO at
    /// <paramref name="priority"/>; threads it creates afterwards inherit the policy. Null when done,
    /// else why not.
    /// </summary>
    public static string? Raise(int threadId, int priority)
    {
        if (!OperatingSystem.IsLinux()) return "real-time scheduling is Linux's";
        var param = new SchedParam { Priority = priority };
        return SetScheduler(threadId, SchedFifo, ref param) == 0 ? null
            : $"SCHED_FIFO {priority} refused (errno {Marshal.GetLastPInvokeError()}: run as root or with CAP_SYS_NICE)";
    }

    [DllImport("libc", EntryPoint = "gettid")]
    static extern int GetThreadId();

    /// <summary>The calling thread's kernel id (-1 off Linux).</summary>
    public static int CurrentThreadId() => OperatingSystem.IsLinux() ? GetThreadId() : -1;

    /// <summary>Puts the calling thread back to normal scheduling.</summary>
    public static void Leave()
    {
        if (!OperatingSystem.IsLinux()) return;
        var normal = new SchedParam { Priority = 0 };
        SetScheduler(0, SchedOther, ref normal);
    }

    sealed class Restore : IDisposable
    {
        public void Dispose() => Leave();
    }

    sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();
        public void Dispose() { }
    }
}
