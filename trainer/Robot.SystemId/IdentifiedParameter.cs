using System.Text.Json.Serialization;

namespace Robot.SystemId;

/// <summary>
/// One fitted physical parameter: its value, its standard error from the fit's covariance, and
/// whether the data pinned it down (relative standard error at most <see cref="PinnedRelativeError"/>,
/// and not stopped on a bound of the fit: there the covariance says nothing, and the error reads 0).
/// </summary>
public sealed record IdentifiedParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("at_bound")] bool AtBound = false)
{
    /// <summary>A parameter known to within this relative standard error counts as identified.</summary>
    public const double PinnedRelativeError = 0.05;

    [JsonPropertyName("relative_error")] public double RelativeError => Value == 0 ? double.PositiveInfinity : Math.Abs(StandardError / Value);
    [JsonPropertyName("identified")] public bool Identified => !AtBound && RelativeError <= PinnedRelativeError;

    /// <summary>Whether <paramref name="value"/> sits on either bound (within a millionth of the range).</summary>
    public static bool OnBound(double value, double lower, double upper) =>
        Math.Abs(value - lower) <= 1e-6 * Math.Max(Math.Abs(upper - lower), 1e-300) || Math.Abs(upper - value) <= 1e-6 * Math.Max(Math.Abs(upper - lower), 1e-300);

    /// <summary>The value with its uncertainty, for reports: "+- e (r %)", or that it stopped on a bound.</summary>
    public string Uncertainty => AtBound ? "at a bound of the fit: the data could not place it" : $"+- {StandardError:G2} ({RelativeError:P2})";
}
