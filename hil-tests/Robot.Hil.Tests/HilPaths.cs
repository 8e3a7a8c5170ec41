namespace Robot.Hil.Tests;

/// <summary>The committed suite and fixtures, found from the test binary's folder.</summary>
public static class HilPaths
{
    public static string HilRoot { get; } = Find();
    public static string Scenarios => Path.Combine(HilRoot, "scenarios");
    public static string TrainedPolicy => Path.Combine(HilRoot, "fixtures", "uniwheel-ppo.rpol");
    public static string LqrPolicy => Path.Combine(HilRoot, "fixtures", "lqr.rpol");
    public static string DrivingScenarios => Path.Combine(Scenarios, "drive");
    public static string DrivingPolicy => Path.Combine(HilRoot, "fixtures", "uniwheel-drive-ppo.rpol");
    public static string DrivingLqr => Path.Combine(HilRoot, "fixtures", "lqr-drive.rpol");

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "hil-tests", "scenarios"))) return Path.Combine(dir.FullName, "hil-tests");
        throw new DirectoryNotFoundException("hil-tests/scenarios not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Tests that swap Console.Out and Console.Error run one at a time.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;
