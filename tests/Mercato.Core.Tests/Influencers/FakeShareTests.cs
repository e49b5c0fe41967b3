using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class FakeShareTests
{
    /// <summary>
    /// 10 of 50: a = 0.2, z² = 3.841459, z²/n = 0.0768292; centre = (0.2 + 0.0384146) ÷ 1.0768292 = 0.2214043; half-width
    /// = 1.959964 ÷ 1.0768292 × √(0.0032 + 0.00038415) = 0.1089668; so [0.1124375, 0.3303711].
    /// </summary>
    [Fact]
    public void Wilson_MatchesTheHandComputedInterval()
    {
        var (low, high) = FakeShare.Wilson(10, 50);
        Assert.Equal(0.11243750015776112, low, 12);
        Assert.Equal(0.3303710593222542, high, 12);
    }

    /// <summary>0 of 20: the low end is 0 and the high end (z²/n) ÷ (1 + z²/n) = 0.19207 ÷ 1.19207 = 0.1611252.</summary>
    [Fact]
    public void Wilson_NoneFlagged_StillHasAnUpperBound()
    {
        var (low, high) = FakeShare.Wilson(0, 20);
        Assert.Equal(0, low, 12);
        Assert.Equal(0.16112515805281938, high, 12);
    }

    [Fact]
    public void Estimate_WithoutSensitivityAndSpecificity_IsTheApparentShare()
    {
        var e = FakeShare.Estimate(50, 10);
        Assert.Equal(new FakeShareEstimate(50, 10, 0.2, 0.2, e.Low, e.High, false), e);
        Assert.Equal(0.11243750015776112, e.Low, 12);
    }

    /// <summary>Sensitivity 0.9, specificity 0.95: (0.2 + 0.95 − 1) ÷ (0.9 + 0.95 − 1) = 0.15 ÷ 0.85 = 0.1764706; the Wilson ends likewise.</summary>
    [Fact]
    public void Estimate_WithTheModelsErrorRates_IsRoganGladenCorrected()
    {
        var e = FakeShare.Estimate(50, 10, 0.9, 0.95);
        Assert.True(e.Corrected);
        Assert.Equal(0.2, e.ApparentShare, 15);
        Assert.Equal(0.15 / 0.85, e.Share, 12);
        Assert.Equal((0.11243750015776112 - 0.05) / 0.85, e.Low, 12);
        Assert.Equal((0.3303710593222542 - 0.05) / 0.85, e.High, 12);
    }

    [Fact]
    public void Estimate_CorrectionBelowZero_IsClampedToZero()
    {
        var e = FakeShare.Estimate(100, 2, 0.9, 0.95);
        Assert.Equal(0, e.Share);
        Assert.Equal(0, e.Low);
        Assert.True(e.High > 0);
    }

    [Fact]
    public void Estimate_UselessModel_IsNotCorrected()
    {
        Assert.False(FakeShare.Estimate(50, 10, 0.5, 0.5).Corrected);
        Assert.Equal(new FakeShareEstimate(0, 0, 0, 0, 0, 1, false), FakeShare.Estimate(0, 0, 0.9, 0.9));
    }

    [Fact]
    public void Estimate_ScoresASampleWithTheModel()
    {
        FollowerProfile[] sample =
        [
            new("a", 0, 2000, 0, false, false), new("b", 500, 300, 80, true, false), new("c", 3, 900, 0, false, false),
            new("d", 1200, 400, 150, true, true),
        ];
        var model = FakeFollowerModel.Default;
        var flagged = sample.Count(model.IsFake);
        var e = FakeShare.Estimate(sample, model);
        Assert.Equal(4, e.Sample);
        Assert.Equal(flagged, e.FlaggedFake);
        Assert.True(e.Corrected);
        Assert.Equal(2, flagged);
    }
}
