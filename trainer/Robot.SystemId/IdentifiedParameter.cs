using System.Text.Json.Serialization;

namespace Robot.SystemId;

/// <summary>
/// One fitted physical parameter: its value, its standard error from the fit's covariance, and
/// whether the data pinned it down (relative standard error at most <see cref="PinnedRelativeError"/>).
/// </summary>
public sealed record IdentifiedParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("unit")] string Unit)
{
    /// <summary>A parameter known to within this relative standard error counts as identified.</summary>
    public const double PinnedRelativeError = 0.05;

    [JsonPropertyName("relative_error")] public double RelativeError => Value == 0 ? double.PositiveInfinity : Math.Abs(StandardError / Value);
    [JsonPropertyName("identified")] public bool Identified => RelativeError <= PinnedRelativeError;
}
