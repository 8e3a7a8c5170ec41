using System.Text;
using System.Text.Json;

namespace Robot.Observation;

/// <summary>
/// The one spelling of every fault, snake_case (`imu_stale`), wherever a person or a file sees it:
/// the console, telemetry, the ground station's API, scenario files and HIL results. Made once at
/// start-up, so naming a fault allocates nothing.
/// </summary>
public static class FaultNames
{
    static readonly Dictionary<FaultCause, string> Names = Enum.GetValues<FaultCause>()
        .Where(c => c != FaultCause.None)
        .ToDictionary(c => c, c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()));

    /// <summary>The name of one cause.</summary>
    public static string Of(FaultCause cause) => Names.TryGetValue(cause, out var name) ? name : cause.ToString();

    /// <summary>The cause a name stands for, or null.</summary>
    public static FaultCause? Parse(string name)
    {
        foreach (var (cause, n) in Names) if (n == name) return cause;
        return null;
    }

    /// <summary>Every name, in bit order.</summary>
    public static IEnumerable<string> All => Names.OrderBy(kv => (long)kv.Key).Select(kv => kv.Value);

    /// <summary>A set of causes as names joined by '|' (empty for none), lowest bit first.</summary>
    public static string Join(FaultCause set) => AppendTo(new StringBuilder(), set).ToString();

    /// <summary>The same into a caller's builder: the telemetry thread writes every row this way without allocating.</summary>
    public static StringBuilder AppendTo(StringBuilder line, FaultCause set)
    {
        bool first = true;
        for (int bit = 0; bit < 63; bit++)
        {
            var cause = (FaultCause)(1L << bit);
            if ((set & cause) == 0) continue;
            if (!first) line.Append('|');
            line.Append(Of(cause));
            first = false;
        }
        return line;
    }
}
