using System.Runtime.InteropServices;
using System.Reflection;
using System.Runtime.CompilerServices;
using Robot.Firmware.Loop;
using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Firmware.Runtime;

/// <summary>
/// Cuts the motor on every way the process can end that the process itself can see: SIGINT
/// (Ctrl+C), SIGTERM (`kill`), SIGHUP (a dropped SSH session; `systemctl stop`, the unit's KillSignal), SIGQUIT, an unhandled
/// exception on any thread, and the runtime's own exit. The handler cuts first, from the signal's
/// thread, then asks the run to stop: a loop stuck in an I2C transfer cannot delay the cut. What no
/// process can see (SIGKILL, the out-of-memory killer, power loss) is the deployment's job:
/// `robot-firmware safe-stop` in the systemd unit's ExecStopPost, and the driver's standby pin
/// pulled down (docs/safety.md).
/// </summary>
public sealed class ProcessGuard : IDisposable
{
    readonly MotorGate _motor;
    readonly FaultSet _faults;
    readonly CancellationTokenSource _stop;
    readonly TextWriter _log;
    readonly List<PosixSignalRegistration> _signals = [];
    int _signal;
    int _signalThread = -1;

    public ProcessGuard(MotorGate motor, FaultSet faults, CancellationTokenSource stop, TextWriter log)
    {
        _motor = motor;
        _faults = faults;
        _stop = stop;
        _log = log;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        PrepareCutPath();
        SignalScheduling = RaiseSignalThread();
    }

    /// <summary>
    /// The signal's way to the cut outranks everything (the loop is at most 98, its timer one above):
    /// at normal priority .NET's dispatch took 6-18 ms beside a busy loop (docs/safety.md).
    /// </summary>
    public const int CutPriority = 99;

    /// <summary>The name .NET gives the native thread that reads signals and dispatches them to handlers.</summary>
    const string SignalThreadName = ".NET SigHandler";

    /// <summary>How signals reach the cut ("SCHED_FIFO 99", or why they do at normal priority).</summary>
    public string SignalScheduling { get; }

    /// <summary>
    /// .NET reads signals on one native thread and runs SIGINT, SIGTERM and SIGQUIT's handlers on a
    /// thread it starts from there, SIGHUP's on the thread pool (started from there when none is
    /// idle): threads created by a SCHED_FIFO thread inherit its policy, so raising that one thread
    /// puts the whole way to the cut ahead of the loop.
    /// </summary>
    string RaiseSignalThread()
    {
        if (!OperatingSystem.IsLinux()) return "normal priority (real-time scheduling is Linux's)";
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string name;
            try { name = File.ReadAllText(Path.Combine(task, "comm")).Trim(); }
            catch (IOException) { continue; } // the thread ended meanwhile
            if (name != SignalThreadName || !int.TryParse(Path.GetFileName(task), out int id)) continue;
            _signalThread = id;
            return RealTimeScheduling.Raise(id, CutPriority) is string problem ? $"normal priority ({problem})" : $"SCHED_FIFO {CutPriority}";
        }
        return $"normal priority (no thread named '{SignalThreadName}': this .NET dispatches signals otherwise)";
    }

    /// <summary>
    /// The cut path ready before it is needed: without this the first signal waited for the JIT to
    /// compile OnSignal, Cut, ForceCut and FaultSet.Report (issue 26 measured 8.6-36 ms). Every method
    /// of the types on the signal's and the watchdog's way to the motor is compiled now, and the cut
    /// itself is run once through the real PWM and pins (the motor is off before arming anyway).
    /// </summary>
    void PrepareCutPath()
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in new[] { typeof(ProcessGuard), typeof(MotorGate), typeof(PriorityInheritanceLock), typeof(FaultSet), typeof(Watchdog) })
            foreach (var method in type.GetMethods(all))
                if (!method.IsAbstract && !method.ContainsGenericParameters) RuntimeHelpers.PrepareMethod(method.MethodHandle);
        new FaultSet().Report(FaultCause.ProcessEnding, 0, Reason(PosixSignal.SIGTERM)); // the detail's formatting, on a set nobody reads
        _motor.ForceCut();
        using var poolReady = new ManualResetEventSlim();
        ThreadPool.UnsafeQueueUserWorkItem(ready => ready.Set(), poolReady, preferLocal: false); // SIGHUP's handler runs on the pool: started now, not then
        poolReady.Wait(TimeSpan.FromSeconds(1));
        // One harmless signal through .NET's dispatch (a window resize, which nothing here acts on): the
        // signal thread's first call into managed code, about half a millisecond, is paid now.
        if (!OperatingSystem.IsLinux()) return;
        using var dispatched = new ManualResetEventSlim();
        using (PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => dispatched.Set()))
            if (ProcessSignal.Send(Environment.ProcessId, SigWinch)) dispatched.Wait(TimeSpan.FromSeconds(1));
    }

    const int SigWinch = 28;

    /// <summary>The signal that stopped the run (0 for none).</summary>
    public PosixSignal? Signal => _signal == 0 ? null : (PosixSignal)_signal;

    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we end the process ourselves, after the cut and the run's own shutdown
        Cut(Reason(context.Signal));
        // The rest (the run's cancellation callbacks; a pool thread's later work) at normal priority:
        // only the cut needs to come first.
        if (RealTimeScheduling.CurrentThreadId() != _signalThread) RealTimeScheduling.Leave();
        Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0);
        _stop.Cancel();
    }

    /// <summary>The fault's detail per signal, written out: formatting an enum on the way to the cut cost milliseconds.</summary>
    static string Reason(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "signal SIGINT",
        PosixSignal.SIGTERM => "signal SIGTERM",
        PosixSignal.SIGHUP => "signal SIGHUP",
        PosixSignal.SIGQUIT => "signal SIGQUIT",
        _ => "signal",
    };

    /// <summary>The fault first, so the loop cannot drive again, then the cut.</summary>
    void Cut(string why)
    {
        _faults.Report(FaultCause.ProcessEnding, Environment.TickCount64 / 1000.0, why);
        _motor.ForceCut();
    }

    void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        Cut("unhandled exception");
        try
        {
            _log.WriteLine($"fatal: {(e.ExceptionObject as Exception)?.GetType().Name ?? "exception"} on thread '{Thread.CurrentThread.Name}': " +
                $"{(e.ExceptionObject as Exception)?.Message}; motor cut");
            _log.Flush();
        }
        catch (IOException)
        {
            // The cut is what matters.
        }
    }

    void OnProcessExit(object? sender, EventArgs e) => Cut("process exit");

    public void Dispose()
    {
        foreach (var registration in _signals) registration.Dispose();
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }
}
