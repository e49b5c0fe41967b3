namespace Mercato.Core.Influencers;

/// <summary>The estimated share of fake followers of an audience, from a scored sample.</summary>
/// <param name="Sample">Followers scored.</param>
/// <param name="FlaggedFake">Followers flagged fake (pFake ≥ the cut-off).</param>
/// <param name="ApparentShare">Flagged ÷ sample.</param>
/// <param name="Share">The estimate: the Rogan–Gladen corrected share when <paramref name="Corrected"/>, else the apparent share.</param>
/// <param name="Low">The 95% interval's low end (Wilson, corrected the same way when corrected).</param>
/// <param name="High">The 95% interval's high end.</param>
/// <param name="Corrected">Whether the model's sensitivity and specificity corrected the estimate.</param>
public sealed record FakeShareEstimate(int Sample, int FlaggedFake, double ApparentShare, double Share, double Low, double High, bool Corrected);

/// <summary>
/// The share of fake followers from a sample scored by a <see cref="FakeFollowerModel"/>. The apparent share a = k ÷ n
/// (k flagged of n) gets the 95% Wilson score interval (Wilson 1927): with z = 1.959964 (the normal 97.5% quantile),
/// centre (a + z²/2n) ÷ (1 + z²/n) and half-width z ÷ (1 + z²/n) × √(a(1 − a)/n + z²/4n²). A classifier misses some
/// fakes and flags some genuine followers, so when the model's sensitivity (se) and specificity (sp) are known and
/// se + sp &gt; 1 the estimate is the Rogan–Gladen correction (Rogan and Gladen 1978, the true prevalence from an
/// imperfect test): (a + sp − 1) ÷ (se + sp − 1), clamped to [0, 1]; the interval's ends are transformed the same way
/// (the map is increasing, so the ends stay in order; the interval ignores the error in se and sp themselves).
/// </summary>
public static class FakeShare
{
    /// <summary>The normal 97.5% quantile, for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The estimate from <paramref name="flagged"/> of <paramref name="sample"/>, corrected when both <paramref name="sensitivity"/> and <paramref name="specificity"/> are known and sum above 1.</summary>
    public static FakeShareEstimate Estimate(int sample, int flagged, double? sensitivity = null, double? specificity = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfNegative(flagged);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(flagged, sample);
        if (sample == 0)
        {
            return new FakeShareEstimate(0, 0, 0, 0, 0, 1, false);
        }

        var a = flagged / (double)sample;
        var (low, high) = Wilson(flagged, sample);
        if (sensitivity is { } se && specificity is { } sp && se + sp > 1)
        {
            double Correct(double x) => Math.Clamp((x + sp - 1) / (se + sp - 1), 0, 1);
            return new FakeShareEstimate(sample, flagged, a, Correct(a), Correct(low), Correct(high), true);
        }

        return new FakeShareEstimate(sample, flagged, a, a, low, high, false);
    }

    /// <summary>Scores <paramref name="sample"/> with <paramref name="model"/> and estimates the share, corrected with the model's stored sensitivity and specificity.</summary>
    public static FakeShareEstimate Estimate(IEnumerable<FollowerProfile> sample, FakeFollowerModel model)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(model);
        var n = 0;
        var k = 0;
        foreach (var profile in sample)
        {
            n++;
            k += model.IsFake(profile) ? 1 : 0;
        }

        return Estimate(n, k, model.Sensitivity, model.Specificity);
    }

    /// <summary>The 95% Wilson score interval of <paramref name="k"/> successes in <paramref name="n"/> trials (n &gt; 0).</summary>
    public static (double Low, double High) Wilson(int k, int n, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var p = k / (double)n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
