namespace Robot.Firmware.StationLink;

/// <summary>
/// The channel between the robot's process and the ground station's (docs/ground-station.md, "The
/// station link"): a Unix domain socket the robot listens on, one request line in, one JSON line out.
/// Requests: <c>info</c>; <c>status</c>; <c>samples SEQ</c> (the live samples kept since sequence
/// number SEQ, with the status); <c>arm</c>, <c>disarm</c>, <c>clear</c>, <c>stop</c>; <c>velocity
/// M_S</c>. Every command is only a request the loop acts on at its next tick. Answers are JSON objects:
/// <c>{"ok":true,...}</c>, or <c>{"ok":false,"refusal":KIND,"error":TEXT}</c> with KIND one of
/// <see cref="Refusals"/>. Anyone who can open the socket can command the robot: its file mode is the
/// access control (owner and group only).
/// </summary>
public static class StationLinkProtocol
{
    /// <summary>The longest request line, in bytes; a longer one closes the connection.</summary>
    public const int MaxRequestBytes = 128;
    /// <summary>Connections served at once (the station, and one more for a restarted station or a tool); more are closed at once.</summary>
    public const int MaxConnections = 3;

    /// <summary>The refusal kinds, so the station can answer in HTTP's terms.</summary>
    public static class Refusals
    {
        /// <summary>Not a request of this protocol, or an argument that does not parse.</summary>
        public const string BadRequest = "bad_request";
        /// <summary>A velocity outside the envelope.</summary>
        public const string OutOfEnvelope = "out_of_envelope";
        /// <summary>A velocity for a policy that balances in place only.</summary>
        public const string DoesNotDrive = "does_not_drive";
        /// <summary>The station cannot reach the robot (written by the station, never by the robot).</summary>
        public const string Unreachable = "unreachable";
    }
}
