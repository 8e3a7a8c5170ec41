namespace Robot.Trainer.Tests;

/// <summary>A test class's own folder under the system's temp folder: made by whoever writes into it, deleted with the class's instance.</summary>
public sealed class TempFolder(string prefix) : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, true);
    }
}
