using Robot.Cli;
using Robot.Firmware.Testing;
using Robot.Hil.Scenarios;
using Robot.Observation;

namespace Robot.Hil.Tests;

/// <summary>Scenario files as people write them: nulls, NaN, wrong types, damaged text — loaded or refused by name, never a crash.</summary>
public class ScenarioFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("scenario-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string json)
    {
        string path = Path.Combine(_dir, "s.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("""{ "imu": null }""", "imu")]
    [InlineData("""{ "pushes": null }""", "pushes")]
    [InlineData("""{ "pushes": [ null ] }""", "pushes")]
    [InlineData("""{ "duration_s": NaN }""", "duration_s")]
    [InlineData("""{ "faults": [ { "kind": "imu_timeout", "start_s": 1, "value": Infinity } ] }""", "value")]
    [InlineData("""{ "faults": [ { "kind": "melted", "start_s": 1 } ] }""", "fault kinds are")]
    [InlineData("""{ "expect": { "fault": "sensor_frozen" } }""", "expect.fault")]
    public void NullsNanAndUnknownNamesAreRefusedNamingTheField(string json, string mention)
    {
        var e = Assert.ThrowsAny<InputException>(() => ScenarioFile.Load(Write(json)));
        Assert.Contains(mention, e.Message);
    }

    [Fact]
    public void MutatedScenariosLoadOrAreRefusedWithAScenarioError()
    {
        string valid = File.ReadAllText(Path.Combine(HilPaths.Scenarios, "fault-wheel-jammed-over-current.json"));
        var rng = new Random(16);
        int refused = 0;
        for (int n = 0; n < 2000; n++)
        {
            string path = Write(JsonMutator.Mutate(valid, rng));
            try
            {
                var s = ScenarioFile.Load(path);
                Assert.Empty(ScenarioFile.Validate(s));
                Assert.NotNull(s.Faults);
            }
            catch (InputException) { refused++; }
        }
        Assert.InRange(refused, 500, 2000);
    }
}

/// <summary>The fault names a person reads are the ones the firmware prints: every cause in both tables of the docs.</summary>
public class FaultDocumentationTests
{
    [Fact]
    public void EveryFaultHasARowSayingWhatToCheck()
    {
        string docs = Path.Combine(HilPaths.HilRoot, "..", "docs");
        string deploy = File.ReadAllText(Path.Combine(docs, "deploy.md"));
        string table = deploy[deploy.IndexOf("## When it faults: what to check", StringComparison.Ordinal)..];
        var missing = Robot.Observation.FaultNames.All.Where(name => !table.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/deploy.md's fault table lacks: " + string.Join(", ", missing));
    }
}
