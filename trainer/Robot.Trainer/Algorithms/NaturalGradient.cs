using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Robot.Trainer.Torch.HeldScalars;

namespace Robot.Trainer.Algorithms;

/// <summary>
/// The machinery natural-gradient methods share: parameters as one flat vector, Fisher-vector
/// products by double backpropagation through the mean KL, and conjugate gradient to solve F x = g
/// without ever forming F.
/// </summary>
public static class NaturalGradient
{
    public static Tensor Flatten(IEnumerable<Tensor> tensors) => cat(tensors.Select(t => t.reshape(-1)).ToArray());

    /// <summary>The parameters' current values as one vector, detached from them.</summary>
    public static Tensor CopyParameters(IReadOnlyList<Parameter> parameters)
    {
        using var _ = no_grad();
        return Flatten(parameters).clone();
    }

    public static void SetFlatParameters(IReadOnlyList<Parameter> parameters, Tensor flat)
    {
        using var _ = no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            long n = p.numel();
            p.copy_(flat.narrow(0, offset, n).view_as(p));
            offset += n;
        }
    }

    public static Tensor FlatGrad(Tensor output, IReadOnlyList<Parameter> parameters, bool createGraph = false) =>
        Flatten(autograd.grad([output], parameters.Cast<Tensor>().ToList(), retain_graph: true, create_graph: createGraph));

    /// <summary>
    /// F v + damping v, where F is the Hessian of <paramref name="meanKl"/> (the Fisher information
    /// at the old policy): grad of (grad KL . v).
    /// </summary>
    public static Tensor FisherVectorProduct(Tensor meanKl, IReadOnlyList<Parameter> parameters, Tensor v, double damping)
    {
        var klGrad = FlatGrad(meanKl, parameters, createGraph: true);
        var klGradDotV = (klGrad * v).sum();
        using var d = damping.ToScalar(); // alive through the call (TensorLifetimeTests)
        return FlatGrad(klGradDotV, parameters).add(d * v, One);
    }

    /// <summary>Solves A x = b for symmetric positive-definite A given only products A p.</summary>
    public static Tensor ConjugateGradient(Func<Tensor, Tensor> product, Tensor b, int iterations, double tolerance = 1e-10)
    {
        var x = zeros_like(b);
        var r = b.clone();
        var p = b.clone();
        double rr = (r * r).sum().item<float>();
        for (int i = 0; i < iterations && rr > tolerance; i++)
        {
            var ap = product(p);
            using var alpha = (rr / (p * ap).sum().item<float>()).ToScalar(); // alive through the calls (TensorLifetimeTests)
            x = x.add(alpha * p, One);
            r = r - alpha * ap;
            double next = (r * r).sum().item<float>();
            using var beta = (next / rr).ToScalar();
            p = r.add(beta * p, One);
            rr = next;
        }
        return x;
    }
}
