using Robot.Firmware.Configuration;
using Robot.Policy;

namespace Robot.Firmware.GroundStation;

/// <summary>What the page shows about the robot it talks to: the policy file's name and metadata, and robot.json.</summary>
public sealed record StationInfo(string PolicyName, IReadOnlyDictionary<string, string> PolicyMetadata, int PolicyParameters, RobotConfig Config)
{
    public static StationInfo Of(string policyPath, PolicyModel policy, RobotConfig config)
    {
        var metadata = new Dictionary<string, string>();
        for (int i = 0; i < policy.MetadataCount; i++) metadata[policy.MetadataKey(i)] = policy.MetadataValue(i);
        return new StationInfo(Path.GetFileName(policyPath), metadata, policy.ParameterCount, config);
    }
}
