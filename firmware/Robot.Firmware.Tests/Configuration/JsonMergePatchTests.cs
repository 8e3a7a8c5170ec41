using System.Text.Json.Nodes;
using Robot.Firmware.Configuration;

namespace Robot.Firmware.Tests.Configuration;

/// <summary>RFC 7396's rules, each on its own, with its appendix's examples among them.</summary>
public class JsonMergePatchTests
{
    static string Apply(string target, string patch) =>
        JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]                 // a value replaces
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]         // a new key is added, the rest kept
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]        // null removes
    [InlineData("""{"a":{"b":"c","d":1}}""", """{"a":{"d":2}}""", """{"a":{"b":"c","d":2}}""")] // objects merge, recursively
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]                // arrays replace whole
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]                          // a patch that is no object replaces all
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]            // a null in the target stays
    [InlineData("""[1,2]""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")] // RFC 7396 appendix A
    public void TheRfcsRules(string target, string patch, string result) => Assert.Equal(result, Apply(target, patch));

    [Fact]
    public void NeitherArgumentChanges()
    {
        var target = JsonNode.Parse("""{"limits":{"stall_seconds":0.3}}""")!;
        var patch = JsonNode.Parse("""{"limits":{"runaway_seconds":0.2}}""")!;
        var result = JsonMergePatch.Apply(target, patch)!;
        result["limits"]!["stall_seconds"] = 1;
        Assert.Equal("""{"limits":{"stall_seconds":0.3}}""", target.ToJsonString());
        Assert.Equal("""{"limits":{"runaway_seconds":0.2}}""", patch.ToJsonString());
    }
}
