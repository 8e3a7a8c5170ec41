using System.Text.Json.Serialization;

namespace Robot.Trainer.Training;

/// <summary>How a setting moves over training (the learning rate, PPO's clip range).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Schedule>))]
public enum Schedule
{
    /// <summary>The initial value throughout.</summary>
    [JsonStringEnumMemberName("constant")] Constant,
    /// <summary>Decays linearly to zero at total_steps.</summary>
    [JsonStringEnumMemberName("linear")] Linear,
}

public static class ScheduleExtensions
{
    /// <summary>The value at <paramref name="progressRemaining"/> (1 at the start of training, 0 at total_steps).</summary>
    public static double At(this Schedule schedule, double initial, double progressRemaining) => schedule switch
    {
        Schedule.Linear => initial * Math.Max(progressRemaining, 0),
        _ => initial,
    };
}
