namespace Robot.Trainer.Tests;

/// <summary>
/// Tests that train run one at a time: they compete for the same two cores, and TorchSharp's
/// thread setting is process-wide.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp training";
}
