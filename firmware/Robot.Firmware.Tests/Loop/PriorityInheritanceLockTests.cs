using Robot.Firmware.Loop;

namespace Robot.Firmware.Tests.Loop;

/// <summary>The motor gate's lock lifts a normal-priority holder while a real-time thread waits for it.</summary>
public class PriorityInheritanceLockTests
{
    /// <summary>The kernel's priority of a thread of this process as /proc shows it (20 for a normal thread, -1 - p for SCHED_FIFO p, boosts included).</summary>
    static int KernelPriority(int threadId) =>
        (int)Robot.Firmware.Testing.ProcStat.Field(File.ReadAllText($"/proc/self/task/{threadId}/stat"), Robot.Firmware.Testing.ProcStat.KernelPriority);

    [Fact]
    public void ANormalHolderRunsAtTheWaitersPriorityUntilItLetsGo()
    {
        if (!OperatingSystem.IsLinux()) return;
        var gate = new PriorityInheritanceLock();
        Assert.Null(gate.Problem);
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int holderId = 0;
        var holder = new Thread(() =>
        {
            holderId = RealTimeScheduling.CurrentThreadId();
            gate.Enter();
            held.Set();
            release.Wait();
            gate.Exit();
        });
        holder.Start();
        held.Wait();
        int normal = KernelPriority(holderId);

        string? problem = null;
        bool entered = false;
        var waiter = new Thread(() =>
        {
            using (RealTimeScheduling.Enter(50, out problem))
            {
                if (problem is not null) return;
                gate.Enter();
                entered = true;
                gate.Exit();
            }
        });
        waiter.Start();
        if (problem is null)
        {
            int boosted = normal;
            for (int k = 0; k < 200 && boosted == normal; k++)
            {
                Thread.Sleep(5);
                boosted = KernelPriority(holderId);
            }
            Assert.Equal(20, normal);
            Assert.Equal(-1 - 50, boosted); // the waiter's SCHED_FIFO 50, lent to the holder
        }
        release.Set();
        holder.Join();
        waiter.Join();
        if (problem is not null) Assert.Contains("CAP_SYS_NICE", problem); // not root: nothing to lend
        else Assert.True(entered);
    }

    [Fact]
    public void ItExcludesLikeALock()
    {
        var gate = new PriorityInheritanceLock();
        long counter = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int k = 0; k < 20_000; k++)
            {
                using (gate.Hold()) counter = counter + 1; // a read and a write: lost updates without the lock
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.Equal(80_000, counter);
    }
}
