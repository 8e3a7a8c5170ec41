using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety;

public class FaultSetTests
{
    [Fact]
    public void SimultaneousFaultsAreAllKeptAndTheFirstIsRemembered()
    {
        var faults = new FaultSet();
        Assert.False(faults.Any);
        Assert.True(faults.Report(FaultCause.ImuReadFailures, 1.0, "{0} failures", 3));
        Assert.True(faults.Report(FaultCause.Tilt, 1.0, "pitch {0:F2} beyond {1:F2}", 0.61, 0.5));
        Assert.False(faults.Report(FaultCause.Tilt, 2.0, "again"));
        Assert.Equal(FaultCause.ImuReadFailures | FaultCause.Tilt, faults.Active);
        Assert.Equal(FaultCause.ImuReadFailures, faults.First.Cause);
        Assert.Equal("pitch 0.61 beyond 0.50", faults.Detail(FaultCause.Tilt).Detail);
        Assert.Equal(1.0, faults.Detail(FaultCause.Tilt).Time);
        Assert.Equal(2, faults.List().Count);
        faults.Clear();
        Assert.False(faults.Any);
        Assert.Equal(default, faults.First);
    }

    [Fact]
    public void ReportingAFaultAlreadySetAllocatesNothing()
    {
        var faults = new FaultSet();
        faults.Report(FaultCause.Runaway, 0, "wheel at {0:F1}", 40);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) faults.Report(FaultCause.Runaway, i, "wheel at {0:F1}", 40 + i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Four threads released together by a barrier report different causes into one set, 20,000 times:
    /// every report is kept every time (a plain |= of the bits loses some: tried, 3 runs of 3).
    /// </summary>
    [Fact]
    public void ReportsFromManyThreadsAtOnceLoseNone()
    {
        var causes = Enum.GetValues<FaultCause>().Where(c => c != FaultCause.None).ToArray();
        const int threads = 4, rounds = 20_000;
        var sets = Enumerable.Range(0, rounds).Select(_ => new FaultSet()).ToArray();
        using var barrier = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (int r = 0; r < rounds; r++)
            {
                barrier.SignalAndWait();
                for (int k = t; k < causes.Length; k += threads) sets[r].Report(causes[k], r, "x");
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        for (int r = 0; r < rounds; r++)
            Assert.True(sets[r].List().Count == causes.Length, $"round {r}: {sets[r].List().Count} of {causes.Length} kept ({sets[r].Active})");
    }
}
