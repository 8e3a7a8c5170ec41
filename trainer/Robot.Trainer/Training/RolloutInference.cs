using System.Text.Json.Serialization;

namespace Robot.Trainer.Training;

/// <summary>How rollouts run the networks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutInference>))]
public enum RolloutInference
{
    /// <summary>TorchSharp, any policy.</summary>
    [JsonStringEnumMemberName("torch")] Torch,
    /// <summary>
    /// The robot's own runtime (shared/Robot.Policy) on a snapshot of the networks refreshed each
    /// rollout: far less per-step overhead for small networks.
    /// </summary>
    [JsonStringEnumMemberName("runtime")] Runtime,
}
