using System.Runtime.InteropServices;

namespace Robot.Trainer.Training;

/// <summary>
/// Keeps the memory libtorch frees inside the process instead of handing it back to the kernel.
/// glibc's malloc serves large blocks (a convolution's im2col buffer, a batch of activations: tens of
/// megabytes) with mmap or from the top of a heap it trims on free, so every training step of the
/// pixel networks faulted in and zeroed its buffers afresh: one 256-row forward and backward of the
/// 2 x 50 x 100 conv stack took 317 ms on one thread with glibc's defaults and 66 ms with the heap
/// kept (docs/benchmarks.md, "CartPole from pixels"). The cost is that the process keeps its peak
/// heap until it exits, which is what a trainer wants. Elsewhere (not Linux, not glibc) nothing changes.
/// </summary>
public static class NativeHeap
{
    // mallopt's parameter numbers, from glibc's malloc.h.
    const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3;

    // glibc refuses an mmap threshold above HEAP_MAX_SIZE / 2, which is 32 MiB on 64-bit hosts.
    const int LargestHeapBlock = 32 << 20;

    // glibc's starting values of all three (malloc.c's DEFAULT_MMAP_THRESHOLD_MIN and friends).
    const int GlibcDefault = 128 << 10;

    /// <summary>Blocks up to 32 MiB from the heap, and the heap never trimmed; true when glibc accepted it.</summary>
    public static bool KeepFreedBuffers() => Configure(keepFreedBuffers: true);

    /// <summary>
    /// Applies the kept-heap settings, or with false glibc's starting values (for a benchmark's
    /// comparison row). False on platforms without glibc's mallopt.
    /// </summary>
    public static bool Configure(bool keepFreedBuffers)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThreshold, keepFreedBuffers ? LargestHeapBlock : GlibcDefault) == 1
                & mallopt(TrimThreshold, keepFreedBuffers ? int.MaxValue : GlibcDefault) == 1
                & mallopt(TopPad, keepFreedBuffers ? 64 << 20 : GlibcDefault) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false; // a C library without mallopt (musl): its allocator, its behaviour
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int parameter, int value);
}
