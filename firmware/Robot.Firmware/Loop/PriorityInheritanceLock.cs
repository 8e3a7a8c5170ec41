using System.Runtime.InteropServices;

namespace Robot.Firmware.Loop;

/// <summary>
/// A lock whose holder runs at the priority of the highest thread waiting for it (a POSIX mutex with
/// PTHREAD_PRIO_INHERIT). The motor's cut (SCHED_FIFO 99, from a signal's or the watchdog's thread)
/// takes the lock the loop holds for a few microseconds per tick: with a plain lock, a cut landing on
/// the loop's core preempted the holder and then spun on the lock at the top priority, so the holder
/// could not run to release it; the cut waited for the kernel to move the holder to another core,
/// 5-20 ms. Here the waiter blocks at once and the kernel lifts the holder until it lets go.
/// Off Linux (or without these functions in the C library) it is .NET's own lock, and says so.
/// </summary>
public sealed class PriorityInheritanceLock
{
    const int PrioInherit = 1; // PTHREAD_PRIO_INHERIT
    const int MutexBytes = 64, AttrBytes = 16; // pthread_mutex_t is 40 bytes on x86-64, 48 on arm64; the attribute 4 and 8

    [DllImport("libc", EntryPoint = "pthread_mutexattr_init")] static extern int AttrInit(IntPtr attr);
    [DllImport("libc", EntryPoint = "pthread_mutexattr_setprotocol")] static extern int AttrSetProtocol(IntPtr attr, int protocol);
    [DllImport("libc", EntryPoint = "pthread_mutexattr_destroy")] static extern int AttrDestroy(IntPtr attr);
    [DllImport("libc", EntryPoint = "pthread_mutex_init")] static extern int MutexInit(IntPtr mutex, IntPtr attr);
    [DllImport("libc", EntryPoint = "pthread_mutex_lock")] static extern int MutexLock(IntPtr mutex);
    [DllImport("libc", EntryPoint = "pthread_mutex_unlock")] static extern int MutexUnlock(IntPtr mutex);
    [DllImport("libc", EntryPoint = "pthread_mutex_destroy")] static extern int MutexDestroy(IntPtr mutex);

    readonly IntPtr _mutex;
    readonly Lock? _fallback;

    public PriorityInheritanceLock()
    {
        Problem = Create(out _mutex);
        if (Problem is not null) _fallback = new Lock();
    }

    /// <summary>Why this is .NET's own lock without priority inheritance, or null.</summary>
    public string? Problem { get; }

    static string? Create(out IntPtr mutex)
    {
        mutex = IntPtr.Zero;
        if (!OperatingSystem.IsLinux()) return "priority inheritance is Linux's";
        IntPtr attr = Marshal.AllocHGlobal(AttrBytes);
        IntPtr m = Marshal.AllocHGlobal(MutexBytes);
        try
        {
            if (AttrInit(attr) != 0) return "pthread_mutexattr_init failed";
            try
            {
                if (AttrSetProtocol(attr, PrioInherit) is int e and not 0) return $"PTHREAD_PRIO_INHERIT refused (error {e})";
                if (MutexInit(m, attr) is int f and not 0) return $"pthread_mutex_init failed (error {f})";
            }
            finally
            {
                AttrDestroy(attr);
            }
            mutex = m;
            m = IntPtr.Zero;
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"the C library has no POSIX mutexes here ({e.GetType().Name})"; // glibc before 2.34 keeps them in libpthread
        }
        finally
        {
            Marshal.FreeHGlobal(attr);
            if (m != IntPtr.Zero) Marshal.FreeHGlobal(m);
        }
    }

    public void Enter()
    {
        if (_fallback is not null) _fallback.Enter();
        else MutexLock(_mutex);
    }

    public void Exit()
    {
        if (_fallback is not null) _fallback.Exit();
        else MutexUnlock(_mutex);
    }

    /// <summary>Holds the lock until the scope is disposed: <c>using (gate.Hold()) { ... }</c>.</summary>
    public Scope Hold()
    {
        Enter();
        return new Scope(this);
    }

    public readonly ref struct Scope(PriorityInheritanceLock owner)
    {
        public void Dispose() => owner.Exit();
    }

    /// <summary>Unreachable, so no thread holds or waits for it.</summary>
    ~PriorityInheritanceLock()
    {
        if (_mutex == IntPtr.Zero) return;
        MutexDestroy(_mutex);
        Marshal.FreeHGlobal(_mutex);
    }
}
