using Robot.Trainer.Algorithms;

namespace Robot.Trainer.Training;

/// <summary>One row of progress.csv: the state of the run after one update.</summary>
public sealed record ProgressRow(
    int Update, long EnvSteps, long Episodes, double MeanReturn100, UpdateStats Stats,
    double StepsPerSecond, double TrainSeconds, double? EvalMeanReturn, long TotalSteps);
