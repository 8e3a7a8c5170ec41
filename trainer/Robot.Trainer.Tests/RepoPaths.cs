namespace Robot.Trainer.Tests;

/// <summary>Finds the repository root (the folder holding Robot.sln) from the test's output folder.</summary>
static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The read-only reference folder that sits beside the checkout.</summary>
    public static string SharedReference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Robot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Robot.sln not found above " + AppContext.BaseDirectory);
    }
}
