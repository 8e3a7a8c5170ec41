namespace Robot.Trainer.Training;

/// <summary>
/// Opens one of a run's CSV logs. A new run starts it with its header. A resumed run keeps only
/// the rows its checkpoint accounts for: rows written after the last checkpoint of a run that
/// crashed describe training that the resume repeats, and would otherwise appear twice.
/// </summary>
public static class ResumableCsv
{
    /// <param name="resumedAt">
    /// On resume, the checkpoint's value of the counter in the first column (update or env steps):
    /// rows beyond it are dropped. Null for a new run.
    /// </param>
    public static StreamWriter Open(string path, string header, long? resumedAt)
    {
        if (resumedAt is long limit && File.Exists(path))
        {
            var kept = File.ReadLines(path).Skip(1).Where(l => FirstCellAtMost(l, limit)).ToList();
            // Rewritten beside and moved over, so a crash here leaves the old log whole.
            string temporary = path + ".tmp";
            File.WriteAllLines(temporary, [header, .. kept]);
            File.Move(temporary, path, overwrite: true);
            return new StreamWriter(path, append: true) { AutoFlush = false };
        }
        var writer = new StreamWriter(path, append: false) { AutoFlush = false };
        writer.WriteLine(header);
        return writer;
    }

    static bool FirstCellAtMost(string line, long limit)
    {
        int comma = line.IndexOf(',');
        var cell = comma < 0 ? line.AsSpan() : line.AsSpan(0, comma);
        return long.TryParse(cell, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v) && v <= limit;
    }
}
