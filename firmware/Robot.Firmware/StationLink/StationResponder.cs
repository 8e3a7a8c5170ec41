using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Robot.Firmware.Control;
using Robot.Firmware.GroundStation;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Observation;

namespace Robot.Firmware.StationLink;

/// <summary>
/// The robot's side of the station link: answers one request line (<see cref="StationLinkProtocol"/>)
/// with one JSON line, from the robot's state and into buffers it owns, so a station polling and
/// commanding allocates nothing in the robot's process while the robot balances (the collector never
/// runs and never pauses the loop). One instance per connection; the robot is shared.
/// </summary>
public sealed class StationResponder
{
    static readonly string[] StateNames = Enum.GetNames<SupervisorState>();

    readonly BalanceRobot _robot;
    readonly LiveTelemetry _live;
    readonly byte[] _info;
    readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    readonly Utf8JsonWriter _json;
    readonly List<TickRecord> _records;
    readonly Action _arm, _disarm, _clear; // made once: a method group passed as a delegate is a new object per call

    public StationResponder(BalanceRobot robot, LiveTelemetry live, StationInfo info)
    {
        _robot = robot;
        _live = live;
        _records = new List<TickRecord>(live.Capacity);
        (_arm, _disarm, _clear) = (robot.RequestArm, robot.RequestDisarm, robot.RequestClearFault);
        _json = new Utf8JsonWriter(_buffer);
        _info = InfoJson(robot, info);
    }

    /// <summary>Answers <paramref name="request"/> (one line, without its newline); the answer (a JSON object and a newline) stays valid until the next call.</summary>
    public ReadOnlyMemory<byte> Respond(ReadOnlySpan<byte> request)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        int space = request.IndexOf((byte)' ');
        var verb = space < 0 ? request : request[..space];
        var argument = space < 0 ? [] : request[(space + 1)..];
        if (verb.SequenceEqual("info"u8)) { _json.Flush(); _buffer.Write(_info); }
        else if (verb.SequenceEqual("status"u8)) { WriteStatus(); }
        else if (verb.SequenceEqual("samples"u8)) Samples(argument);
        else if (verb.SequenceEqual("arm"u8)) Done(_arm);
        else if (verb.SequenceEqual("disarm"u8) || verb.SequenceEqual("stop"u8)) Done(_disarm);
        else if (verb.SequenceEqual("clear"u8)) Done(_clear);
        else if (verb.SequenceEqual("velocity"u8)) Velocity(argument);
        else Refuse(StationLinkProtocol.Refusals.BadRequest, "not a request of the station link");
        _json.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    void Done(Action command)
    {
        command();
        _json.WriteStartObject();
        _json.WriteBoolean("ok"u8, true);
        _json.WriteEndObject();
    }

    void Refuse(string kind, string error)
    {
        _json.WriteStartObject();
        _json.WriteBoolean("ok"u8, false);
        _json.WriteString("refusal"u8, kind);
        _json.WriteString("error"u8, error);
        _json.WriteEndObject();
    }

    void Velocity(ReadOnlySpan<byte> argument)
    {
        if (!Utf8Parser.TryParse(argument, out double speed, out int used) || used != argument.Length)
            Refuse(StationLinkProtocol.Refusals.BadRequest, "velocity takes one number, m/s");
        else if (!_robot.Controller.Drives)
            Refuse(StationLinkProtocol.Refusals.DoesNotDrive, "this policy balances in place only: it does not take a velocity command");
        else if (VelocityCommand.Problem(speed) is string problem)
            Refuse(StationLinkProtocol.Refusals.OutOfEnvelope, problem);
        else
        {
            _robot.Command.TrySet(speed, _robot.Clock.NowNanoseconds);
            _json.WriteStartObject();
            _json.WriteBoolean("ok"u8, true);
            _json.WriteNumber("velocity_m_s"u8, speed);
            _json.WriteEndObject();
        }
    }

