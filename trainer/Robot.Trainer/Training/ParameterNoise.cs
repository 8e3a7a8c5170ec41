using Robot.Trainer.Policies;
using TorchSharp;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Training;

/// <summary>
/// Parameter-space noise for a Gaussian policy (Plappert et al. 2018, "Parameter Space Noise for
/// Exploration"), in its on-policy form: before each rollout every weight and bias of the mean network
/// gets Gaussian noise of standard deviation sigma, the rollout is collected and the update made with
/// the perturbed network (its gradient is the unperturbed one's: the noise is a constant offset), and
/// then the noise comes off again, so evaluations, checks and checkpoints see the learned policy. The
/// policy's own action noise stays. Sigma adapts after every update, as the paper's: a fresh
/// perturbation's mean action is compared with the policy's on the rollout's observations, and sigma
/// shrinks by <see cref="Adaptation"/> when their root-mean-square distance exceeds the target, else grows.
/// </summary>
public sealed class ParameterNoise
{
    /// <summary>The paper's factor (1.01): sigma moves by 1 % an update.</summary>
    public const double Adaptation = 1.01;

    readonly GaussianPolicy _policy;
    readonly double _target;
    readonly List<Tensor> _applied = [];

    public ParameterNoise(GaussianPolicy policy, double sigma, double target)
    {
        _policy = policy;
        Sigma = sigma;
        _target = target;
    }

    /// <summary>The current standard deviation of the weights' noise.</summary>
    public double Sigma { get; private set; }

    /// <summary>The distance the last adaptation measured (NaN before one).</summary>
    public double LastDistance { get; private set; } = double.NaN;

    IEnumerable<Tensor> MeanParameters => _policy.Layers.SelectMany(l => l.bias is null ? new Tensor[] { l.weight! } : [l.weight!, l.bias]);

    /// <summary>Adds fresh noise at the current sigma; a perturbation still on is refused.</summary>
    public void Perturb()
    {
        if (_applied.Count > 0) throw new InvalidOperationException("the policy is already perturbed");
        using var _ = no_grad();
        using var sigma = Sigma.ToScalar(); // held through the calls (TensorLifetimeTests)
        foreach (var p in MeanParameters)
        {
            var noise = randn_like(p).mul_(sigma);
            p.add_(noise, One);
            _applied.Add(noise);
        }
    }

    /// <summary>Takes the noise off again (to float rounding).</summary>
    public void Remove()
    {
        using var _ = no_grad();
        int i = 0;
        foreach (var p in MeanParameters) p.sub_(_applied[i++]);
        foreach (var t in _applied) t.Dispose();
        _applied.Clear();
    }

    /// <summary>Adapts sigma on <paramref name="rows"/> raw observations (row-major, the policy normalizes them); returns the distance.</summary>
    public double Adapt(float[] observations, int rows)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var obs = tensor(observations.AsSpan(0, rows * _policy.Spec.ObservationSize).ToArray(), [rows, _policy.Spec.ObservationSize]);
        var mean = _policy.forward(obs);
        Perturb();
        var perturbed = _policy.forward(obs);
        Remove();
        var difference = perturbed - mean;
        double distance = difference.mul(difference).mean().sqrt().item<float>();
        Sigma = distance > _target ? Sigma / Adaptation : Sigma * Adaptation;
        LastDistance = distance;
        return distance;
    }
}
