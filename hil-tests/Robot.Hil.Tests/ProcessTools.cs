using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Robot.Hil.Tests;

/// <summary>What the process-level tests need of the operating system: a signal to a process, a free port.</summary>
static class ProcessTools
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SendSignal(int pid, int signal);

    /// <summary>kill(2): 0 when the signal was sent.</summary>
    public static int Signal(int pid, int signal) => SendSignal(pid, signal);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
