namespace Robot.Cli;

/// <summary>
/// The checks every file a user names goes through before it is opened: it exists, is not a folder,
/// is not empty (which is also what a FIFO or a device such as /dev/zero reports, so nothing blocks
/// on one or reads it forever) and is no larger than that kind of file can be.
/// </summary>
public static class InputFile
{
    /// <summary>Refuses, naming <paramref name="what"/>, a path that is not a plausible file of that kind.</summary>
    public static void Require(string path, string what, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InputException($"{what}: no path given");
        if (Directory.Exists(path)) throw new InputException($"{what}: '{path}' is a folder, not a file");
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException($"{what}: no file at '{path}'");
        if (info.Length == 0) throw new InputException($"{what}: '{path}' is empty or not a regular file (a FIFO or a device)");
        if (info.Length > maxBytes) throw new InputException($"{what}: '{path}' is {info.Length} bytes, more than a {what} file can be ({maxBytes})");
    }

    /// <summary>The text of a file that passed <see cref="Require"/>.</summary>
    public static string ReadText(string path, string what, long maxBytes)
    {
        Require(path, what, maxBytes);
        return File.ReadAllText(path);
    }

    /// <summary>
    /// Refuses an output path that would clobber an existing file (unless <paramref name="overwrite"/>),
    /// is a folder or a special file, or sits in a folder that does not exist.
    /// </summary>
    public static void RequireNewOutput(string path, string what, bool overwrite = false)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InputException($"{what}: no path given");
        if (Directory.Exists(path)) throw new InputException($"{what}: '{path}' is a folder");
        var info = new FileInfo(path);
        if (info.Exists && !overwrite) throw new InputException($"{what}: '{path}' exists; choose a new file name (nothing was overwritten)");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new InputException($"{what}: the folder '{folder}' does not exist");
    }
}
