using Microsoft.Playwright;
using Robot.Firmware.Control;
using Robot.Firmware.GroundStation;
using Robot.Firmware.Safety;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>
/// A real Chromium (Debian's, driven by Playwright) on the ground station's page, against the
/// firmware balancing the simulated robot in real time: the plots move, the page arms the robot,
/// drives it forward, and its stop button disarms it. And without the token the page can only watch.
/// </summary>
[Trait("Category", "RealTime")] // scripts/test.sh runs these apart: the loop runs on the wall clock
[Collection("Processes")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GroundStationBrowserTests : IDisposable
{
    const string Chromium = "/usr/bin/chromium";
    readonly string _dir = Directory.CreateTempSubdirectory("ground-station-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    sealed record Session(Task<HilResult> Run, Uri Address, string Token, CancellationTokenSource End);

    Session StartRobot(double seconds)
    {
        var scenario = ScenarioFile.Load(Path.Combine(HilPaths.DrivingScenarios, "ground-station.json")) with { Duration = seconds };
        var policy = PolicyFile.Load(HilPaths.DrivingPolicy);
        var ready = new TaskCompletionSource<(Uri, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var end = new CancellationTokenSource();
        var run = Task.Run(() => HilRunner.Run(scenario, new PolicyActions(policy), realTime: true, arm: false, attach: (robot, live) =>
        {
            string tokenPath = Path.Combine(_dir, "token");
            var server = GroundStationHost.Start("0", tokenPath, new Robot.Firmware.StationLink.LocalRobotLink(robot, live, StationInfo.Of(HilPaths.DrivingPolicy, policy, robot.Config)), TextWriter.Null);
            ready.SetResult((server.Address, File.ReadAllText(tokenPath)));
            return server;
        }, cancel: end.Token));
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("the ground station did not start: " + run.Exception?.Message);
        var (address, token) = ready.Task.Result;
        return new Session(run, address, token, end);
    }

    /// <summary>
    /// Chromium under SCHED_IDLE: it stands in for the laptop a person drives from, which is not the
    /// robot's computer; here it shares the two cores with the simulated robot, and at its own raised
    /// priority it would delay the garbage collector's pauses that stop the loop (docs/ground-station.md
    /// measures both ways).
    /// </summary>
    async Task<IBrowser> Launch(IPlaywright playwright) => await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = IdleChromium(), Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    string IdleChromium()
    {
        string wrapper = Path.Combine(_dir, "chromium-idle");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec chrt --idle 0 {Chromium} \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }

    static async Task<int> Samples(IPage page) => int.Parse(await page.Locator("#samples").GetAttributeAsync("data-count") ?? "0");

    [Fact]
    public async Task TheBrowserWatchesArmsDrivesAndStopsTheSimulatedRobot()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (scripts/test.sh does)");
        var session = StartRobot(120);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Launch(playwright);
            var page = await browser.NewPageAsync();
            // The station's Content-Security-Policy must not block anything the page itself needs (Plotly's styles).
            var blocked = new List<string>();
            page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
            await page.GotoAsync(new Uri(session.Address, "/") + "#token=" + session.Token);

            // The plots move: samples keep arriving.
            await page.WaitForFunctionAsync("() => Number(document.getElementById('samples').dataset.count) > 20", null, new() { Timeout = 15_000 });
            int first = await Samples(page);
            await page.WaitForTimeoutAsync(1000);
            Assert.True(await Samples(page) > first + 10, "the plots did not move");
            await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Disarmed");

            await page.ClickAsync("#arm");
            await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Running", new() { Timeout = 15_000 });
            await page.WaitForTimeoutAsync(1500); // standing, let go by the hand

            await page.Locator("#velocity").FillAsync("0.3");
            await page.WaitForTimeoutAsync(4000);
            await page.ClickAsync("#stop");
            await page.WaitForTimeoutAsync(1000);
            await page.WaitForTimeoutAsync(300);
            Assert.Empty(blocked);
        }
        finally
        {
            session.End.Cancel();
        }
        var result = await session.Run;
        var telemetry = result.Telemetry;
        Assert.True(result.Faults.Count == 0, $"faults: {string.Join(", ", result.Faults)} ({result.FaultDetail}); loop lateness p99 {result.LatenessP99:F0} us, max {result.LatenessMax:F0} us, {result.Overruns} overruns");
        var driving = telemetry.Where(r => r.State == SupervisorState.Running && r.TargetVelocity == 0.3f).ToList();
        Assert.True(driving.Count > 100, $"the firmware took the page's 0.3 m/s for {driving.Count} ticks");
        // The simulated robot drove forward: its true speed over the last second of the drive.
        double end = driving[^1].Time;
        var moving = result.Trace.Where(s => s.Time > end - 1 && s.Time <= end).ToList();
        Assert.True(moving.Average(s => s.Velocity) > 0.15, $"the simulated robot's speed {moving.Average(s => s.Velocity):F2} m/s while commanded 0.3");
        // Stop: disarmed, the motor off, and no fault.
        Assert.Equal(SupervisorState.Disarmed, telemetry[^1].State);
        Assert.Equal(0f, telemetry[^1].Duty);
    }

    [Fact]
    public async Task WithoutTheTokenThePageOnlyWatches()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (scripts/test.sh does)");
        var session = StartRobot(30);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Launch(playwright);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(session.Address, "/").ToString());
            await page.WaitForFunctionAsync("() => Number(document.getElementById('samples').dataset.count) > 5", null, new() { Timeout = 15_000 });
            await page.ClickAsync("#arm");
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("read-only");
            // A wrong token is refused by the robot.
            await page.FillAsync("#token", "0123456789abcdef0123456789abcdef");
            await page.ClickAsync("#use-token");
            await page.ClickAsync("#arm");
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("needs the robot's token");
            await page.WaitForTimeoutAsync(1500);
            await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Disarmed");
        }
        finally
        {
            session.End.Cancel();
        }
        var result = await session.Run;
        Assert.DoesNotContain(result.Telemetry, r => r.State != SupervisorState.Disarmed);
    }
}
