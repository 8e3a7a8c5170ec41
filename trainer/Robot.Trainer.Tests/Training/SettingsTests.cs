using System.Text.Json;
using Robot.Trainer.Algorithms;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>Presets and --set become typed options; what the chosen algorithm does not read is refused by name.</summary>
public class SettingsTests
{
    [Theory]
    [InlineData("cartpole")]
    [InlineData("uniwheel")]
    public void EveryPresetSectionHoldsOnlySettingsItsAlgorithmReads(string env)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Presets.Folder, env + ".json")));
        var algos = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('_') && !n.EndsWith(Presets.PlantSuffix)).ToList();
        Assert.NotEmpty(algos);
        foreach (var algo in algos)
        {
            var settings = Presets.Load(env, algo);
            Assert.Equal(algo, settings.Algorithm.Algo);
            Assert.IsType(AlgorithmOptions.Types[algo], settings.Algorithm);
            Assert.IsType(AlgorithmOptions.Types[algo], Presets.Load(env, algo, plant: true).Algorithm); // with its _plant overlay, if any
        }
    }

    [Fact]
    public void TrainingForAnIdentifiedRobotStartsFromItsLqrUnlessTold()
    {
        var plain = Presets.Load("uniwheel", "ppo");
        var forPlant = Presets.Load("uniwheel", "ppo", plant: true);
        Assert.False(plain.Training.LqrWarmStart);
        Assert.Null(plain.Training.NormalizeFreezeSteps);
        Assert.True(forPlant.Training.LqrWarmStart);
        Assert.Equal(40960, forPlant.Training.NormalizeFreezeSteps);
        Assert.Equal(0.2, forPlant.Training.WarmStartNoise); // wider than the option's own 0.1: the clone covers what faults do
        Assert.Equal(0.5, forPlant.Training.DeployRollback); // a collapse after the clone goes back to it
        Assert.Equal(3, forPlant.Training.WarmStartReach); // and the clone answers large tilts as the LQR does
        Assert.Equal(1, plain.Training.WarmStartReach);
        Assert.Equal(plain.Training.TotalSteps, forPlant.Training.TotalSteps); // the rest is the preset's
        var told = Presets.Load("uniwheel", "ppo", null, ["lqr_warm_start=false"], plant: true);
        Assert.False(told.Training.LqrWarmStart); // --set wins over the overlay
        Assert.False(Presets.Load("cartpole", "ppo", plant: true).Training.LqrWarmStart); // no overlay there
    }

    [Theory]
    [InlineData("a2c", "adam_eps=0.001", "adam_eps")]       // PPO's alone
    [InlineData("ppo", "max_kl=0.02", "max_kl")]            // NPG and TRPO's
    [InlineData("npg", "line_search_steps=5", "line_search_steps")] // TRPO's alone
    [InlineData("reinforce", "gae_lambda=0.9", "gae_lambda")] // REINFORCE uses Monte Carlo returns
    public void ASettingTheAlgorithmDoesNotReadIsRefusedByName(string algo, string set, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Presets.Load("cartpole", algo, null, [set]));
        Assert.Contains($"'{name}' is not used by {algo}", e.Message);
    }

    [Theory]
    [InlineData("learning_rat=0.1", "unknown setting 'learning_rat'")]
    [InlineData("lr_schedule=cosine", "expected one of constant, linear")]
    [InlineData("rollout_inference=managed", "expected one of torch, runtime")]
    [InlineData("n_epochs=2.5", "'n_epochs'")]
    [InlineData("clip_range=1.5", "clip_range must be in (0, 1)")]
    [InlineData("target_kl=0", "target_kl must be positive")]
    [InlineData("gamma=0", "gamma must be in (0, 1]")]
    [InlineData("policy_hidden=[64,0]", "policy_hidden")]
    [InlineData("n_steps=0", "n_steps must be")]
    [InlineData("deploy_max_drift=0", "deploy_max_drift must be a positive distance")]
    public void BadValuesAreRefusedNamingTheSetting(string set, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Presets.Load("cartpole", "ppo", null, [set]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OverridesLandInTheRightOptions()
    {
        var settings = Presets.Load("cartpole", "ppo", null, ["n_envs=3", "clip_schedule=constant", "adam_eps=0.01"]);
        Assert.Equal(3, settings.Training.NumEnvs);
        var ppo = Assert.IsType<PpoOptions>(settings.Algorithm);
        Assert.Equal(Schedule.Constant, ppo.ClipSchedule);
        Assert.Equal(0.01, ppo.AdamEps);
    }

    [Fact]
    public void RunStateKeepsTheAlgorithmsOwnOptionsThroughJson()
    {
        var state = new RunState { Env = "cartpole", Seed = 2, Settings = Presets.Load("cartpole", "trpo", null, ["line_search_steps=7"]) };
        var again = JsonSerializer.Deserialize<RunState>(JsonSerializer.Serialize(state))!;
        Assert.Equal("trpo", again.Algo);
        Assert.Equal(7, Assert.IsType<TrpoOptions>(again.Settings.Algorithm).LineSearchSteps);
        Assert.Equal(state.Settings.Training.PolicyHidden, again.Settings.Training.PolicyHidden);
    }

    [Fact]
    public void ScheduleDecaysLinearlyToZeroOrStaysConstant()
    {
        Assert.Equal(0.5, Schedule.Linear.At(2.0, 0.25));
        Assert.Equal(0.0, Schedule.Linear.At(2.0, -0.1));
        Assert.Equal(2.0, Schedule.Constant.At(2.0, 0.25));
    }
}
