namespace Robot.Trainer.Algorithms;

/// <summary>What one update reports; NaN where a figure does not apply to the algorithm.</summary>
public readonly record struct UpdateStats(
    double PolicyLoss, double ValueLoss, double Entropy, double Kl, double ClipFraction, double LearningRate);
