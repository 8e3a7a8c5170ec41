using TorchSharp;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Policies;

/// <summary>
/// Running mean and variance of the observations (Chan et al.'s parallel update over each
/// rollout), applied as clamp((x - mean) / sqrt(var + eps), -clip, clip) in front of the policy
/// and value networks. Its statistics are module buffers, so checkpoints keep them, and the
/// exporter bakes them into the policy file: the robot gets the very same input transform.
/// Disabled, it is the identity. Uncentred, the mean stays 0 and the variance is the second moment
/// about 0: the transform then keeps an odd policy odd (x -> -x gives -normalized).
/// </summary>
public sealed class ObservationNormalizer : nn.Module<Tensor, Tensor>
{
    public const double Epsilon = 1e-8;
    readonly Tensor mean, variance, count; // float64 buffers
    readonly int _size;
    // Held for the module's life: an implicit double -> Scalar would be freed under libtorch (TensorLifetimeTests).
    static readonly Scalar EpsilonScalar = Epsilon.ToScalar();
    readonly Scalar _low, _high;

    public ObservationNormalizer(int size, bool enabled, double clip = 10.0, bool centred = true) : base(nameof(ObservationNormalizer))
    {
        _size = size;
        Enabled = enabled;
        Centred = centred;
        Clip = clip;
        (_low, _high) = ((-clip).ToScalar(), clip.ToScalar());
        mean = zeros(size, ScalarType.Float64);
        variance = ones(size, ScalarType.Float64);
        count = tensor(Epsilon, ScalarType.Float64);
        RegisterComponents();
    }

    /// <summary>The policy file's clip for "no normalization": far beyond any observation (the format needs a positive, finite one).</summary>
    public const float NoClip = 1e9f;

    public bool Enabled { get; }
    /// <summary>Subtracts the running mean (else scales only: the mean stays 0).</summary>
    public bool Centred { get; }

    /// <summary>Whether the running mean and variance are finite numbers (the divergence guard asks).</summary>
    public bool IsFinite
    {
        get
        {
            using var scope = torch.NewDisposeScope();
            return torch.isfinite(mean).all().item<bool>() && torch.isfinite(variance).all().item<bool>();
        }
    }
    public double Clip { get; }

    public override Tensor forward(Tensor observations)
    {
        if (!Enabled) return observations.alias();
        using var scale = variance.add(EpsilonScalar, One).sqrt();
        return ((observations - mean.to_type(ScalarType.Float32)) / scale.to_type(ScalarType.Float32)).clamp(_low, _high);
    }

    /// <summary>Folds <paramref name="rows"/> observations into the statistics.</summary>
    public void Update(float[] observations, int rows)
    {
        if (!Enabled || rows == 0) return;
        var m = mean.data<double>().ToArray();
        var v = variance.data<double>().ToArray();
        double n = count.item<double>();
        for (int j = 0; j < _size; j++)
        {
            double batchMean = 0;
            if (Centred)
            {
                for (int r = 0; r < rows; r++) batchMean += observations[r * _size + j];
                batchMean /= rows;
            }
            double batchVar = 0;
            for (int r = 0; r < rows; r++) { double d = observations[r * _size + j] - batchMean; batchVar += d * d; }
            batchVar /= rows;
            double total = n + rows, delta = batchMean - m[j];
            m[j] += delta * rows / total;
            v[j] = (v[j] * n + batchVar * rows + delta * delta * n * rows / total) / total;
        }
        using (torch.NewDisposeScope())
        using (no_grad())
        {
            mean.copy_(tensor(m, ScalarType.Float64));
            variance.copy_(tensor(v, ScalarType.Float64));
            using var total = (n + rows).ToScalar(); // alive through the call
            count.fill_(total);
        }
    }

    /// <summary>Mean and standard deviation as the policy file stores them (identity when disabled).</summary>
    public (float[] Mean, float[] Std, float Clip) Export()
    {
        if (!Enabled) return (new float[_size], Enumerable.Repeat(1f, _size).ToArray(), NoClip);
        var m = mean.data<double>().Select(x => (float)x).ToArray();
        var s = variance.data<double>().Select(x => (float)Math.Sqrt(x + Epsilon)).ToArray();
        return (m, s, (float)Clip);
    }
}
