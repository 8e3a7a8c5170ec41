namespace Robot.Firmware.Telemetry;

/// <summary>
/// Where the telemetry writer's CSV goes: one stream, or files rotated by size so an unattended robot
/// never fills its SD card. Rotated, the first file is the path given and each next one is
/// STEM.001.EXT, STEM.002.EXT, ... (each a new file: nothing is ever overwritten); once more than
/// <see cref="Keep"/> exist, the oldest is deleted.
/// </summary>
public sealed class TelemetryFiles
{
    readonly Stream? _single;
    readonly string? _path;
    readonly Queue<string> _kept = new();
    int _segment;

    TelemetryFiles(Stream? single, string? path, long maxBytes, int keep)
    {
        _single = single;
        _path = path;
        MaxBytes = maxBytes;
        Keep = keep;
    }

    /// <summary>A segment longer than this is closed and the next one opened, bytes.</summary>
    public long MaxBytes { get; }
    /// <summary>How many files are kept, the newest.</summary>
    public int Keep { get; }

    /// <summary>One stream, never rotated (the writer owns it).</summary>
    public static TelemetryFiles Of(Stream stream) => new(stream, null, long.MaxValue, 1);

    /// <summary>A run's --telemetry (null: none), rotated as robot.json says (telemetry.file_mb, telemetry.keep_files).</summary>
    public static TelemetryFiles? For(string? path, Configuration.RobotConfig config) =>
        path is null ? null : Rotating(path, (long)(config.Telemetry.SegmentMegabytes * 1e6), config.Telemetry.KeepFiles);

    /// <summary>Files at <paramref name="path"/> and after, rotated at <paramref name="maxBytes"/>, the newest <paramref name="keep"/> kept.</summary>
    public static TelemetryFiles Rotating(string path, long maxBytes, int keep)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? earlier = File.Exists(path) ? path
            : Directory.Exists(dir) ? Directory.EnumerateFiles(dir, $"{Path.GetFileNameWithoutExtension(path)}.???{Path.GetExtension(path)}").FirstOrDefault() : null;
        if (earlier is not null)
            throw new Robot.Cli.InputException($"--telemetry: '{earlier}' exists (an earlier run's telemetry): give the run a new name, nothing is overwritten");
        return new TelemetryFiles(null, path, maxBytes, keep);
    }

    /// <summary>The <paramref name="n"/>-th file after the first: run.csv -> run.001.csv.</summary>
    public static string SegmentPath(string path, int n) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.{n:D3}{Path.GetExtension(path)}");

    public Stream OpenFirst() => _single ?? Create(_path!);

    /// <summary>The next file, after deleting the oldest beyond <see cref="Keep"/> (the writer has closed the previous one).</summary>
    public Stream OpenNext()
    {
        if (_path is null) throw new InvalidOperationException("a single telemetry stream does not rotate");
        var next = Create(SegmentPath(_path, ++_segment));
        while (_kept.Count > Keep) File.Delete(_kept.Dequeue());
        return next;
    }

    Stream Create(string path)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        _kept.Enqueue(path);
        return stream;
    }
}
