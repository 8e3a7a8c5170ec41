using System.Diagnostics;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Training;

/// <summary>
/// Training the uniwheel ends when the deployability criterion holds on the exported policy file, or
/// says in one line that the budget ran out first, why episodes fail, and exits 1, keeping the best policy.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Learning")]
public class DeployabilityTests : IDisposable
{
    readonly TempFolder _temp = new("robot-deploy-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TrainingStopsAtTheFirstCheckThatMeetsTheCriterion()
    {
        const long budget = 600_000;
        var summary = TrainingSession.Run(new TrainRequest
        {
            OutDir = _temp.Root, Env = "uniwheel", Algo = "ppo", Seed = 1, Steps = budget, FinalEvalEpisodes = 5,
            Overrides = ["deploy_success=0.99", "deploy_episodes=100", "lqr_warm_start=true"],
        }, CancellationToken.None);
        var state = Checkpoint.ReadState(_temp.Root);

        Assert.True(summary.Deployable, $"not deployable within {budget:N0} steps: {summary.DeployCheck}");
        Assert.True(summary.EnvSteps < budget, $"ran the whole budget ({summary.EnvSteps:N0} steps) though a check passed");
        Assert.True(state.DeployChecks[^1].SuccessRate >= 0.99, "the run stopped on a check that failed");
        Assert.All(state.DeployChecks.SkipLast(1), c => Assert.True(c.SuccessRate < 0.99, $"a passing check at {c.EnvSteps} did not stop the run"));
        Assert.Equal(File.ReadAllBytes(OnPolicyTrainer.BestPolicyPath(_temp.Root)), File.ReadAllBytes(Path.Combine(_temp.Root, "policy.rpol")));
        // On fresh episodes it was not selected on, through the robot's runtime.
        var fresh = UniwheelEvaluation.Evaluate(Robot.Policy.PolicyFile.Load(Path.Combine(_temp.Root, "policy.rpol")), 200, seed: 0);
        Assert.True(fresh.SuccessRate >= 0.98, fresh.ToString());
    }

    [Fact]
    public void ABudgetSpentBeforeTheCriterionSaysWhyAndExits1()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "robot-trainer.dll"), "train", "--env", "uniwheel", "--seed", "3", "--out", _temp.Root, "--quiet",
                     "--steps", "4096", "--set", "deploy_success=0.99", "--set", "deploy_episodes=20", "--set", "deploy_interval=2048" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(120_000));

        Assert.Equal(Robot.Cli.ExitCode.Failed, p.ExitCode);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("NOT deployable", err);
        Assert.Contains("fell", err); // why: two updates of learning do not balance it
        Assert.Contains("lqr_warm_start", err); // and what to try for falls with duty to spare
        Assert.DoesNotContain("   at ", err);
        var state = Checkpoint.ReadState(_temp.Root);
        Assert.Equal(2, state.DeployChecks.Count);
        // The best check's policy is the one kept, whichever it was.
        Assert.Equal(File.ReadAllBytes(OnPolicyTrainer.BestPolicyPath(_temp.Root)), File.ReadAllBytes(Path.Combine(_temp.Root, "policy.rpol")));
        string summary = File.ReadAllText(Path.Combine(_temp.Root, "summary.json"));
        Assert.Contains("\"deployable\": false", summary);
        Assert.Contains("\"deploy_advice\": \"more --steps", summary); // the same advice, for scripts

    }
}
