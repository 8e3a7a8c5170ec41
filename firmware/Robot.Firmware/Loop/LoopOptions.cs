using System.Text.Json.Serialization;

namespace Robot.Firmware.Loop;

/// <summary>robot.json's <c>loop</c> section: the control rate and the loop thread's priority.</summary>
public sealed record LoopOptions
{
    [JsonPropertyName("rate_hz")] public double Rate { get; init; } = 200;
    /// <summary>The loop thread's SCHED_FIFO priority on the wall clock, 1-98 (the watchdog's timer one above); 0: normal scheduling.</summary>
    [JsonPropertyName("priority")] public int Priority { get; init; } = 80;

    /// <summary>The wall clock for this robot: its watchdog timer runs one real-time priority above the loop.</summary>
    public StopwatchClock WallClock() => new(timerPriority: Priority == 0 ? 0 : Priority + 1);
}
