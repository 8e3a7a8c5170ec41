using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Robot.Cli;
using Robot.Firmware.GroundStation;
using Robot.Firmware.Runtime;
using Robot.Firmware.StationLink;
using Robot.Firmware.Telemetry;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>The ground station's web API, over the station link's socket, against the firmware's robot on the simulated rig: who may command, what is refused.</summary>
public sealed class GroundStationTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("ground-station-").FullName;
    readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
        Directory.Delete(_dir, true);
    }

    readonly LiveTelemetry _live = new(every: 1);

    (BalanceRobot Robot, HttpClient Http, AccessToken Token) Start(string policyPath)
    {
        var scenario = new Scenario();
        var config = HilRunner.Configure(scenario);
        var rig = SimulatedRig.Create(scenario, config, realTime: false);
        _owned.Add(rig);
        var policy = PolicyFile.Load(policyPath);
        var robot = BalanceRobot.Create(config, policy, rig.Hardware, rig.Clock);
        var token = AccessToken.LoadOrCreate(Path.Combine(_dir, "token"), out _);
        // The station as it runs beside the robot: through the robot's socket, as its own process would.
        var socket = StationLinkServer.Start(Path.Combine(_dir, "station.sock"), robot, _live, StationInfo.Of(policyPath, policy, config));
        _owned.Add(socket);
        var link = new SocketRobotLink(socket.Path);
        _owned.Add(link);
        var server = GroundStationServer.Start(new IPEndPoint(IPAddress.Loopback, 0), link, token);
        _owned.Add(server);
        var http = new HttpClient { BaseAddress = server.Address };
        _owned.Add(http);
        return (robot, http, token);
    }

    static HttpRequestMessage Post(string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    [Fact]
    public async Task ThePageAndTheReadOnlyViewNeedNoToken()
    {
        var (_, http, _) = Start(HilPaths.DrivingPolicy);
        Assert.Contains("Uniwheel ground station", await http.GetStringAsync("/"));
        Assert.True((await http.GetByteArrayAsync("/plotly.min.js")).Length > 500_000, "plotly.js is not served from the robot");
        using var info = JsonDocument.Parse(await http.GetStringAsync("/api/info"));
        Assert.True(info.RootElement.GetProperty("policy").GetProperty("drives").GetBoolean());
        Assert.Equal("UniwheelDrive-v0", info.RootElement.GetProperty("policy").GetProperty("metadata").GetProperty("env").GetString());
        Assert.Equal(0.5, info.RootElement.GetProperty("envelope_m_s").GetDouble());
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        Assert.Equal("Disarmed", status.RootElement.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("/api/arm")]
    [InlineData("/api/disarm")]
    [InlineData("/api/clear")]
    [InlineData("/api/stop")]
    [InlineData("/api/velocity")]
    public async Task EveryCommandWithoutTheRightTokenIsRefused(string path)
    {
        var (robot, http, token) = Start(HilPaths.DrivingPolicy);
        var none = await http.SendAsync(Post(path, null, new { velocity_m_s = 0.2 }));
        var wrong = await http.SendAsync(Post(path, token.Value[..^1] + (token.Value[^1] == '0' ? '1' : '0'), new { velocity_m_s = 0.2 }));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(0, robot.Command.TargetAt(robot.Clock.NowNanoseconds));
        var right = await http.SendAsync(Post(path, token.Value, new { velocity_m_s = 0.2 }));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task AVelocityIsTakenWithinTheEnvelopeAndRefusedOutsideItNeverClamped()
    {
        var (robot, http, token) = Start(HilPaths.DrivingPolicy);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post("/api/velocity", token.Value, new { velocity_m_s = -0.35 }))).StatusCode);
        Assert.Equal(-0.35, robot.Command.TargetAt(robot.Clock.NowNanoseconds));
        foreach (var bad in new object[] { new { velocity_m_s = 0.51 }, new { velocity_m_s = -3.0 }, new { speed = 0.1 }, new { velocity_m_s = "fast" } })
        {
            var answer = await http.SendAsync(Post("/api/velocity", token.Value, bad));
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal(-0.35, robot.Command.TargetAt(robot.Clock.NowNanoseconds)); // unchanged, not clamped to the edge
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/velocity") { Content = new StringContent("{\"velocity_m_s\": NaN}") };
        request.Headers.Authorization = new("Bearer", token.Value);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request)).StatusCode);
        // Stop: the command is 0 at once.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post("/api/stop", token.Value))).StatusCode);
        Assert.Equal(0, robot.Command.TargetAt(robot.Clock.NowNanoseconds));
    }

    [Fact]
    public async Task ABalancingPolicyRefusesVelocityCommands()
    {
        var (robot, http, token) = Start(HilPaths.TrainedPolicy);
        var answer = await http.SendAsync(Post("/api/velocity", token.Value, new { velocity_m_s = 0.2 }));
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("balances in place only", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0, robot.Command.TargetAt(robot.Clock.NowNanoseconds));
    }

    [Fact]
    public async Task CommandsAreRateLimitedPerClient()
    {
        var (_, http, token) = Start(HilPaths.DrivingPolicy);
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 100; i++) codes.Add((await http.SendAsync(Post("/api/velocity", token.Value, new { velocity_m_s = 0.1 }))).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.True(codes.Count(c => c == HttpStatusCode.OK) >= GroundStationServer.CommandsPerSecond);
    }

    /// <summary>
    /// A page flooding token-less commands from the operator's own address (issue 25: 4-7 of 10 STOPs
    /// got 429) spends its own budget, not the operator's; and STOP is never rate limited.
    /// </summary>
    [Fact]
    public async Task TokenlessFloodsNeverStarveTheOperatorsStop()
    {
        var (robot, http, token) = Start(HilPaths.DrivingPolicy);
        var flood = new List<HttpStatusCode>();
        for (int i = 0; i < 100; i++) flood.Add((await http.SendAsync(Post("/api/arm", null))).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, flood); // the flood itself is limited
        for (int i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post("/api/velocity", token.Value, new { velocity_m_s = 0 }))).StatusCode);
        // STOP past the operator's own budget of commands too.
        for (int i = 0; i < 2 * GroundStationServer.CommandsPerSecond; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post("/api/stop", token.Value))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Post("/api/stop", null))).StatusCode);
    }

    [Fact]
    public async Task ReadsAreRateLimitedPerClient()
    {
        var (_, http, _) = Start(HilPaths.DrivingPolicy);
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 3 * GroundStationServer.ReadsPerSecond; i++) codes.Add((await http.GetAsync("/api/status")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.True(codes.Count(c => c == HttpStatusCode.OK) >= GroundStationServer.ReadsPerSecond);
    }

    /// <summary>A DNS-rebinding page's requests carry its own host name: refused; the robot's own names pass. Every answer keeps the page out of frames.</summary>
    [Fact]
    public async Task AForeignHostIsRefusedAndThePageCannotBeFramed()
    {
        var (_, http, _) = Start(HilPaths.DrivingPolicy);
        var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        foreign.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(foreign)).StatusCode);
        var local = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        local.Headers.Host = $"localhost:{http.BaseAddress!.Port}";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(local)).StatusCode);
        var page = await http.GetAsync("/");
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>
    /// 40 connections from another address that never send a byte (issue 25: they locked every new
    /// connection out for 130 s): at most 8 are kept, so the operator's status and STOP still go through.
    /// </summary>
    [Fact]
    public async Task IdleConnectionsFromAnotherAddressCannotLockTheOperatorOut()
    {
        var (_, http, token) = Start(HilPaths.DrivingPolicy);
        var idle = new List<System.Net.Sockets.Socket>();
        try
        {
            for (int i = 0; i < 40; i++)
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0)); // another client address (all of 127/8 is loopback)
                idle.Add(socket);
                try { await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, http.BaseAddress!.Port)); }
                catch (System.Net.Sockets.SocketException) { } // dropped at once: the limit at work
            }
            await Task.Delay(200);
            using var fresh = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
            Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/status")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fresh.SendAsync(Post("/api/stop", token.Value))).StatusCode);
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
    }

    [Fact]
    public async Task TheStreamSendsTelemetryAndStatus()
    {
        var (_, http, _) = Start(HilPaths.DrivingPolicy);
        // No loop runs here: feed the live view the way the telemetry writer does.
        for (int k = 0; k < 3; k++)
            _live.Offer(new TickRecord(k, 1 + k * 0.02, 0, 16384, 0, 0, 0.01f * k, 0, 0.1f, 0.2f, 0, 0.3f, 40, 20, Robot.Firmware.Safety.SupervisorState.Running, TargetVelocity: 0.25f));
        using var stream = await http.GetStreamAsync("/api/stream");
        using var reader = new StreamReader(stream);
        string? line = await reader.ReadLineAsync();
        Assert.NotNull(line);
        Assert.StartsWith("data: ", line);
        using var message = JsonDocument.Parse(line!["data: ".Length..]);
        Assert.Equal("Disarmed", message.RootElement.GetProperty("status").GetProperty("state").GetString());
        var samples = message.RootElement.GetProperty("samples");
        Assert.Equal(3, samples.GetArrayLength());
        Assert.Equal(0.25, samples[2][4].GetDouble(), 6); // time, pitch, position, velocity, target, ...
        Assert.Equal("Running", samples[2][7].GetString());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheTokenIsCreatedOwnerOnlyAndAnOpenTokenFileIsRefused()
    {
        string path = Path.Combine(_dir, "new.token");
        var token = AccessToken.LoadOrCreate(path, out bool created);
        Assert.True(created);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(64, token.Value.Length);
        Assert.Equal(token.Value, AccessToken.LoadOrCreate(path, out created).Value);
        Assert.False(created);
        Assert.True(token.Accepts(token.Value));
        Assert.False(token.Accepts(token.Value.ToUpperInvariant() == token.Value ? "x" : token.Value.ToUpperInvariant()));
        Assert.False(token.Accepts(null));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var e = Assert.Throws<InputException>(() => AccessToken.LoadOrCreate(path, out _));
        Assert.Contains("can be read by others", e.Message);
        string junk = Path.Combine(_dir, "junk.token");
        File.WriteAllText(junk, "short");
        File.SetUnixFileMode(junk, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Throws<InputException>(() => AccessToken.LoadOrCreate(junk, out _));
    }

    [Theory]
    [InlineData("8080", "127.0.0.1:8080")]
    [InlineData("0.0.0.0:9000", "0.0.0.0:9000")]
    [InlineData("[::1]:7000", "[::1]:7000")]
    public void TheAddressIsLocalhostUnlessToldOtherwise(string text, string expected) =>
        Assert.Equal(expected, StationAddress.Parse(text).ToString());

    [Theory]
    [InlineData("localhost")]
    [InlineData("1.2.3.4")]
    [InlineData("99999")]
    [InlineData("1.2.3.4:70000")]
    public void ABadAddressIsRefused(string text) => Assert.Throws<ArgumentException>(() => StationAddress.Parse(text));
}
