namespace Robot.Firmware.Testing;

/// <summary>
/// A thread's /proc/PID/task/TID/stat line, read by field number as proc(5) numbers them from 1. The
/// command name (field 2) sits in parentheses and may hold spaces (".NET SigHandler"), so fields are
/// counted from after its closing parenthesis.
/// </summary>
public static class ProcStat
{
    /// <summary>Field <paramref name="number"/> (3 or more) of a stat line.</summary>
    public static long Field(string stat, int number)
    {
        if (number < 3) throw new ArgumentOutOfRangeException(nameof(number), "fields 1 and 2 are the id and the command name");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[number - 3]);
    }

    /// <summary>Field 18: the kernel's priority, 20 for a normal thread and -1 - p for SCHED_FIFO p (priority-inheritance boosts included).</summary>
    public const int KernelPriority = 18;
    /// <summary>Field 40: the real-time priority (0 for a normal thread).</summary>
    public const int RealTimePriority = 40;
    /// <summary>Field 41: the scheduling policy (0 normal, 1 SCHED_FIFO).</summary>
    public const int Policy = 41;
}
