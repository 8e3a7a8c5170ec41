namespace Robot.Policy;

/// <summary>
/// Replaces a file so that a crash or a power cut at any moment leaves either the old file or the
/// new one, whole: the bytes go to a temporary file beside it, are flushed to the disk (fsync),
/// and only then renamed over the old one; the folder is flushed too so the rename itself is kept.
/// </summary>
public static class DurableFile
{
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        FlushFolder(Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>fsync on the folder, where the platform allows opening one (Linux does; Windows does not need it).</summary>
    static void FlushFolder(string? folder)
    {
        if (folder is null || OperatingSystem.IsWindows()) return;
        try
        {
            using var handle = File.OpenHandle(folder, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Some file systems refuse to open a folder: the file itself is already on the disk.
        }
    }
}
