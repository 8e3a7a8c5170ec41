using System.Runtime.InteropServices;

namespace Robot.Firmware.Runtime;

/// <summary>kill(2), for the one place each program sends a signal: the guard's warm-up to itself, the rig's signal-to-cut measurement, the process tests.</summary>
public static class ProcessSignal
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    /// <summary>Sends signal number <paramref name="signal"/> to <paramref name="pid"/>; true when it was sent.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
}
