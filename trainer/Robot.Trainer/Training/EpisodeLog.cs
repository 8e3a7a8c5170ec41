using System.Globalization;
using Robot.Envs;

namespace Robot.Trainer.Training;

/// <summary>
/// episodes.csv: one row per finished training episode, with the env steps when it ended, its
/// length and return, whether it was terminated or truncated, and the observation it ended on,
/// so that "how do the episodes fail" (for CartPole: the pole or the edge of the track) can be
/// read from a run instead of guessed. An env seen through pictures logs no final observation: its
/// thousands of pixels say nothing a column can (and made the file 23 kB an episode).
/// </summary>
public sealed class EpisodeLog : IDisposable
{
    public const string FileName = "episodes.csv";
    readonly StreamWriter _csv;
    readonly int _observationSize;
    readonly string[] _cells;

    /// <param name="resumedEnvSteps">On resume, the checkpoint's env steps (later rows are dropped); null for a new run.</param>
    public EpisodeLog(string runDir, EnvSpec spec, long? resumedEnvSteps)
    {
        _observationSize = LoggedObservation(spec);
        _cells = new string[5 + _observationSize];
        _csv = ResumableCsv.Open(Path.Combine(runDir, FileName), Header(spec), resumedEnvSteps);
    }

    public static string Header(EnvSpec spec) =>
        string.Join(',', new[] { "env_steps", "env", "length", "return", "ended" }.Concat(spec.ObservationNames.Take(LoggedObservation(spec)).Select(n => "final_" + n)));

    static int LoggedObservation(EnvSpec spec) => spec.Image is null ? spec.ObservationSize : 0;

    public void Write(long envSteps, int env, int length, double episodeReturn, bool terminated, ReadOnlySpan<float> finalObservation)
    {
        var c = CultureInfo.InvariantCulture;
        _cells[0] = envSteps.ToString(c);
        _cells[1] = env.ToString(c);
        _cells[2] = length.ToString(c);
        _cells[3] = episodeReturn.ToString("G6", c);
        _cells[4] = terminated ? "terminated" : "truncated";
        for (int j = 0; j < _observationSize; j++) _cells[5 + j] = finalObservation[j].ToString("G6", c);
        _csv.WriteLine(string.Join(',', _cells));
    }

    /// <summary>Called once per update, so a crash loses at most the rows of one rollout.</summary>
    public void Flush() => _csv.Flush();

    public void Dispose() => _csv.Dispose();
}
