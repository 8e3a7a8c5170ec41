using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Robot.Firmware.Safety;

namespace Robot.Firmware.Runtime;

/// <summary>
/// Cuts the motor on every way the process can end that the process itself can see: SIGINT
/// (Ctrl+C), SIGTERM (`systemctl stop`), SIGHUP (a dropped SSH session), SIGQUIT, an unhandled
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
        foreach (var type in new[] { typeof(ProcessGuard), typeof(MotorGate), typeof(FaultSet), typeof(Watchdog) })
            foreach (var method in type.GetMethods(all))
                if (!method.IsAbstract && !method.ContainsGenericParameters) RuntimeHelpers.PrepareMethod(method.MethodHandle);
        _motor.ForceCut();
    }

    /// <summary>The signal that stopped the run (0 for none).</summary>
    public PosixSignal? Signal => _signal == 0 ? null : (PosixSignal)_signal;

    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we end the process ourselves, after the cut and the run's own shutdown
        Cut($"signal {context.Signal}");
        Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0);
        _stop.Cancel();
    }

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
