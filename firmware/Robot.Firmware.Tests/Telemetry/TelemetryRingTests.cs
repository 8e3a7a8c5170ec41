using Robot.Firmware.Telemetry;

namespace Robot.Firmware.Tests.Telemetry;

public class TelemetryRingTests
{
    [Fact]
    public void RecordsComeOutInOrderAndOverflowDropsWithoutBlocking()
    {
        var ring = new TelemetryRing(4);
        for (int i = 0; i < 6; i++) ring.TryWrite(new TickRecord { Tick = i });
        Assert.Equal(2, ring.Dropped);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryRead(out var r));
            Assert.Equal(i, r.Tick);
        }
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public async Task ProducerAndConsumerOnTwoThreadsLoseAndReorderNothing()
    {
        var ring = new TelemetryRing(1024);
        const int count = 200_000;
        long expected = 0;
        var consumer = Task.Factory.StartNew(() =>
        {
            while (expected < count)
                if (ring.TryRead(out var r)) { Assert.Equal(expected, r.Tick); expected++; }
        }, TaskCreationOptions.LongRunning);
        for (int i = 0; i < count; i++)
            while (!ring.TryWrite(new TickRecord { Tick = i })) Thread.SpinWait(1);
        await consumer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(count, expected);
    }

    [Fact]
    public void WritingAllocatesNothing()
    {
        var ring = new TelemetryRing(64);
        var record = new TickRecord { Tick = 1, Pitch = 0.1f };
        ring.TryWrite(record);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) { ring.TryWrite(record); ring.TryRead(out _); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
