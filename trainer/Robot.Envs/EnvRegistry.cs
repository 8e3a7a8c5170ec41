using Robot.Envs.CartPole;
using Robot.Envs.Uniwheel;

namespace Robot.Envs;

/// <summary>Environments by the short names the command line uses.</summary>
public static class EnvRegistry
{
    public static IReadOnlyList<string> Names { get; } = ["cartpole", "uniwheel"];

    public static EnvSpec Spec(string name) => name switch
    {
        "cartpole" => CartPoleDynamics.Spec,
        "uniwheel" => new UniwheelEnv().Spec,
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})"),
    };

    public static IEnv Create(string name) => name switch
    {
        "cartpole" => new CartPoleEnv(),
        "uniwheel" => new UniwheelEnv(),
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>The fastest vectorized form available for the environment.</summary>
    public static IVectorEnv CreateVector(string name, int count, int workers = 1) => name switch
    {
        "cartpole" => new CartPoleVectorEnv(count),
        _ => new SyncVectorEnv(() => Create(name), count, workers),
    };
}
