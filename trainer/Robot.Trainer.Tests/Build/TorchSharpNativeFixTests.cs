using Robot.Build;
using TorchSharp;

namespace Robot.Trainer.Tests.Build;

/// <summary>The build marks GLIBCXX_3.4.32 weak in its copy of libLibTorchSharp.so exactly where the system needs it.</summary>
public class TorchSharpNativeFixTests
{
    const string Version = "GLIBCXX_3.4.32";
    static readonly string OutputCopy = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void TorchSharpLoadsAndComputes()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3 });
        Assert.Equal(14f, (a * a).sum().item<float>());
    }

    [Fact]
    public void OutputCopyIsWeakExactlyWhenSystemLibStdCxxLacksTheVersion()
    {
        if (!OperatingSystem.IsLinux()) return;
        string system = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.First(File.Exists);
        bool systemHasIt = ElfVersionNeeds.DefinesVersionString(system, Version);
        int flags = ElfVersionNeeds.ReadFlags(File.ReadAllBytes(OutputCopy), Version);
        Assert.True(flags >= 0, "the shipped library is expected to need " + Version);
        Assert.Equal(!systemHasIt, (flags & ElfVersionNeeds.VerFlagWeak) != 0);
    }

    [Fact]
    public void NuGetCacheCopyIsNeverEdited()
    {
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(cached), "expected the TorchSharp package in the NuGet cache at " + cached);
        Assert.Equal(0, ElfVersionNeeds.ReadFlags(File.ReadAllBytes(cached), Version) & ElfVersionNeeds.VerFlagWeak);
    }

    [Fact]
    public void MarkWeakSetsOnlyTheWeakBitOfTheNamedEntry()
    {
        byte[] original = File.ReadAllBytes(OutputCopy);
        byte[] elf = (byte[])original.Clone();
        Assert.True(ElfVersionNeeds.MarkWeak(elf, "GLIBCXX_3.4.30"));
        Assert.Equal(ElfVersionNeeds.VerFlagWeak, ElfVersionNeeds.ReadFlags(elf, "GLIBCXX_3.4.30"));
        Assert.Equal(ElfVersionNeeds.ReadFlags(original, Version), ElfVersionNeeds.ReadFlags(elf, Version));
        Assert.Equal(1, original.Zip(elf).Count(p => p.First != p.Second));
        Assert.False(ElfVersionNeeds.MarkWeak(elf, "GLIBCXX_9.9.9"));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.ReadFlags(new byte[100], Version));
    }
}
