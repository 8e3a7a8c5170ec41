using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// Re-homes a set of parameters, and their gradients, into one contiguous buffer each, so that
/// the optimizer, gradient clipping and zeroing work on one tensor instead of one per weight and
/// bias. The arithmetic is elementwise and identical (measured: the same parameters to the bit);
/// what goes is the per-tensor call overhead, about a third of a small network's PPO step.
/// </summary>
public sealed class FlatParameters
{
    readonly Parameter[] _parameters;
    readonly Tensor _grad;

    public FlatParameters(IEnumerable<Parameter> parameters)
    {
        _parameters = parameters.ToArray();
        long total = _parameters.Sum(p => p.numel());
        Flat = new Parameter(zeros(total));
        _grad = zeros(total);
        Flat.grad = _grad;
        Link();
    }

    /// <summary>The one parameter the optimizer steps; every original parameter is a view of it.</summary>
    public Parameter Flat { get; }

    /// <summary>
    /// Points every parameter, and its gradient, at its slice of the flat buffers, keeping its
    /// current value. Module.load writes into a parameter's storage in place, so a loaded
    /// checkpoint lands in the flat buffer too (FlatParametersTests holds TorchSharp to that).
    /// </summary>
    void Link()
    {
        using var _ = no_grad();
        long offset = 0;
        foreach (var p in _parameters)
        {
            long n = p.numel();
            var values = Flat.narrow(0, offset, n).view(p.shape);
            values.copy_(p);
            p.set_(values);
            p.grad = _grad.narrow(0, offset, n).view(p.shape);
            offset += n;
        }
    }

    /// <summary>Zeroes every gradient in one call (backward then accumulates into the flat buffer).</summary>
    public void ZeroGrad() => _grad.zero_();
}
