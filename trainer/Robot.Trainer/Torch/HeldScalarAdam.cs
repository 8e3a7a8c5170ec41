using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Torch;

/// <summary>
/// TorchSharp's Adam with the same state, options, checkpoint format and arithmetic, in the same
/// order, except that every number handed to libtorch is a Scalar held until the call returns.
/// TorchSharp 0.107's own step converts its numbers implicitly (<c>mul_(beta1)</c>,
/// <c>add_(eps)</c>, ...): the finalizer thread may free such a scalar while libtorch still reads it,
/// which killed A2C runs on pictures (docs/pixels.md; TensorLifetimeTests).
/// </summary>
public sealed class HeldScalarAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double eps = 1e-8)
    : Adam(parameters, lr, eps: eps)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, weightDecay = options.weight_decay!.Value;
        if (options.amsgrad!.Value || options.maximize!.Value) throw new NotSupportedException("amsgrad and maximize are not used here");
        using var b1 = beta1.ToScalar();
        using var oneMinusB1 = (1 - beta1).ToScalar();
        using var b2 = beta2.ToScalar();
        using var oneMinusB2 = (1 - beta2).ToScalar();
        using var epsilon = options.eps!.Value.ToScalar();
        using var decay = weightDecay.ToScalar();
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0) grad = grad.add(param, alpha: decay);
            state.exp_avg.mul_(b1).add_(grad, alpha: oneMinusB1);
            state.exp_avg_sq.mul_(b2).addcmul_(grad, grad.conj(), value: oneMinusB2);
            using var root = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-(options.LearningRate!.Value / biasCorrection1)).ToScalar();
            using var denominator = (state.exp_avg_sq.sqrt() / root).add_(epsilon, HeldScalars.One);
            param.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);
}
