using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

public class NativeHeapTests
{
    [Fact]
    public void GlibcAcceptsEverySettingBothWays()
    {
        if (!OperatingSystem.IsLinux()) return; // mallopt is glibc's; elsewhere Configure is documented to do nothing
        Assert.True(NativeHeap.Configure(keepFreedBuffers: false));
        Assert.True(NativeHeap.KeepFreedBuffers()); // and leaves the test process as the trainer runs
    }
}
