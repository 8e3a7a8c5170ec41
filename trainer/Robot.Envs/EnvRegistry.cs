using Robot.Envs.CartPole;
using Robot.Envs.CartPolePixels;
using Robot.Envs.Uniwheel;

namespace Robot.Envs;

/// <summary>Environments by the short names the command line uses.</summary>
public static class EnvRegistry
{
    public static IReadOnlyList<string> Names { get; } = ["cartpole", "cartpole-pixels", "uniwheel", "uniwheel-drive"];

    /// <summary>The uniwheel robot's envs: balancing in place, and driving at a commanded velocity.</summary>
    public static bool IsUniwheel(string name) => name is "uniwheel" or "uniwheel-drive";

    public static EnvSpec Spec(string name) => name switch
    {
        "cartpole" => CartPoleDynamics.Spec,
        "cartpole-pixels" => PixelsSpec,
        "uniwheel" => new UniwheelEnv().Spec,
        "uniwheel-drive" => new UniwheelEnv(UniwheelEnvOptions.Drive).Spec,
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <param name="plant">For the uniwheel: an identified robot to randomize around instead of the built-in one.</param>
    public static IEnv Create(string name, PlantRandomization? plant = null) => (name, plant) switch
    {
        ("uniwheel", not null) => plant.CreateEnv(),
        ("uniwheel-drive", not null) => plant.CreateEnv(UniwheelEnvOptions.Drive),
        (_, not null) => throw new ArgumentException($"a plant file describes the uniwheel robot; {name} has no plant"),
        ("cartpole", _) => new CartPoleEnv(),
        ("cartpole-pixels", _) => new CartPolePixelsEnv(),
        ("uniwheel", _) => new UniwheelEnv(),
        ("uniwheel-drive", _) => new UniwheelEnv(UniwheelEnvOptions.Drive),
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})"),
    };

    static readonly EnvSpec PixelsSpec = CartPolePixelsEnv.SpecFor(CartPolePixelsEnv.DefaultFrames);

    /// <summary>
    /// The fastest vectorized form available for the environment. Rendering envs step their copies on
    /// every core unless told otherwise (the copies are split across worker threads).
    /// </summary>
    public static IVectorEnv CreateVector(string name, int count, int? workers = null, PlantRandomization? plant = null) => name switch
    {
        "cartpole" when plant is null => new CartPoleVectorEnv(count),
        "cartpole-pixels" => new SyncVectorEnv(() => Create(name, plant), count, workers ?? Environment.ProcessorCount),
        _ => new SyncVectorEnv(() => Create(name, plant), count, workers ?? 1),
    };
}
