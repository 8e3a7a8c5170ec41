using static TorchSharp.torch;

namespace Robot.Trainer.Training;

/// <summary>
/// A copy, in memory, of the policy's and value network's parameters and buffers (the observation
/// statistics included) at the best deployability check, so that a run whose next checks collapse
/// can go back to it (deploy_rollback). Not written to disk: a resumed run keeps checks made after it.
/// </summary>
public sealed class BestWeights : IDisposable
{
    readonly Dictionary<string, Tensor> _copies = [];

    public bool Held => _copies.Count > 0;

    public void Keep(Agent agent)
    {
        Dispose();
        foreach (var (name, module) in Modules(agent))
            foreach (var (key, value) in module.state_dict())
                _copies[name + key] = value.detach().clone();
    }

    /// <summary>Copies the kept values into the live tensors in place (the optimizer's flat buffer stays the one it steps).</summary>
    public void RestoreInto(Agent agent)
    {
        using var _ = no_grad();
        foreach (var (name, module) in Modules(agent))
            foreach (var (key, value) in module.state_dict())
                value.copy_(_copies[name + key]);
    }

    static (string, nn.Module)[] Modules(Agent agent) => [("policy.", agent.Policy), ("value.", agent.Value)];

    public void Dispose()
    {
        foreach (var t in _copies.Values) t.Dispose();
        _copies.Clear();
    }
}
