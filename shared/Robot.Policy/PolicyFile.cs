namespace Robot.Policy;

/// <summary>Policy files on a file system (.rpol). The reader itself works on bytes.</summary>
public static class PolicyFile
{
    public const string Extension = ".rpol";

    /// <summary>Reads and validates a policy file; a file larger than the format allows is refused before it is read.</summary>
    public static PolicyModel Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"no policy file at '{path}'", path);
        if (info.Length == 0) // also what a FIFO or a device reports: refused before anything blocks on it or reads it forever
            throw new PolicyFormatException(PolicyError.SizeOutOfRange, $"'{path}' is empty or not a regular file (a FIFO or a device)");
        if (info.Length > PolicyFormat.MaxFileBytes)
            throw new PolicyFormatException(PolicyError.SizeOutOfRange, $"'{path}' is {info.Length} bytes, more than a policy file may be");
        return PolicyReader.Read(File.ReadAllBytes(path));
    }

    /// <summary>Writes atomically and durably: a reader, or a reboot, never sees a half-written file.</summary>
    public static void Save(string path, PolicyModel model) => DurableFile.WriteAllBytes(path, PolicyWriter.Write(model));
}
