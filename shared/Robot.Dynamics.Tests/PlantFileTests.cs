using System.Text.Json;
using Robot.Dynamics.Plant;

namespace Robot.Dynamics.Tests;

public class PlantFileTests
{
    [Fact]
    public void RoundTripsEveryParameterAndItsUncertainty()
    {
        var file = new PlantFile
        {
            Parameters = new UniwheelParameters { TorqueConstant = 0.21, BackEmfConstant = 0.21, Resistance = 3.3, BodyMass = 1.5 },
            RelativeUncertainty = new() { ["torque_constant"] = 0.002, ["resistance"] = 0.004 },
            Identified = ["torque_constant", "resistance"], Sources = ["motor.csv"],
        };
        string text = JsonSerializer.Serialize(file, PlantFile.Json);
        var back = PlantFile.Parse(text, "p.json");
        Assert.Equal(file.Parameters, back.Parameters);
        Assert.Equal(file.RelativeUncertainty, back.RelativeUncertainty);
        Assert.DoesNotContain("mass_term", text); // derived quantities are not parameters
        Assert.Equal(15, PlantFile.ParameterNames.Count);
    }

    [Theory]
    [InlineData("""{"format":"robot-plant/1","parameters":{"resistance":-2}}""", "parameters.resistance")]
    [InlineData("""{"format":"robot-plant/1","parameters":{"body_mass":0}}""", "parameters.body_mass")]
    [InlineData("""{"format":"robot-plant/1","parameters":{"body_mas":1}}""", "'body_mas' is not a plant parameter; the parameters are body_mass, body_com_height")]
    [InlineData("""{"format":"robot-plant/1","parameter":{}}""", "'parameter' is not a field of a plant file")]
    [InlineData("""{"parameters":{"body_mass":1}}""", "no \"format\"")]
    [InlineData("""{"format":"robot-plant/1","parameters":{"body_com_height":4.5}}""", "parameters.body_com_height is 4.5 m, outside the plausible")]
    [InlineData("""{"format":"robot-plant/1","parameters":{"body_mass":700}}""", "parameters.body_mass is 700 kg")]
    [InlineData("""{"format":"robot-plant/1","parameters":{"wheel_radius":5}}""", "parameters.wheel_radius")]
    [InlineData("""{"format":"robot-plant/1","parameters":{"battery_voltage":7.4,"deadband":8}}""", "must be below battery_voltage")]
    [InlineData("""{"format":"robot-plant/1","relative_uncertainty":{"spin":0.1}}""", "'spin'")]
    [InlineData("""{"format":"robot-plant/1","relative_uncertainty":{"resistance":-0.1}}""", "relative_uncertainty.resistance")]
    [InlineData("""{"format":"robot-plant/2"}""", "format")]
    [InlineData("""[1,2]""", "not a plant file")]
    public void RefusesWhatNoRobotCouldBe(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PlantFile.Parse(text, "p.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("p.json: ", e.Message);
    }
}
