using System.Runtime.InteropServices;
using Robot.Firmware.Loop;

namespace Robot.Firmware.Tests.Loop;

/// <summary>The loop thread's SCHED_FIFO: taken when allowed, said why when not, and always given back.</summary>
public class RealTimeSchedulingTests
{
    const int SchedOther = 0, SchedFifo = 1;

    [DllImport("libc", EntryPoint = "sched_getscheduler")]
    static extern int GetScheduler(int pid);

    [Fact]
    public void TheCallingThreadRunsFifoUntilDisposedThenNormalAgain()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Its own thread: whatever happens, no test runner's thread keeps a real-time policy.
        int during = -1, after = -1;
        string? problem = null;
        var thread = new Thread(() =>
        {
            using (RealTimeScheduling.Enter(10, out problem)) during = GetScheduler(0);
            after = GetScheduler(0);
        });
        thread.Start();
        thread.Join();
        if (problem is null) Assert.Equal(SchedFifo, during); // root or CAP_SYS_NICE
        else
        {
            Assert.Contains("CAP_SYS_NICE", problem);
            Assert.Equal(SchedOther, during);
        }
        Assert.Equal(SchedOther, after);
    }

    [Fact]
    public void PriorityZeroLeavesTheThreadAlone()
    {
        if (!OperatingSystem.IsLinux()) return;
        using (RealTimeScheduling.Enter(0, out string? problem))
        {
            Assert.Null(problem);
            Assert.Equal(SchedOther, GetScheduler(0));
        }
    }
}
