using System.Text.Json.Nodes;

namespace Robot.Firmware.Testing;

/// <summary>
/// Mutates a valid JSON document the ways hand-edited files go wrong: a member set to null, to a
/// NaN or infinite literal, to the wrong type, to a huge or negative number, deleted, renamed or
/// duplicated; the text truncated or given a stray byte. For fuzz tests of every file a program reads
/// (robot.json, scenarios, state.json): each mutation must load or be refused with a typed error.
/// </summary>
public static class JsonMutator
{
    public static string Mutate(string json, Random rng)
    {
        if (rng.Next(8) == 0) return TextMutation(json, rng);
        var root = JsonNode.Parse(json)!;
        var members = new List<(JsonObject Parent, string Name)>();
        Collect(root, members);
        if (members.Count == 0) return TextMutation(json, rng);
        int count = rng.Next(1, 3);
        for (int i = 0; i < count; i++)
        {
            var (parent, name) = members[rng.Next(members.Count)];
            if (!parent.ContainsKey(name)) continue;
            switch (rng.Next(9))
            {
                case 0: parent[name] = null; break;
                case 1: parent.Remove(name); break;
                case 2: parent[name] = rng.Next(2) == 0 ? "NaN" : "-Infinity"; break;
                case 3: parent[name] = JsonValue.Create(rng.Next(2) == 0 ? 1e308 : -1e9); break;
                case 4: parent[name] = JsonValue.Create("text"); break;
                case 5: parent[name] = new JsonArray(1, 2, 3); break;
                case 6: parent[name] = new JsonObject { ["x"] = 1 }; break;
                case 7: parent[name] = JsonValue.Create(0); break;
                default:
                    var value = parent[name]?.DeepClone();
                    parent.Remove(name);
                    parent[name + "_typo"] = value;
                    break;
            }
        }
        // NaN literals are not JSON: write them unquoted, as a hand edit would.
        return root.ToJsonString().Replace("\"NaN\"", "NaN").Replace("\"-Infinity\"", "-Infinity");
    }

    static string TextMutation(string json, Random rng) => rng.Next(3) switch
    {
        0 => json[..rng.Next(json.Length)],
        1 => json.Insert(rng.Next(json.Length), ((char)rng.Next(32, 127)).ToString()),
        _ => json.Replace(":", ": null,", StringComparison.Ordinal),
    };

    static void Collect(JsonNode? node, List<(JsonObject, string)> members)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    members.Add((o, name));
                    Collect(child, members);
                }
                break;
            case JsonArray a:
                foreach (var child in a) Collect(child, members);
                break;
        }
    }
}
