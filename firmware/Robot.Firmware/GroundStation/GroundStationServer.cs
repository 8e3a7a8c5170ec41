using Robot.Firmware.Safety;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Robot.Firmware.Control;
using Robot.Firmware.Runtime;
using Robot.Firmware.Telemetry;
using Robot.Observation;

namespace Robot.Firmware.GroundStation;

/// <summary>
/// The robot's web page (ASP.NET Core's Kestrel): live plots streamed from the telemetry (decimated by
/// <see cref="LiveTelemetry"/> off the loop thread), the policy's metadata, robot.json and the fault
/// log for anyone who can reach it; arm, disarm, clear, stop and the velocity command only with the
/// token. Kestrel's threads are the thread pool's, below the loop's priority, and never touch the
/// loop's data but through the same requests the console makes (BalanceRobot) and the velocity
/// command. Every command is rate limited per client and validated; a velocity outside the envelope
/// is refused (400), never clamped.
/// </summary>
public sealed class GroundStationServer : IDisposable
{
    /// <summary>Commands per client and second (the page sends its velocity ten times a second).</summary>
    public const int CommandsPerSecond = 30;
    /// <summary>Reads (the page, info, status) per client and second: the page polls nothing, a flood is refused.</summary>
    public const int ReadsPerSecond = 50;
    /// <summary>How often the stream sends what is new, ms.</summary>
    public const int StreamPeriodMilliseconds = 100;
    const string PageResources = "Robot.Firmware.GroundStation.wwwroot.";

    readonly WebApplication _app;

    GroundStationServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the page is (the port Kestrel chose when asked for port 0).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening; returns once the page can be fetched.</summary>
    public static GroundStationServer Start(IPEndPoint endpoint, BalanceRobot robot, LiveTelemetry live, AccessToken token, StationInfo info)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // the console belongs to the status line
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint, listen => listen.Use(StationGuards.PerAddressLimit()));
            k.Limits.MaxRequestBodySize = 1024;
            k.Limits.MaxConcurrentConnections = StationGuards.MaxConnections;
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(StationGuards.IdleSeconds);
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(StationGuards.IdleSeconds);
            k.AddServerHeader = false;
        });
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = StationGuards.AllowedHosts(endpoint);
            o.IncludeFailureMessage = false;
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The token's holder and everyone else from the same address count apart: a page that floods
            // token-less requests (from the operator's own browser, say) cannot spend the operator's budget.
            o.AddPolicy("commands", context => RateLimitPartition.GetFixedWindowLimiter(
                (token.Accepts(AccessToken.FromHeader(context.Request.Headers.Authorization)) ? "operator " : "anyone ") + Client(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = CommandsPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            o.AddPolicy("reads", context => RateLimitPartition.GetFixedWindowLimiter(Client(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = ReadsPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            o.AddPolicy("streams", context => RateLimitPartition.GetConcurrencyLimiter(Client(context),
                _ => new ConcurrencyLimiterOptions { PermitLimit = 4, QueueLimit = 0 }));
        });
        var app = builder.Build();
        app.UseHostFiltering();
        app.Use(StationGuards.SecurityHeaders);
        app.UseRateLimiter();
        Map(app, robot, live, token, info);
        app.StartAsync().GetAwaiter().GetResult();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GroundStationServer(app, new Uri(bound));
    }

    static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";

    static void Map(WebApplication app, BalanceRobot robot, LiveTelemetry live, AccessToken token, StationInfo info)
    {
        var reads = app.MapGroup("").RequireRateLimiting("reads");
        reads.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        reads.MapGet("/app.js", () => Page("app.js", "text/javascript; charset=utf-8"));
        reads.MapGet("/style.css", () => Page("style.css", "text/css; charset=utf-8"));
        reads.MapGet("/plotly.min.js", () => Page("plotly-basic.min.js", "text/javascript; charset=utf-8"));

        reads.MapGet("/api/info", () => Results.Json(new
        {
            policy = new { file = info.PolicyName, parameters = info.PolicyParameters, metadata = info.PolicyMetadata, drives = robot.Controller.Drives },
            robot_json = info.Config,
            envelope_m_s = VelocityReference.MaxSpeed,
            dead_man_s = VelocityCommand.DeadManSeconds,
            commands_per_second = CommandsPerSecond,
        }));
        reads.MapGet("/api/status", () => Results.Json(Status(robot)));
        app.MapGet("/api/stream", (HttpContext context) => Stream(context, robot, live)).RequireRateLimiting("streams");

        // Commands: one group, so the token is checked in one place, before any handler or body is read.
        var commands = app.MapGroup("/api").AddEndpointFilter((context, next) =>
            token.Accepts(AccessToken.FromHeader(context.HttpContext.Request.Headers.Authorization)) ? next(context)
            : ValueTask.FromResult<object?>(Refused(StatusCodes.Status401Unauthorized, "a command needs the robot's token")))
            .RequireRateLimiting("commands");
        commands.MapPost("/arm", () => Done(() => robot.RequestArm()));
        commands.MapPost("/disarm", () => Done(robot.RequestDisarm));
        commands.MapPost("/clear", () => Done(robot.RequestClearFault));
        // Stop: the command to 0 and the motor off (disarm) at the loop's next tick. Never rate limited: it
        // only ever makes the robot safer, and the token is still checked.
        commands.MapPost("/stop", () => Done(robot.RequestDisarm)).DisableRateLimiting();
        commands.MapPost("/velocity", (Delegate)((HttpContext c) => Velocity(c, robot)));
    }

    static IResult Done(Action command)
    {
        command();
        return Results.Json(new { ok = true });
    }

    static async Task<IResult> Velocity(HttpContext context, BalanceRobot robot)
    {
        if (!robot.Controller.Drives) return Refused(StatusCodes.Status409Conflict, "this policy balances in place only: it does not take a velocity command");
        double speed;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("velocity_m_s", out var value) || value.ValueKind != JsonValueKind.Number)
                return Refused(StatusCodes.Status400BadRequest, "expected {\"velocity_m_s\": NUMBER}");
            speed = value.GetDouble();
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException)
        {
            return Refused(StatusCodes.Status400BadRequest, "expected {\"velocity_m_s\": NUMBER}");
        }
        if (VelocityCommand.Problem(speed) is string problem) return Refused(StatusCodes.Status400BadRequest, problem);
        robot.Command.TrySet(speed, robot.Clock.NowNanoseconds);
        return Results.Json(new { ok = true, velocity_m_s = speed });
    }

    /// <summary>JSON has no NaN: a figure not there yet (no ticks timed) or not finite is null.</summary>
    static double? Finite(double value) => double.IsFinite(value) ? value : null;

    static IResult Refused(int status, string error) => Results.Json(new { ok = false, error }, statusCode: status);

    static object Status(BalanceRobot robot)
    {
        var (_, p99, max) = robot.Loop.Timing.LatenessMicroseconds();
        return new
        {
            state = robot.Supervisor.State.ToString(),
            arm_refusal = robot.Supervisor.ArmRefusal,
            faults = robot.Faults.List().Select(f => new { cause = FaultNames.Of(f.Cause), time_s = f.Time, detail = f.Detail }),
            target_m_s = robot.Command.TargetAt(robot.Clock.NowNanoseconds),
            drives = robot.Controller.Drives,
            ticks = robot.Loop.Timing.Ticks,
            overruns = robot.Loop.Timing.Overruns,
            lateness_p99_us = Finite(p99),
            lateness_max_us = Finite(max),
            telemetry_dropped = robot.Telemetry.Dropped,
            // The collector stops every thread, the loop's too: its pauses are loop lateness no priority can avoid.
            gc_collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
            gc_pause_total_ms = GC.GetTotalPauseDuration().TotalMilliseconds,
        };
    }

    /// <summary>Server-sent events: every 100 ms the samples kept since the last message (time, pitch, position, velocity, target, duty, lateness, state) and the status.</summary>
    static async Task Stream(HttpContext context, BalanceRobot robot, LiveTelemetry live)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var records = new List<TickRecord>();
        long next = Math.Max(0, live.Next - 250); // the last few seconds first, so the plots start full
        var ct = context.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                records.Clear();
                next = live.CopySince(next, records);
                var message = JsonSerializer.Serialize(new
                {
                    samples = records.Select(r => new object?[] { Math.Round(r.Time, 4), Finite(r.Pitch), Finite(r.Position), Finite(r.Velocity), Finite(r.TargetVelocity),
                        Finite(r.Duty), Finite(r.LatenessMicroseconds), r.State.ToString() }),
                    status = Status(robot),
                });
                await context.Response.WriteAsync("data: " + message + "\n\n", Encoding.UTF8, ct);
                await context.Response.Body.FlushAsync(ct);
                await Task.Delay(StreamPeriodMilliseconds, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    static IResult Page(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(PageResources + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }

    public void Dispose()
    {
        _app.StopAsync().Wait(TimeSpan.FromSeconds(2));
        ((IDisposable)_app).Dispose();
    }
}
