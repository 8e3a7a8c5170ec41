namespace Robot.Trainer.Training;

/// <summary>
/// Opens one of a run's CSV logs. A new run starts it with its header. A resumed run keeps only
/// the rows its checkpoint accounts for: rows written after the last checkpoint of a run that
/// crashed describe training that the resume repeats, and would otherwise appear twice.
/// </summary>
public static class ResumableCsv
{
    /// <param name="keepRow">On resume, whether a row stays (given its cells); null for a new run.</param>
    public static StreamWriter Open(string path, string header, Func<string[], bool>? keepRow)
    {
        if (keepRow is not null && File.Exists(path))
        {
            var kept = File.ReadLines(path).Skip(1).Where(l => l.Length > 0 && keepRow(l.Split(','))).ToList();
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

    /// <summary>Whether a cell holds a whole number no greater than <paramref name="limit"/>.</summary>
    public static bool AtMost(string cell, long limit) =>
        long.TryParse(cell, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v) && v <= limit;
}
