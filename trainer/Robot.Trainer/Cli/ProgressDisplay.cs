using Robot.Trainer.Training;
using Spectre.Console;

namespace Robot.Trainer.Cli;

/// <summary>
/// A live progress bar with the run's figures on a terminal; on a pipe or in CI, one plain line
/// every few seconds instead.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(string title, bool quiet, Func<Action<ProgressRow>, T> work)
    {
        if (quiet) return work(_ => { });
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = DateTime.MinValue;
            return work(row =>
            {
                if ((DateTime.UtcNow - last).TotalSeconds < 2 && row.EnvSteps < row.TotalSteps) return;
                last = DateTime.UtcNow;
                Console.WriteLine(Describe(row));
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = work(row =>
                {
                    task.MaxValue = row.TotalSteps;
                    task.Value = row.EnvSteps;
                    task.Description = Markup.Escape(Describe(row));
                });
            });
        return result;
    }

    static string Describe(ProgressRow r) =>
        $"steps {r.EnvSteps:N0}/{r.TotalSteps:N0}  episodes {r.Episodes:N0}  return(100) {Fmt(r.MeanReturn100)}  " +
        $"entropy {Fmt(r.Stats.Entropy)}  kl {Fmt(r.Stats.Kl, "F4")}  {r.StepsPerSecond:N0} steps/s";

    static string Fmt(double v, string format = "F1") => double.IsFinite(v) ? v.ToString(format) : "-";
}
