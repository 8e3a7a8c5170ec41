using System.Net.Sockets;
using Robot.Cli;
using Robot.Firmware.GroundStation;
using Robot.Firmware.Runtime;
using Robot.Firmware.Telemetry;

namespace Robot.Firmware.StationLink;

/// <summary>
/// The robot process's end of the station link: a Unix domain socket (mode 660: the robot's user and
/// group) served by plain threads below the loop's priority, each connection with its own
/// <see cref="StationResponder"/>. No web server, no thread pool: a station that crashes, hangs or
/// floods costs the loop nothing but its own thread's turns; its velocity command lapses by the
/// dead-man. A connection beyond <see cref="StationLinkProtocol.MaxConnections"/> is closed at once.
/// </summary>
public sealed class StationLinkServer : IDisposable
{
    readonly Socket _listener;
    readonly Func<StationResponder> _responder;
    readonly List<Socket> _connections = [];
    volatile bool _disposed;

    StationLinkServer(string path, Socket listener, Func<StationResponder> responder)
    {
        Path = path;
        _listener = listener;
        _responder = responder;
        new Thread(AcceptLoop) { IsBackground = true, Name = "station-link" }.Start();
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>Listens at <paramref name="path"/>; a stale socket there (a robot that ended without removing it) is replaced, anything else refused.</summary>
    public static StationLinkServer Start(string path, BalanceRobot robot, LiveTelemetry live, StationInfo info)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full)) RemoveStale(full);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(full));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            listener.Listen(StationLinkProtocol.MaxConnections);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new InputException($"--station-socket: cannot listen at {full} ({e.Message})");
        }
        return new StationLinkServer(full, listener, () => new StationResponder(robot, live, info));
    }

    static void RemoveStale(string path)
    {
        if (!SocketFile.IsSocket(path)) throw new InputException($"--station-socket: {path} exists and is not a socket (it is kept)");
        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused)
        {
            File.Delete(path); // a socket nobody listens on: the last run's
            return;
        }
        catch (SocketException e)
        {
            throw new InputException($"--station-socket: cannot reach the socket at {path} ({e.Message}; it is kept)");
        }
        throw new InputException($"--station-socket: another process serves {path}");
    }

    void AcceptLoop()
    {
        while (!_disposed)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // closed by Dispose
            }
            lock (_connections)
            {
                if (_connections.Count >= StationLinkProtocol.MaxConnections)
                {
                    connection.Dispose();
                    continue;
                }
                _connections.Add(connection);
            }
            new Thread(() => Serve(connection)) { IsBackground = true, Name = "station-link-client" }.Start();
        }
    }

    void Serve(Socket connection)
    {
        var responder = _responder();
        var buffer = new byte[StationLinkProtocol.MaxRequestBytes];
        int filled = 0;
        try
        {
            while (!_disposed)
            {
                int read = connection.Receive(buffer.AsSpan(filled));
                if (read == 0) return; // the station closed
                filled += read;
                int start = 0;
                for (int newline; (newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0; start = newline + 1)
                {
                    var answer = responder.Respond(buffer.AsSpan(start, newline - start).TrimEnd((byte)'\r'));
                    connection.Send(answer.Span);
                }
                Array.Copy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                if (filled == buffer.Length) return; // a line longer than any request: not a station
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The station went away mid-request.
        }
        finally
        {
            lock (_connections) _connections.Remove(connection);
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
        lock (_connections)
            foreach (var c in _connections) c.Dispose();
        try { File.Delete(Path); } catch (IOException) { } // the socket file; a new run replaces it anyway
    }
}
