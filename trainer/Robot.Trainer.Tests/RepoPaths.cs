namespace Robot.Trainer.Tests;

/// <summary>Finds the repository root (the folder holding Robot.sln) from the test's output folder.</summary>
static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Gymnasium's recorded CartPole-v1 transitions, kept in the repository (see the folder's README).</summary>
    public static string GymnasiumReference => Path.Combine(Root, "trainer", "Robot.Trainer.Tests", "Envs", "Gymnasium");

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Robot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Robot.sln not found above " + AppContext.BaseDirectory);
    }
}
