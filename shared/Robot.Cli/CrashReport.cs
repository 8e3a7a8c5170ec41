using System.Reflection;

namespace Robot.Cli;

/// <summary>
/// An exception nothing expected, written whole to a file so it can be reported: the program, its
/// version, the command line, the time and the exception with its stack trace (the console gets one
/// line naming the file). The folder is <see cref="DirectoryVariable"/> if set, else the temp folder.
/// </summary>
public static class CrashReport
{
    public const string DirectoryVariable = "ROBOT_CRASH_DIR";

    /// <summary>Writes the report and returns its path, or null when even that failed (the line on stderr still says what happened).</summary>
    public static string? Write(Exception e, string? directory = null)
    {
        try
        {
            directory ??= Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured ? configured : Path.GetTempPath();
            Directory.CreateDirectory(directory);
            var entry = Assembly.GetEntryAssembly();
            string program = entry?.GetName().Name ?? "robot";
            string version = entry?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? entry?.GetName().Version?.ToString() ?? "unknown";
            var now = DateTimeOffset.UtcNow;
            string path = Path.Combine(directory, $"{program}-crash-{now:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.txt");
            // A random tail and CreateNew: never overwrite anything, even a report of the same second and process.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.WriteLine($"program: {program} {version}");
            writer.WriteLine($"command line: {string.Join(' ', Environment.GetCommandLineArgs())}");
            writer.WriteLine($"time: {now:O}");
            writer.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}");
            writer.WriteLine();
            writer.WriteLine(e.ToString());
            return path;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