    /// <summary>The samples kept since the asked sequence number (time, pitch, position, velocity, target, duty, lateness, state), where to ask next, and the status.</summary>
    void Samples(ReadOnlySpan<byte> argument)
    {
        if (!Utf8Parser.TryParse(argument, out long since, out int used) || used != argument.Length)
        {
            Refuse(StationLinkProtocol.Refusals.BadRequest, "samples takes one sequence number");
            return;
        }
        if (since < 0) since = Math.Max(0, _live.Next - 250); // the last few seconds first, so the plots start full
        _records.Clear();
        long next = _live.CopySince(since, _records);
        _json.WriteStartObject();
        _json.WriteBoolean("ok"u8, true);
        _json.WriteNumber("next"u8, next);
        _json.WriteStartArray("samples"u8);
        foreach (var r in _records)
        {
            _json.WriteStartArray();
            _json.WriteNumberValue(Math.Round(r.Time, 4));
            Number(r.Pitch); Number(r.Position); Number(r.Velocity); Number(r.TargetVelocity); Number(r.Duty); Number(r.LatenessMicroseconds);
            _json.WriteStringValue(StateNames[(int)r.State]);
            _json.WriteEndArray();
        }
        _json.WriteEndArray();
        _json.WritePropertyName("status"u8);
        WriteStatus();
        _json.WriteEndObject();
    }

    /// <summary>JSON has no NaN: a figure not there yet (no ticks timed) or not finite is null.</summary>
    void Number(double value)
    {
        if (double.IsFinite(value)) _json.WriteNumberValue(value);
        else _json.WriteNullValue();
    }

    void Number(ReadOnlySpan<byte> name, double value)
    {
        _json.WritePropertyName(name);
        Number(value);
    }

    void WriteStatus()
    {
        var robot = _robot;
        var (_, p99, max) = robot.Loop.Timing.LatenessMicroseconds();
        _json.WriteStartObject();
        _json.WriteString("state"u8, StateNames[(int)robot.Supervisor.State]);
        _json.WriteString("arm_refusal"u8, robot.Supervisor.ArmRefusal);
        _json.WriteStartArray("faults"u8);
        if (robot.Faults.Any) // a list is made only while a fault stands, never while balancing
            foreach (var f in robot.Faults.List())
            {
                _json.WriteStartObject();
                _json.WriteString("cause"u8, FaultNames.Of(f.Cause));
                _json.WriteNumber("time_s"u8, f.Time);
                _json.WriteString("detail"u8, f.Detail);
                _json.WriteEndObject();
            }
        _json.WriteEndArray();
        Number("target_m_s"u8, robot.Command.TargetAt(robot.Clock.NowNanoseconds));
        _json.WriteBoolean("drives"u8, robot.Controller.Drives);
        _json.WriteNumber("ticks"u8, robot.Loop.Timing.Ticks);
        _json.WriteNumber("overruns"u8, robot.Loop.Timing.Overruns);
        Number("lateness_p99_us"u8, p99);
        Number("lateness_max_us"u8, max);
        _json.WriteNumber("telemetry_dropped"u8, robot.Telemetry.Dropped);
        // The collector stops every thread, the loop's too: its pauses are loop lateness no priority can avoid.
        _json.WriteStartArray("gc_collections"u8);
        for (int g = 0; g <= 2; g++) _json.WriteNumberValue(GC.CollectionCount(g));
        _json.WriteEndArray();
        Number("gc_pause_total_ms"u8, GC.GetTotalPauseDuration().TotalMilliseconds);
        _json.WriteNumber("allocated_bytes"u8, GC.GetTotalAllocatedBytes());
        _json.WriteEndObject();
    }

    /// <summary>What never changes during a run, made once: the policy, robot.json, the envelope and the dead-man.</summary>
    static byte[] InfoJson(BalanceRobot robot, StationInfo info) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        ok = true,
        policy = new { file = info.PolicyName, parameters = info.PolicyParameters, metadata = info.PolicyMetadata, drives = robot.Controller.Drives },
        robot_json = info.Config,
        envelope_m_s = VelocityReference.MaxSpeed,
        dead_man_s = VelocityCommand.DeadManSeconds,
        commands_per_second = GroundStationServer.CommandsPerSecond,
    });
}
