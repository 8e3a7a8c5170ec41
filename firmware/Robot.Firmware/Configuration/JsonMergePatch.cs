using System.Text.Json.Nodes;

namespace Robot.Firmware.Configuration;

/// <summary>
/// JSON Merge Patch (RFC 7396): an object in the patch merges into the target's object key by key,
/// recursively; null removes a key; anything else replaces. How a scenario changes robot.json
/// (docs/hil.md): only the keys it names, down to one threshold of the limits section.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>The target with the patch applied; neither argument is changed.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes) return patch?.DeepClone();
        var result = target is JsonObject o ? o.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in changes)
        {
            if (value is null) result.Remove(key);
            else result[key] = Apply(result[key], value);
        }
        return result;
    }
}
