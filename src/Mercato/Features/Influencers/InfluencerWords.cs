using Mercato.Core.Influencers;

namespace Mercato.Features.Influencers;

/// <summary>
/// The influencer feature's enumeration words as people read them, in the language in effect (this folder's
/// <c>Words.resx</c>: <c>influencers.platform.douyin</c>, <c>influencers.tier.mid</c>, ...). Files, JSON, URLs and option
/// values keep <see cref="EnumWords"/>.
/// </summary>
internal static class InfluencerWords
{
    /// <summary>The word of <paramref name="value"/> of one of the feature's enumerations.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Words.W(Kind<T>() + "." + EnumWords.Word(value));

    /// <summary>Instagram, YouTube and TikTok keep their names in every language: a page marks them as data (<c>translate="no"</c>).</summary>
    public static bool IsData(InfluencerPlatform platform) => platform is InfluencerPlatform.Instagram or InfluencerPlatform.Youtube or InfluencerPlatform.Tiktok;

    /// <summary><c>no</c> for a platform whose name is data (<see cref="IsData"/>), for a <c>translate</c> attribute; else null (no attribute).</summary>
    public static string? Translate(InfluencerPlatform platform) => IsData(platform) ? "no" : null;

    private static string Kind<T>()
        where T : struct, Enum => typeof(T).Name switch
        {
            nameof(InfluencerPlatform) => "influencers.platform",
            nameof(InfluencerTier) => "influencers.tier",
            nameof(AuditRecommendation) => "influencers.recommendation",
            nameof(AudienceBand) => "influencers.audience",
            nameof(EngagementVerdict) => "influencers.verdict",
            nameof(CollaborationStatus) => "influencers.collaboration_status",
            nameof(DeliverableKind) => "influencers.deliverable",
            nameof(RoiBasis) => "influencers.roi_basis",
            var other => throw new ArgumentOutOfRangeException(nameof(T), other, "no words for this enumeration"),
        };
}
