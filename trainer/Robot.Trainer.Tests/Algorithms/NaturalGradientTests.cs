using Robot.Trainer.Algorithms;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Algorithms;

/// <summary>The natural-gradient machinery on problems with known answers.</summary>
[Collection(TorchCollection.Name)]
public class NaturalGradientTests
{
    [Fact]
    public void ConjugateGradientSolvesASymmetricPositiveDefiniteSystem()
    {
        // [[4, 1], [1, 3]] x = [1, 2] has x = [1/11, 7/11].
        using var a = tensor(new[] { 4f, 1f, 1f, 3f }, [2, 2]);
        using var b = tensor(new[] { 1f, 2f });
        using var x = NaturalGradient.ConjugateGradient(p => matmul(a, p), b, iterations: 10);
        Assert.Equal(1f / 11, x[0].item<float>(), 5);
        Assert.Equal(7f / 11, x[1].item<float>(), 5);
    }

    [Fact]
    public void ConjugateGradientNeedsNoMoreIterationsThanDimensions()
    {
        using var a = tensor(new[] { 2f, 0f, 0f, 0f, 5f, 1f, 0f, 1f, 3f }, [3, 3]);
        using var b = tensor(new[] { 2f, 6f, 4f }); // x = [1, 1, 1]
        using var x = NaturalGradient.ConjugateGradient(p => matmul(a, p), b, iterations: 3);
        foreach (var v in x.data<float>().ToArray()) Assert.Equal(1f, v, 4);
    }

    [Fact]
    public void FisherVectorProductOfAQuadraticIsItsHessianTimesTheVector()
    {
        var p = new Parameter(tensor(new[] { 0.3f, -0.2f }));
        // "KL" = 0.5 p' H p with H = [[2, 0], [0, 6]]: its Hessian is H.
        using var kl = 0.5f * (2 * p[0] * p[0] + 6 * p[1] * p[1]);
        using var v = tensor(new[] { 1f, 1f });
        using var product = NaturalGradient.FisherVectorProduct(kl, [p], v, damping: 0.1);
        Assert.Equal(2.1f, product[0].item<float>(), 5);
        Assert.Equal(6.1f, product[1].item<float>(), 5);
    }

    [Fact]
    public void TrpoPutsTheParametersBackWhenNoFractionOfTheStepPasses()
    {
        var p = new Parameter(tensor(new[] { 1f, 2f, 3f }));
        using var start = NaturalGradient.CopyParameters([p]);
        using var step = tensor(new[] { 0.5f, -0.5f, 1f });
        int tried = 0;
        double fraction = Trpo.LineSearch([p], start, step, new TrpoOptions { LineSearchSteps = 4, MaxKl = 0.01 },
            () => { tried++; return (Improvement: -1, Kl: 0); }); // never improves
        Assert.Equal(0, fraction);
        Assert.Equal(4, tried);
        Assert.Equal([1f, 2f, 3f], p.data<float>().ToArray());
    }

    [Fact]
    public void TrpoTakesTheFirstFractionThatImprovesWithinTheKlBound()
    {
        var p = new Parameter(tensor(new[] { 0f }));
        using var start = NaturalGradient.CopyParameters([p]);
        using var step = tensor(new[] { 1f });
        // The KL of a move is its square: the full step (1) and 0.5 break max_kl 0.1, 0.25 (KL 0.0625) passes.
        double fraction = Trpo.LineSearch([p], start, step, new TrpoOptions { LineSearchSteps = 10, LineSearchBacktrack = 0.5, MaxKl = 0.1 },
            () => { float x = p.data<float>()[0]; return (Improvement: x, Kl: x * x); });
        Assert.Equal(0.25, fraction);
        Assert.Equal(0.25f, p.data<float>()[0]);
    }
}
