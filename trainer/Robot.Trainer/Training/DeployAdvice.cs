namespace Robot.Trainer.Training;

/// <summary>
/// What to try when a uniwheel run's budget ran out before its policy was deployable, from why the best
/// check's episodes failed (docs/training.md's table of reasons, in one place).
/// </summary>
public static class DeployAdvice
{
    /// <summary>The settings that made every seed of three drifting robots deployable (docs/benchmarks.md, "Against drift"): train --plant's own.</summary>
    public const string AgainstDrift = "--set lqr_warm_start=true --set warm_start_noise=0.2 --set warm_start_reach=3 --set normalize_freeze_steps=40960 --set deploy_rollback=0.5";

    /// <summary>The earlier settings against drift, 8 of those 9 runs.</summary>
    public const string OddAgainstDrift = "--set odd_policy=true --set gamma=0.998 --set bound_coef=1 --set deploy_rollback=0.5";

    /// <param name="used">The run's settings: what it already tried is not suggested again (train --plant starts from <see cref="AgainstDrift"/>).</param>
    public static string For(DeployCheck best, TrainingOptions used)
    {
        bool triedAgainstDrift = used.LqrWarmStart && used.NormalizeFreezeSteps is not null;
        if (best.Drifts > 0 && best.Drifts >= best.Falls + best.FallsAtDutyLimit)
            return triedAgainstDrift
                ? $"most failures drifted while balancing, with {AgainstDrift} already: train again with another seed, more --steps, or {OddAgainstDrift}"
                : $"most failures drifted while balancing: train again with {AgainstDrift} (or {OddAgainstDrift}, or another seed)";
        if (best.FallsAtDutyLimit > 0 && best.FallsAtDutyLimit >= best.Falls)
            return "most falls came at the duty limit: check the plant file's motor and battery (eval --policy lqr --plant shows whether even its LQR holds)";
        return used.LqrWarmStart ? "more --steps or another seed" : "more --steps, another seed, or --set lqr_warm_start=true";
    }
}
