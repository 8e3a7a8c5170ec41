using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Robot.Hil.Tests;

/// <summary>What the process-level tests need of the operating system: a program of this build started as its own process, a signal to it, a free port.</summary>
static class ProcessTools
{
    /// <summary>kill(2): 0 when the signal was sent.</summary>
    public static int Signal(int pid, int signal) => Robot.Firmware.Runtime.ProcessSignal.Send(pid, signal) ? 0 : -1;

    /// <summary>
    /// Starts `dotnet PROGRAM ARGS` (a program built beside the tests), standard input open for typing, and returns it with
    /// everything it printed so far. Under `env --default-signal`: a test run started under nohup passes SIGHUP on as
    /// ignored, and an ignored signal never reaches the program's handler; every signal starts at its default, as under
    /// systemd or a shell.
    /// </summary>
    public static (Process Process, Func<string> Output) Start(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--default-signal", "dotnet", Path.Combine(AppContext.BaseDirectory, program) }.Concat(args)) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, () => { lock (output) return output.ToString(); });
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
