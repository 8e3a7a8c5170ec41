using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Robot.Cli;
using Robot.Firmware.GroundStation;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.StationLink;
using Robot.Firmware.Telemetry;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>The station link: what the robot's process answers, that answering allocates nothing, and how the socket outlives either side.</summary>
public sealed class StationLinkTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("station-link-").FullName;
    readonly List<IDisposable> _owned = [];
    readonly LiveTelemetry _live = new(every: 1);

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
        Directory.Delete(_dir, true);
    }

    BalanceRobot Robot(string policyPath)
    {
        var scenario = new Scenario();
        var config = HilRunner.Configure(scenario);
        var rig = SimulatedRig.Create(scenario, config, realTime: false);
        _owned.Add(rig);
        return BalanceRobot.Create(config, PolicyFile.Load(policyPath), rig.Hardware, rig.Clock);
    }

    StationInfo Info(BalanceRobot robot, string policyPath) => StationInfo.Of(policyPath, PolicyFile.Load(policyPath), robot.Config);

    void Feed(int count)
    {
        for (int k = 0; k < count; k++)
            _live.Offer(new TickRecord(k, k * 0.005, 0, 16384, 0, 0, 0.01f, 0, 0.1f, 0.2f, 0, 0.3f, 40, 20, SupervisorState.Running, TargetVelocity: 0.25f));
    }

    static string Text(ReadOnlyMemory<byte> answer) => Encoding.UTF8.GetString(answer.Span);

    /// <summary>Polling, streaming and commanding cost the robot's process nothing on the heap: its collector has nothing to do.</summary>
    [Fact]
    public void AnsweringTheStationAllocatesNothing()
    {
        var robot = Robot(HilPaths.DrivingPolicy);
        robot.Run(CancellationToken.None, maxTicks: 400); // the timing window holds ticks: percentiles are computed
        var responder = new StationResponder(robot, _live, Info(robot, HilPaths.DrivingPolicy));
        Feed(300);
        byte[][] requests = ["status"u8.ToArray(), "samples 100"u8.ToArray(), "velocity 0.25"u8.ToArray(), "info"u8.ToArray(), "disarm"u8.ToArray(), "clear"u8.ToArray(), "arm"u8.ToArray(), "stop"u8.ToArray()];
        foreach (var r in requests) responder.Respond(r); // warm: the JIT's own allocations
        foreach (var r in requests)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < 50; k++) responder.Respond(r);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"'{Encoding.UTF8.GetString(r)}' 50 times allocated {allocated} B");
        }
        using var samples = JsonDocument.Parse(Text(responder.Respond("samples 100"u8)));
        Assert.Equal(200, samples.RootElement.GetProperty("samples").GetArrayLength());
        Assert.Equal(300, samples.RootElement.GetProperty("next").GetInt64());
        Assert.True(samples.RootElement.GetProperty("status").GetProperty("ticks").GetInt64() >= 400);
    }

    [Fact]
    public void EachRequestIsAnsweredAndWhatIsNotARequestIsRefused()
    {
        var robot = Robot(HilPaths.DrivingPolicy);
        var responder = new StationResponder(robot, _live, Info(robot, HilPaths.DrivingPolicy));
        JsonElement Ask(string request)
        {
            string answer = Text(responder.Respond(Encoding.UTF8.GetBytes(request)));
            Assert.EndsWith("\n", answer);
            Assert.DoesNotContain("\n", answer[..^1]); // one line
            return JsonDocument.Parse(answer).RootElement.Clone();
        }
        Assert.Equal("Disarmed", Ask("status").GetProperty("state").GetString());
        Assert.True(Ask("info").GetProperty("policy").GetProperty("drives").GetBoolean());
        Assert.Equal(0.25, Ask("velocity 0.25").GetProperty("velocity_m_s").GetDouble());
        Assert.Equal(0.25, robot.Command.TargetAt(robot.Clock.NowNanoseconds));
        Assert.Equal(StationLinkProtocol.Refusals.OutOfEnvelope, Ask("velocity 0.9").GetProperty("refusal").GetString());
        Assert.Equal(0.25, robot.Command.TargetAt(robot.Clock.NowNanoseconds)); // refused, not clamped
        foreach (var bad in new[] { "velocity", "velocity fast", "velocity 0.1 0.2", "samples x", "launch", "" })
            Assert.Equal(StationLinkProtocol.Refusals.BadRequest, Ask(bad).GetProperty("refusal").GetString());
        Assert.True(Ask("stop").GetProperty("ok").GetBoolean());

        var balancing = Robot(HilPaths.TrainedPolicy);
        var inPlace = new StationResponder(balancing, _live, Info(balancing, HilPaths.TrainedPolicy));
        using var refused = JsonDocument.Parse(Text(inPlace.Respond("velocity 0.1"u8)));
        Assert.Equal(StationLinkProtocol.Refusals.DoesNotDrive, refused.RootElement.GetProperty("refusal").GetString());
    }

    /// <summary>The station outlives the robot's process and the robot outlives the station's: either side can go and come back.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheLinkComesBackWhenEitherSideRestarts()
    {
        var robot = Robot(HilPaths.DrivingPolicy);
        string path = Path.Combine(_dir, "station.sock");
        var info = Info(robot, HilPaths.DrivingPolicy);
        using var link = new SocketRobotLink(path);
        Assert.Throws<RobotUnreachableException>(() => link.Ask("status")); // no robot yet

        var server = StationLinkServer.Start(path, robot, _live, info);
        Assert.Contains("\"state\":\"Disarmed\"", link.Ask("status"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(path));
        server.Dispose(); // the robot's process ends
        Assert.Throws<RobotUnreachableException>(() => link.Ask("status"));

        using var again = StationLinkServer.Start(path, robot, _live, info); // and starts again
        Assert.Contains("\"ok\":true", link.Ask("arm"));
        using var second = new SocketRobotLink(path); // a restarted station beside the first
        Assert.Contains("\"state\"", second.Ask("status"));
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int link(string existing, string name);

    [Fact]
    public void AStaleSocketIsReplacedAndAnythingElseAtThePathIsKept()
    {
        var robot = Robot(HilPaths.DrivingPolicy);
        var info = Info(robot, HilPaths.DrivingPolicy);
        string stale = Path.Combine(_dir, "stale.sock"), bound = Path.Combine(_dir, "bound.sock");
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            Assert.Equal(0, link(bound, stale)); // a second name, which .NET does not remove: what a killed robot leaves
        }
        Assert.True(File.Exists(stale));
        using (var replaced = StationLinkServer.Start(stale, robot, _live, info))
        using (var link = new SocketRobotLink(stale))
        {
            Assert.Contains("\"state\"", link.Ask("status"));
            var taken = Assert.Throws<InputException>(() => StationLinkServer.Start(stale, robot, _live, info));
            Assert.Contains("another process serves", taken.Message);
        }

        string file = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(file, "mine");
        var e = Assert.Throws<InputException>(() => StationLinkServer.Start(file, robot, _live, info));
        Assert.Contains("is not a socket", e.Message);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void ALineLongerThanAnyRequestClosesThatConnectionOnly()
    {
        var robot = Robot(HilPaths.DrivingPolicy);
        string path = Path.Combine(_dir, "station.sock");
        using var server = StationLinkServer.Start(path, robot, _live, Info(robot, HilPaths.DrivingPolicy));
        using var flood = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 2000 };
        flood.Connect(new UnixDomainSocketEndPoint(path));
        flood.Send(new byte[StationLinkProtocol.MaxRequestBytes * 4]);
        try
        {
            Assert.Equal(0, flood.Receive(new byte[16])); // closed by the robot: an end of stream, or a reset for the bytes it left unread
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { }
        using var link = new SocketRobotLink(path);
        Assert.Contains("\"state\"", link.Ask("status"));
    }
}

/// <summary>The direction pins, which the loop sets every tick, on the rig's GPIO driver.</summary>
public sealed class DirectionPinsTests
{
    /// <summary>System.Device.Gpio's controller records each write in a new dictionary node: a pin is written only when its level changes.</summary>
    [Fact]
    public void SettingTheSameDirectionEveryTickWritesNothingAndAllocatesNothing()
    {
        var scenario = new Scenario();
        var config = HilRunner.Configure(scenario);
        using var rig = SimulatedRig.Create(scenario, config, realTime: false);
        var gpio = rig.Hardware.Gpio;
        var pins = new Robot.Firmware.Devices.Motor.GpioDirectionPins(gpio, config.Motor.In1Pin, config.Motor.In2Pin);
        pins.Set(true, false);
        pins.Set(true, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 1000; k++) pins.Set(true, false);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(System.Device.Gpio.PinValue.High, gpio.Read(config.Motor.In1Pin));
        Assert.Equal(System.Device.Gpio.PinValue.Low, gpio.Read(config.Motor.In2Pin));
        pins.Set(false, true); // a change is written
        Assert.Equal(System.Device.Gpio.PinValue.Low, gpio.Read(config.Motor.In1Pin));
        Assert.Equal(System.Device.Gpio.PinValue.High, gpio.Read(config.Motor.In2Pin));
    }
}
