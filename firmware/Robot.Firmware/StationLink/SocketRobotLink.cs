using System.Net.Sockets;
using System.Text;

namespace Robot.Firmware.StationLink;

/// <summary>
/// The station's end of the link: one connection to the robot's socket, requests one at a time. When
/// the robot does not answer the connection is dropped and the next request connects again, so the
/// station outlives robot restarts and the robot outlives station restarts.
/// </summary>
public sealed class SocketRobotLink(string path) : IRobotLink
{
    /// <summary>How long one answer may take before the robot counts as unreachable.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);

    readonly object _lock = new();
    readonly byte[] _chunk = new byte[16 * 1024];
    readonly MemoryStream _answer = new();
    Socket? _socket;

    public string Path { get; } = path;

    public string Ask(string request)
    {
        lock (_lock)
        {
            try
            {
                var socket = _socket ??= Connect();
                socket.Send(Encoding.UTF8.GetBytes(request + "\n"));
                _answer.SetLength(0);
                while (true)
                {
                    int read = socket.Receive(_chunk);
                    if (read == 0) throw new SocketException((int)SocketError.ConnectionReset);
                    int newline = Array.IndexOf(_chunk, (byte)'\n', 0, read);
                    _answer.Write(_chunk, 0, newline < 0 ? read : newline);
                    if (newline >= 0) return Encoding.UTF8.GetString(_answer.GetBuffer(), 0, (int)_answer.Length);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                _socket?.Dispose();
                _socket = null;
                throw new RobotUnreachableException($"the robot does not answer at {Path} ({e.Message})");
            }
        }
    }

    Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            ReceiveTimeout = (int)AnswerTimeout.TotalMilliseconds,
            SendTimeout = (int)AnswerTimeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(Path));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_lock) _socket?.Dispose();
    }
}
