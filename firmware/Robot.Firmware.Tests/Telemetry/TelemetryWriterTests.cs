using Robot.Observation;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;

namespace Robot.Firmware.Tests.Telemetry;

public class TelemetryWriterTests
{
    [Fact]
    public void EveryRecordBecomesOneCsvRowAndNothingIsLostOnDispose()
    {
        string path = Path.Combine(Path.GetTempPath(), $"telemetry-{Guid.NewGuid():N}.csv");
        var ring = new TelemetryRing(1 << 12);
        try
        {
            using (var writer = new TelemetryWriter(ring, File.Create(path)))
            {
                for (int k = 0; k < 3000; k++)
                    Assert.True(ring.TryWrite(new TickRecord(k, k * 0.005, 1, 16384, -3, 2048, 0.01f, 0, 0, 0, 0.2f, 0.2f, 12.5f, 30, SupervisorState.Running, TargetVelocity: 0.25f,
                        Faults: k == 1000 ? (long)(FaultCause.Tilt | FaultCause.WheelLifted) : 0)));
            }
            var lines = File.ReadAllLines(path);
            Assert.Equal(TelemetryWriter.Header, lines[0]);
            Assert.Equal(3001, lines.Length);
            var last = lines[^1].Split(',');
            Assert.Equal(TelemetryWriter.Header.Split(',').Length, last.Length);
            Assert.Equal("2999", last[0]);
            Assert.Equal("14.995000", last[1]);
            Assert.Equal(TelemetrySchema.RunningState, last[^5]);
            // Each column where the contract puts it: what system identification reads by name.
            var columns = TelemetrySchema.Columns.ToList();
            Assert.Equal("2048", last[columns.IndexOf(TelemetrySchema.Encoder)]);
            Assert.Equal("0.2", last[columns.IndexOf(TelemetrySchema.Duty)]);
            Assert.Equal("30.0", last[columns.IndexOf(TelemetrySchema.Compute)]);
            Assert.Equal(TelemetrySchema.RunningState, last[columns.IndexOf(TelemetrySchema.State)]);
            Assert.Equal("", last[^4]); // no battery monitor
            Assert.Equal("", last[^2]); // no faults
            Assert.Equal("tilt|wheel_lifted", lines[1001].Split(',')[^2]); // by name, as everywhere
            Assert.Equal("0.25", last[^1]); // the commanded velocity
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A row is formatted into the writer's one builder: the telemetry thread gives the collector nothing to do.</summary>
    [Fact]
    public void FormattingARowAllocatesNothing()
    {
        var line = new System.Text.StringBuilder(512);
        var record = new TickRecord(123456, 617.28, 1, 16384, -3, 2048, 0.0123f, -0.5f, 0.25f, 0.1f, 0.2f, 0.2f, 12.5f, 30, SupervisorState.Running,
            BatteryVolts: 11.8f, BatteryAmps: 1.25f, Faults: (long)FaultCause.Tilt, TargetVelocity: 0.25f);
        TelemetryWriter.Format(line, record);
        string expected = line.ToString();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++)
        {
            line.Clear();
            TelemetryWriter.Format(line, record);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("123456,617.280000,1,16384,-3,2048,0.0123,-0.5,0.25,0.1,0.2,0.2,12.5,30.0,Running,11.800,1.250,tilt,0.25", expected);
    }

    [Fact]
    public void RotatedTelemetryKeepsTheNewestFilesEachWholeAndNeverFillsTheDisk()
    {
        var dir = Directory.CreateTempSubdirectory("telemetry-");
        try
        {
            string path = Path.Combine(dir.FullName, "run.csv");
            var ring = new TelemetryRing(1 << 12);
            using (var writer = new TelemetryWriter(ring, TelemetryFiles.Rotating(path, maxBytes: 20_000, keep: 3)))
            {
                for (int k = 0; k < 3000; k++)
                {
                    while (!ring.TryWrite(new TickRecord(k, k * 0.005, 1, 16384, -3, 2048, 0.01f, 0, 0, 0, 0.2f, 0.2f, 12.5f, 30, SupervisorState.Running))) Thread.Sleep(1);
                }
            }
            var files = dir.GetFiles().OrderBy(f => f.Name).ToList();
            Assert.Equal(3, files.Count); // the oldest deleted, run.csv first of all
            Assert.DoesNotContain(files, f => f.Name == "run.csv");
            Assert.All(files, f => Assert.InRange(f.Length, 1, 20_000 + 200));
            var rows = files.SelectMany(f =>
            {
                var lines = File.ReadAllLines(f.FullName);
                Assert.Equal(TelemetryWriter.Header, lines[0]); // each file reads on its own
                return lines.Skip(1);
            }).Select(l => long.Parse(l.Split(',')[0])).ToList();
            Assert.Equal(2999, rows[^1]);
            Assert.Equal(Enumerable.Range((int)rows[0], rows.Count).Select(i => (long)i), rows); // no row lost between the kept files
            Assert.Throws<Robot.Cli.InputException>(() => TelemetryFiles.Rotating(path, 20_000, 3)); // run.001.csv is there: a new name, never an overwrite
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AFailingDiskIsReportedOnceAndStopsTheWriterWithoutThrowing()
    {
        var ring = new TelemetryRing(1 << 16);
        var failures = new List<Exception>();
        var writer = new TelemetryWriter(ring, new Robot.Firmware.Testing.FullDiskStream(4096), e => { lock (failures) failures.Add(e); });
        for (int k = 0; k < 20_000; k++) ring.TryWrite(new TickRecord(k, k * 0.005, 1, 16384, -3, 2048, 0.01f, 0, 0, 0, 0.2f, 0.2f, 12.5f, 30, SupervisorState.Running));
        SpinWait.SpinUntil(() => writer.Failure is not null, 5000);
        writer.Dispose(); // does not throw although the last flush fails too
        Assert.IsType<IOException>(writer.Failure);
        Assert.Single(failures);
    }
}
