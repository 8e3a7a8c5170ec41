using Robot.Firmware.Safety;

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

    [Fact]
    public void ReportsFromManyThreadsAtOnceLoseNone()
    {
        var faults = new FaultSet();
        var causes = Enum.GetValues<FaultCause>().Where(c => c != FaultCause.None).ToArray();
        Parallel.ForEach(causes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, c => faults.Report(c, 1, c.ToString()));
        foreach (var c in causes) Assert.True(faults.Has(c), c.ToString());
        Assert.Equal(causes.Length, faults.List().Count);
    }
}
