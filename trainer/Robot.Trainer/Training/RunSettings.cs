using System.Text.Json.Serialization;
using Robot.Trainer.Algorithms;

namespace Robot.Trainer.Training;

/// <summary>Everything a run was configured with: the shared options and its algorithm's own.</summary>
public sealed record RunSettings(
    [property: JsonPropertyName("training")] TrainingOptions Training,
    [property: JsonPropertyName("algorithm")] AlgorithmOptions Algorithm);
