using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch.utils.tensorboard;

namespace Robot.Trainer.Training;

/// <summary>Writes progress.csv (continued on resume, see <see cref="ResumableCsv"/>) and TensorBoard event files under tb/.</summary>
public sealed class RunLogger : IDisposable
{
    public const string Header = "update,env_steps,episodes,mean_return_100,policy_loss,value_loss,entropy,kl,clip_fraction,learning_rate,steps_per_second,train_seconds,eval_mean_return";
    readonly StreamWriter _csv;
    readonly SummaryWriter _tensorboard;

    /// <param name="resumedUpdates">On resume, the checkpoint's update count (later rows are dropped); null for a new run.</param>
    public RunLogger(string runDir, long? resumedUpdates)
    {
        _csv = ResumableCsv.Open(Path.Combine(runDir, "progress.csv"), Header, resumedUpdates);
        _tensorboard = SummaryWriter(Path.Combine(runDir, "tb"));
    }

    public void Write(ProgressRow row)
    {
        var s = row.Stats;
        string[] cells =
        [
            I(row.Update), I(row.EnvSteps), I(row.Episodes), F(row.MeanReturn100), F(s.PolicyLoss), F(s.ValueLoss),
            F(s.Entropy), F(s.Kl), F(s.ClipFraction), F(s.LearningRate), F(row.StepsPerSecond), F(row.TrainSeconds),
            row.EvalMeanReturn is double e ? F(e) : "",
        ];
        _csv.WriteLine(string.Join(',', cells));
        _csv.Flush();
        int step = (int)Math.Min(row.EnvSteps, int.MaxValue);
        Scalar("rollout/mean_return_100", row.MeanReturn100, step);
        Scalar("train/policy_loss", s.PolicyLoss, step);
        Scalar("train/value_loss", s.ValueLoss, step);
        Scalar("train/entropy", s.Entropy, step);
        Scalar("train/kl", s.Kl, step);
        Scalar("train/clip_fraction", s.ClipFraction, step);
        Scalar("train/learning_rate", s.LearningRate, step);
        Scalar("time/steps_per_second", row.StepsPerSecond, step);
        if (row.EvalMeanReturn is double m) Scalar("eval/mean_return", m, step);
    }

    void Scalar(string tag, double value, int step)
    {
        if (double.IsFinite(value)) _tensorboard.add_scalar(tag, (float)value, step);
    }

    static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    public void Dispose() => _csv.Dispose();
}
