namespace Mercato.Core.Influencers;

/// <summary>
/// Tiers by followers. The bands are the ones the industry quotes for every platform (HypeAuditor, Influencer Marketing
/// Hub): nano under 10k, micro 10k–100k, mid 100k–500k, macro 500k–1M, mega 1M and over. One table for every platform:
/// the Chinese platforms' agencies quote the same round numbers (尾部 / 腰部 / 头部 map onto micro / mid / macro–mega).
/// </summary>
public static class InfluencerTiers
{
    /// <summary>The lowest follower count of each tier, nano to mega.</summary>
    public static IReadOnlyList<(InfluencerTier Tier, long From)> Bands { get; } =
    [
        (InfluencerTier.Nano, 0), (InfluencerTier.Micro, 10_000), (InfluencerTier.Mid, 100_000),
        (InfluencerTier.Macro, 500_000), (InfluencerTier.Mega, 1_000_000),
    ];

    /// <summary>The tier of an account with <paramref name="followers"/> followers (negative counts as 0).</summary>
    public static InfluencerTier Of(long followers)
    {
        var tier = InfluencerTier.Nano;
        foreach (var (t, from) in Bands)
        {
            if (followers >= from)
            {
                tier = t;
            }
        }

        return tier;
    }
}
