using System.Runtime.InteropServices;

namespace Robot.Firmware.StationLink;

/// <summary>
/// Whether a path is a socket. .NET reports sockets, FIFOs and regular files alike, and connect(2)
/// is refused by a regular file just as by a dead socket, so the file's type comes from statx(2),
/// whose layout is the same on every architecture (glibc 2.28 and later).
/// </summary>
static class SocketFile
{
    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    const uint StatxType = 0x1;
    const int ModeOffset = 28; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode
    const int TypeMask = 0xF000, Socket = 0xC000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary>True when <paramref name="path"/> itself (not what a link points to) is a socket.</summary>
    public static bool IsSocket(string path)
    {
        var buffer = new byte[256]; // struct statx is 256 bytes
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return false;
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == Socket;
    }
}
