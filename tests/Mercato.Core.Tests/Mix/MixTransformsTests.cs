using Mercato.Core.Mix;

namespace Mercato.Core.Tests.Mix;

public class MixTransformsTests
{
    [Fact]
    public void GeometricWeights_AreTheDecayPowers_Normalised()
    {
        var w = MixTransforms.Weights(AdstockKind.Geometric, new ChannelShape(0.5, 0, 1, 1), 3);

        Assert.Equal([1 / 1.875, 0.5 / 1.875, 0.25 / 1.875, 0.125 / 1.875], w, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void GeometricWeights_WithNoDecay_PutEverythingOnTheSamePeriod()
    {
        Assert.Equal([1.0, 0, 0], MixTransforms.Weights(AdstockKind.Geometric, new ChannelShape(0, 0, 1, 1), 2));
    }

    [Fact]
    public void WeibullWeights_SumToOne_AndPeakLaterForALargerShape()
    {
        var early = MixTransforms.Weights(AdstockKind.Weibull, new ChannelShape(1, 0.2, 1, 1), 8);
        var late = MixTransforms.Weights(AdstockKind.Weibull, new ChannelShape(4, 0.5, 1, 1), 8);

        Assert.Equal(1, early.Sum(), 12);
        Assert.Equal(1, late.Sum(), 12);
        Assert.Equal(0, Array.IndexOf(early, early.Max()));
        // k = 4, σ = 0.5·8 = 4: the density of x = l + 1 peaks near σ·(3/4)^(1/4) ≈ 3.72, at lag 3 (x = 4) or 2 (x = 3).
        Assert.InRange(Array.IndexOf(late, late.Max()), 2, 3);
        // Exact value of one weight: f(1; k=1, σ=1.6) ∝ e^(−1/1.6); the shape-1 Weibull is the exponential, so the weights
        // fall by e^(−1/1.6) per lag.
        Assert.Equal(Math.Exp(-1 / 1.6), early[1] / early[0], 12);
    }

    [Fact]
    public void Adstock_CarriesSpendOver_FromZeroBeforeTheFirstPeriod()
    {
        var a = MixTransforms.Adstock([100, 0, 0, 50], [0.5, 0.3, 0.2]);

        Assert.Equal([50, 30, 20, 25], a, (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void Hill_IsHalfAtGamma_AndLogistic_IsTanhOfHalfMuX()
    {
        Assert.Equal(0.5, MixTransforms.Saturate(SaturationKind.Hill, new ChannelShape(0, 0, 2.5, 1.7), 1.7), 15);
        Assert.Equal(4.0 / 5, MixTransforms.Saturate(SaturationKind.Hill, new ChannelShape(0, 0, 2, 1), 2), 15);
        Assert.Equal(Math.Tanh(0.5 * 1.3 * 0.8), MixTransforms.Saturate(SaturationKind.Logistic, new ChannelShape(0, 0, 0, 1.3), 0.8), 14);
        Assert.Equal(0, MixTransforms.Saturate(SaturationKind.Hill, new ChannelShape(0, 0, 2, 1), 0));
    }

    [Fact]
    public void TheSearchSpace_HasOneParameterPerFormChoice_AndThePriorSitsInside()
    {
        Assert.Equal(["decay", "hill_alpha", "hill_gamma"], MixTransforms.Space(AdstockKind.Geometric, SaturationKind.Hill).Select(s => s.Name));
        Assert.Equal(["weibull_shape", "weibull_scale", "logistic_mu"], MixTransforms.Space(AdstockKind.Weibull, SaturationKind.Logistic).Select(s => s.Name));
        foreach (var space in MixTransforms.Space(AdstockKind.Weibull, SaturationKind.Hill).Concat(MixTransforms.Space(AdstockKind.Geometric, SaturationKind.Logistic)))
        {
            Assert.InRange(space.Prior, space.Low, space.High);
            Assert.Equal(0, space.Penalty(space.Prior));
        }

        var shape = MixTransforms.Prior(AdstockKind.Weibull, SaturationKind.Hill);
        var changed = MixTransforms.With(shape, AdstockKind.Weibull, SaturationKind.Hill, 1, 0.7);
        Assert.Equal(0.7, MixTransforms.Get(changed, AdstockKind.Weibull, SaturationKind.Hill, 1));
        Assert.Equal(shape.First, changed.First);
    }
}
