using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Robot.Firmware.StationLink;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Tests;

/// <summary>
/// The robot and its ground station as two processes, as on the Pi: the real `robot-firmware run
/// --station-socket` on the simulated robot (robot-hil firmware), and `robot-firmware station` beside it.
/// The station is killed while it drives the robot; the robot's target lapses to 0 by the dead-man, it
/// keeps balancing without a fault, and a new station takes over.
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "RealTime")]
[Collection("Processes")]
public sealed class StationProcessTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("station-process-").FullName;
    readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var p in _started)
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        Directory.Delete(_dir, recursive: true);
    }



    (Process Process, Func<string> Output) Start(string program, params string[] args)
    {
        var started = ProcessTools.Start(program, args);
        _started.Add(started.Process);
        return started;
    }

    static void WaitFor(Func<string> output, Process process, string text)
    {
        var wait = Stopwatch.StartNew();
        while (!output().Contains(text) && !process.HasExited && wait.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        Assert.True(output().Contains(text), $"no '{text}':\n" + output());
    }

    (Process Process, HttpClient Http) StartStation(string socket, string token)
    {
        int port = ProcessTools.FreePort();
        var (station, output) = Start("robot-firmware.dll", "station", "--robot", socket, "--ground-station", port.ToString(), "--ground-station-token", token);
        WaitFor(output, station, "ground station: ");
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(token).Trim());
        return (station, http);
    }

    [Fact]
    public async Task AKilledStationLeavesTheRobotBalancingAndANewOneTakesOver()
    {
        string config = Path.Combine(_dir, "robot.json"), socket = Path.Combine(_dir, "station.sock"), token = Path.Combine(_dir, "token");
        HilRunner.ConfigureLoose(new Scenario()).Save(config);
        var (robot, robotOutput) = Start("robot-hil.dll", "firmware", "--", "run", "--policy", HilPaths.DrivingPolicy, "--config", config, "--station-socket", socket);
        WaitFor(robotOutput, robot, "station link: ");

        var (station, http) = StartStation(socket, token);
        using (http)
        {
            Assert.True((await http.PostAsync("/api/arm", null)).IsSuccessStatusCode);
            var wait = Stopwatch.StartNew();
            while (!robotOutput().Contains("state Running") && wait.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
            Assert.Contains("state Running", robotOutput());
            await Task.Delay(1000); // released and balancing
            for (int k = 0; k < 10; k++) // the page's joystick: 0.3 m/s, ten times a second
            {
                Assert.True((await http.PostAsJsonAsync("/api/velocity", new { velocity_m_s = 0.3 })).IsSuccessStatusCode);
                await Task.Delay(100);
            }
            using var driving = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
            Assert.Equal(0.3, driving.RootElement.GetProperty("target_m_s").GetDouble(), 6);
            Assert.Equal(0, ProcessTools.Signal(station.Id, 9)); // SIGKILL: no goodbye
        }
        Assert.True(station.WaitForExit(TimeSpan.FromSeconds(5)));
        var killedAt = Stopwatch.StartNew();

        using var link = new SocketRobotLink(socket);
        double lapsedAfter = double.NaN;
        while (killedAt.Elapsed < TimeSpan.FromSeconds(2))
        {
            using var status = JsonDocument.Parse(link.Ask("status"));
            if (double.IsNaN(lapsedAfter) && status.RootElement.GetProperty("target_m_s").GetDouble() == 0) lapsedAfter = killedAt.Elapsed.TotalSeconds;
            Assert.Equal("Running", status.RootElement.GetProperty("state").GetString());
            Assert.Equal(0, status.RootElement.GetProperty("faults").GetArrayLength());
            await Task.Delay(20);
        }
        // The last command was sent at most 0.1 s before the kill; it holds for the dead-man's 0.3 s.
        Assert.InRange(lapsedAfter, 0, 0.3 + 0.1);

        var (_, again) = StartStation(socket, token);
        using (again)
        {
            using var status = JsonDocument.Parse(await again.GetStringAsync("/api/status"));
            Assert.Equal("Running", status.RootElement.GetProperty("state").GetString());
            Assert.True((await again.PostAsJsonAsync("/api/velocity", new { velocity_m_s = 0.1 })).IsSuccessStatusCode);
        }
        Assert.Equal(0, ProcessTools.Signal(robot.Id, 15));
        Assert.True(robot.WaitForExit(TimeSpan.FromSeconds(15)), robotOutput());
        robot.WaitForExit();
        Assert.True(robot.ExitCode == 0, $"exit {robot.ExitCode}:\n" + robotOutput());
    }
}
