using Robot.Hil.Running.Expectations;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Tests;

/// <summary>Every field of a scenario's expect section is judged by its own check class; a field added without one fails here.</summary>
public class ExpectationSetTests
{
    [Fact]
    public void EachFieldOfTheExpectSectionAddsItsOwnCheck()
    {
        var drive = new DriveProfile { StopSending = 5 };
        var plain = ExpectationSet.For(new Scenario { Drive = drive });
        Assert.Equal([typeof(DutyWithinLimit)], plain.Select(e => e.GetType())); // always judged
        foreach (var field in typeof(Expectations).GetProperties())
        {
            if (field.Name == nameof(Expectations.CutWithin)) continue; // a limit of the fault's check, below
            object value = field.PropertyType == typeof(bool) ? true
                : field.PropertyType == typeof(string) ? "tilt"
                : field.PropertyType == typeof(string[]) ? new[] { "tilt" }
                : 1.0;
            var expect = new Expectations();
            field.SetValue(expect, value);
            var set = ExpectationSet.For(new Scenario { Drive = drive, Expect = expect });
            var added = set.Select(e => e.GetType()).Except(plain.Select(e => e.GetType())).ToList();
            Assert.True(added.Count == 1, $"expect.{field.Name} adds {added.Count} check classes");
        }
        var both = ExpectationSet.For(new Scenario { Expect = new Expectations { Fault = "tilt", CutWithin = 0.2 } });
        Assert.Single(both.OfType<FaultCut>());
    }
}
