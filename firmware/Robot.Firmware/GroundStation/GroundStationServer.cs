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
using System.Globalization;
using Robot.Firmware.StationLink;

namespace Robot.Firmware.GroundStation;

/// <summary>
/// The robot's web page (ASP.NET Core's Kestrel), in the ground station's own process: live plots,
/// the policy's metadata, robot.json and the fault log for anyone who can reach it; arm, disarm,
/// clear, stop and the velocity command only with the token. Everything it says and does goes through
/// the station link (<see cref="IRobotLink"/>): the robot answers and decides, the station carries.
/// Every command is rate limited per client; a velocity outside the envelope is refused by the robot
/// (400), never clamped; a robot that does not answer is 503.
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
    public static GroundStationServer Start(IPEndPoint endpoint, IRobotLink robot, AccessToken token)
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
        Map(app, robot, token);
        app.StartAsync().GetAwaiter().GetResult();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GroundStationServer(app, new Uri(bound));
    }

    static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";

    static void Map(WebApplication app, IRobotLink robot, AccessToken token)
    {
        var reads = app.MapGroup("").RequireRateLimiting("reads");
        reads.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        reads.MapGet("/app.js", () => Page("app.js", "text/javascript; charset=utf-8"));
        reads.MapGet("/style.css", () => Page("style.css", "text/css; charset=utf-8"));
        reads.MapGet("/plotly.min.js", () => Page("plotly-basic.min.js", "text/javascript; charset=utf-8"));

        reads.MapGet("/api/info", () => Forward(robot, "info"));
        reads.MapGet("/api/status", () => Forward(robot, "status"));
        app.MapGet("/api/stream", (HttpContext context) => Stream(context, robot)).RequireRateLimiting("streams");

        // Commands: one group, so the token is checked in one place, before any handler or body is read.
        var commands = app.MapGroup("/api").AddEndpointFilter((context, next) =>
            token.Accepts(AccessToken.FromHeader(context.HttpContext.Request.Headers.Authorization)) ? next(context)
            : ValueTask.FromResult<object?>(Refused(StatusCodes.Status401Unauthorized, "a command needs the robot's token")))
            .RequireRateLimiting("commands");
        commands.MapPost("/arm", () => Forward(robot, "arm"));
        commands.MapPost("/disarm", () => Forward(robot, "disarm"));
        commands.MapPost("/clear", () => Forward(robot, "clear"));
        // Stop: the command to 0 and the motor off (disarm) at the loop's next tick. Never rate limited: it
        // only ever makes the robot safer, and the token is still checked.
        commands.MapPost("/stop", () => Forward(robot, "stop")).DisableRateLimiting();
        commands.MapPost("/velocity", (Delegate)((HttpContext c) => Velocity(c, robot)));
    }

    /// <summary>The robot's answer as the response: 200 when it is done, else the status its refusal means (503 when the robot does not answer).</summary>
    static IResult Forward(IRobotLink robot, string request)
    {
        string answer;
        try
        {
            answer = robot.Ask(request);
        }
        catch (RobotUnreachableException e)
        {
            return Results.Json(new { ok = false, refusal = StationLinkProtocol.Refusals.Unreachable, error = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        int status = StatusCodes.Status200OK;
        if (answer.StartsWith("{\"ok\":false", StringComparison.Ordinal))
        {
            using var refusal = JsonDocument.Parse(answer);
            status = refusal.RootElement.GetProperty("refusal").GetString() switch
            {
                StationLinkProtocol.Refusals.DoesNotDrive => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
        }
        return Results.Text(answer, "application/json; charset=utf-8", Encoding.UTF8, status);
    }

    static async Task<IResult> Velocity(HttpContext context, IRobotLink robot)
    {
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
        // The robot decides (the envelope, whether its policy drives): the station only carries the number.
        return Forward(robot, "velocity " + speed.ToString("R", CultureInfo.InvariantCulture));
    }

    static IResult Refused(int status, string error) => Results.Json(new { ok = false, error }, statusCode: status);

    /// <summary>Server-sent events: every 100 ms the samples kept since the last message (time, pitch, position, velocity, target, duty, lateness, state) and the status, as the robot answers them.</summary>
    static async Task Stream(HttpContext context, IRobotLink robot)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        long next = -1; // the robot starts with its last few seconds
        var ct = context.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                string message;
                try
                {
                    message = robot.Ask("samples " + next.ToString(CultureInfo.InvariantCulture));
                    using var answer = JsonDocument.Parse(message);
                    if (answer.RootElement.TryGetProperty("next", out var n)) next = n.GetInt64();
                }
                catch (RobotUnreachableException e)
                {
                    message = JsonSerializer.Serialize(new { ok = false, refusal = StationLinkProtocol.Refusals.Unreachable, error = e.Message });
                }
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
