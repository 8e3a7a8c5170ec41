namespace Robot.Trainer.Training;

/// <summary>Draws progress.csv's mean return (and evaluations) against env steps as a PNG.</summary>
public static class LearningCurvePlot
{
    public static void Write(string progressCsv, string pngPath, string title, double threshold)
    {
        // Filled in with the plotting library below.
    }
}
