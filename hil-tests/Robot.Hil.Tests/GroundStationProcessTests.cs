using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Robot.Hil.Tests;

/// <summary>`robot-hil run --ground-station` in its own process: a stop signal ends the session and its verdict says how long it ran.</summary>
[Trait("Category", "Process")]
[Trait("Category", "RealTime")]
[Collection("Processes")]
public class GroundStationProcessTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("ground-station-process-").FullName;
    Process? _process;

    public void Dispose()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        Directory.Delete(_dir, recursive: true);
    }



    [Theory]
    [InlineData(15)] // SIGTERM: systemctl stop, kill
    [InlineData(2)]  // SIGINT: Ctrl+C
    public void AStopSignalEndsTheSessionWithAVerdictOfTheTimeThatRan(int signal)
    {
        string scenario = Path.Combine(_dir, "ten-minutes.json");
        File.WriteAllText(scenario, """{ "duration_s": 600, "initial": { "release_s": 599 } }""");
        (_process, var Text) = ProcessTools.Start("robot-hil.dll", ["run", "--policy", HilPaths.TrainedPolicy, "--scenario", scenario, "--real-time",
            "--ground-station", ProcessTools.FreePort().ToString(), "--ground-station-token", Path.Combine(_dir, "token")]);

        var wait = Stopwatch.StartNew();
        while (!Text().Contains("ground station: ") && !_process.HasExited && wait.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        Assert.True(Text().Contains("ground station: "), "the station did not start:\n" + Text());
        Thread.Sleep(2000);
        Assert.Equal(0, ProcessTools.Signal(_process.Id, signal));
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(15)), "the session did not end on the signal:\n" + Text());
        _process.WaitForExit();

        var verdict = Regex.Match(Text(), @"\((\d+) s simulated in ([0-9.]+) s");
        Assert.True(verdict.Success, "no verdict line:\n" + Text());
        double simulated = double.Parse(verdict.Groups[1].Value), wall = double.Parse(verdict.Groups[2].Value);
        Assert.InRange(simulated, 1, 20); // what ran, not the scenario's 600 s
        Assert.InRange(Math.Abs(simulated - wall), 0, 1.5); // on the wall clock the two agree
    }
}
