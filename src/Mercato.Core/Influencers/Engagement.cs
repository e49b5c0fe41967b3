using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Influencers;

/// <summary>One post's engagement.</summary>
/// <param name="PostId">The post.</param>
/// <param name="Day">The day it was published (in the zone given to <see cref="Engagement.Of"/>).</param>
/// <param name="Followers">The followers its by-followers rate divides by (see <see cref="Engagement.FollowersOn"/>); null when no snapshot is known.</param>
/// <param name="Views">Its views, when reported.</param>
/// <param name="Engagements">Likes + comments + shares.</param>
/// <param name="ByFollowers">Engagements ÷ followers; null without followers or with 0 followers.</param>
/// <param name="ByViews">Engagements ÷ views; null without views or with 0 views.</param>
/// <param name="CommentToLike">Comments ÷ likes; null with no like.</param>
public sealed record PostEngagement(
    string PostId, DateOnly Day, long? Followers, long? Views, long Engagements, double? ByFollowers, double? ByViews, double? CommentToLike);

/// <summary>The spread of one rate over a window's posts (quantiles by <see cref="Engagement.Quantile"/>).</summary>
/// <param name="Count">Posts that have the rate.</param>
/// <param name="Median">Its median; null when no post has it.</param>
/// <param name="Q1">Its first quartile.</param>
/// <param name="Q3">Its third quartile.</param>
public sealed record RateSpread(int Count, double? Median, double? Q1, double? Q3)
{
    /// <summary>The interquartile range Q3 − Q1; null when no post has the rate.</summary>
    public double? Iqr => Q3 - Q1;
}

/// <summary>An influencer's engagement over a window of posts, and followers against real reach.</summary>
/// <param name="Posts">Posts in the window.</param>
/// <param name="ByFollowers">Engagement by followers.</param>
/// <param name="ByViews">Engagement by views.</param>
/// <param name="CommentToLike">Comments per like.</param>
/// <param name="FollowersNow">Followers of the latest snapshot on or before the day of the summary; null without one.</param>
/// <param name="MedianViews">Median views per post over the posts that report views; null when none does.</param>
/// <param name="ReachRate">Median views ÷ followers now (the share of the audience a post really reaches); null when either is unknown or followers are 0.</param>
public sealed record EngagementSummary(
    int Posts, RateSpread ByFollowers, RateSpread ByViews, RateSpread CommentToLike, long? FollowersNow, double? MedianViews, double? ReachRate);

/// <summary>
/// Engagement of an influencer's posts. Per post: engagement rate by followers = (likes + comments + shares) ÷ followers,
/// the followers taken from the influencer's latest snapshot on or before the post's day, else the earliest after it;
/// engagement rate by views = (likes + comments + shares) ÷ views when views &gt; 0; comment-to-like ratio = comments ÷
/// likes when likes &gt; 0. Saves are left out: most platforms do not report them and the benchmarks do not count them.
/// Over a window the median and the quartiles of each rate use the Hyndman–Fan type 7 quantile (linear interpolation
/// between order statistics: R's default, Excel's QUARTILE.INC).
/// </summary>
public static class Engagement
{
    /// <summary>The default window: the last 90 days.</summary>
    public const int DefaultDays = 90;

    /// <summary>The default window: at most the last 30 posts of those days.</summary>
    public const int DefaultMaxPosts = 30;

    /// <summary>
    /// The followers a post's rate divides by: the latest snapshot on or before <paramref name="day"/>, else the earliest
    /// after it; null when there is no snapshot.
    /// </summary>
    public static long? FollowersOn(DateOnly day, IReadOnlyList<InfluencerSnapshotFact> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        InfluencerSnapshotFact? before = null;
        InfluencerSnapshotFact? after = null;
        foreach (var s in snapshots)
        {
            if (s.Date <= day)
            {
                if (before is null || s.Date > before.Date)
                {
                    before = s;
                }
            }
            else if (after is null || s.Date < after.Date)
            {
                after = s;
            }
        }

        return (before ?? after)?.Followers;
    }

    /// <summary>The day of an instant in <paramref name="zone"/>, or at the instant's own offset when no zone is given.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo? zone = null) =>
        DateOnly.FromDateTime(zone is null ? instant.DateTime : TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>One post's engagement, as the class comment says.</summary>
    public static PostEngagement Of(InfluencerPostFact post, IReadOnlyList<InfluencerSnapshotFact> snapshots, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        var day = DayOf(post.Timestamp, zone);
        var followers = FollowersOn(day, snapshots);
        var engagements = post.Likes + post.Comments + post.Shares;
        return new PostEngagement(
            post.PostId,
            day,
            followers,
            post.Views,
            engagements,
            followers > 0 ? engagements / (double)followers.Value : null,
            post.Views > 0 ? engagements / (double)post.Views.Value : null,
            post.Likes > 0 ? post.Comments / (double)post.Likes : null);
    }

    /// <summary>
    /// The posts of the window: published in (<paramref name="asOf"/> − <paramref name="days"/> days, <paramref name="asOf"/>],
    /// the last <paramref name="maxPosts"/> of them, oldest first (ties by post id).
    /// </summary>
    public static IReadOnlyList<InfluencerPostFact> Window(
        IEnumerable<InfluencerPostFact> posts, DateTimeOffset asOf, int days = DefaultDays, int maxPosts = DefaultMaxPosts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPosts);
        var from = asOf.AddDays(-days);
        var inside = posts.Where(p => p.Timestamp > from && p.Timestamp <= asOf)
            .OrderBy(p => p.Timestamp).ThenBy(p => p.PostId, StringComparer.Ordinal).ToList();
        return inside.Count <= maxPosts ? inside : inside.GetRange(inside.Count - maxPosts, maxPosts);
    }

    /// <summary>
    /// The summary of <paramref name="posts"/> (the caller picks the window, e.g. with <see cref="Window"/>): each rate's
    /// count, median and quartiles; followers now from the latest snapshot on or before <paramref name="today"/>; the
    /// median views per post; reach rate = median views ÷ followers now.
    /// </summary>
    public static EngagementSummary Summarize(
        IReadOnlyList<InfluencerPostFact> posts, IReadOnlyList<InfluencerSnapshotFact> snapshots, DateOnly today, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(snapshots);
        var rows = posts.Select(p => Of(p, snapshots, zone)).ToList();
        var now = snapshots.Where(s => s.Date <= today).OrderBy(s => s.Date).LastOrDefault()?.Followers;
        var views = posts.Where(p => p.Views is not null).Select(p => (double)p.Views!.Value).ToList();
        double? medianViews = views.Count > 0 ? Quantile(views, 0.5) : null;
        return new EngagementSummary(
            rows.Count,
            Spread(rows.Select(r => r.ByFollowers)),
            Spread(rows.Select(r => r.ByViews)),
            Spread(rows.Select(r => r.CommentToLike)),
            now,
            medianViews,
            now > 0 && medianViews is { } m ? m / now.Value : null);
    }

    /// <summary>The count, median and quartiles of the known values.</summary>
    public static RateSpread Spread(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0
            ? new RateSpread(0, null, null, null)
            : new RateSpread(known.Count, Quantile(known, 0.5), Quantile(known, 0.25), Quantile(known, 0.75));
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile by Hyndman and Fan's type 7: sort the n values x₍₁₎ ≤ … ≤ x₍ₙ₎, h = (n − 1)p,
    /// then x₍⌊h⌋+1₎ + (h − ⌊h⌋)(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
    /// </summary>
    /// <exception cref="ArgumentException">No value (a bug: the callers check).</exception>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("a quantile needs a value", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>Where an engagement rate stands against its benchmark; written <c>below_low</c>, <c>below_median</c>, <c>above_median</c>, <c>far_above</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EngagementVerdict>))]
public enum EngagementVerdict
{
    /// <summary>Below the benchmark's low threshold: a weak or inflated audience.</summary>
    [JsonStringEnumMemberName("below_low")]
    BelowLow,

    /// <summary>At or above the low threshold, below the median.</summary>
    [JsonStringEnumMemberName("below_median")]
    BelowMedian,

    /// <summary>At or above the median, up to the far-above multiple.</summary>
    [JsonStringEnumMemberName("above_median")]
    AboveMedian,

    /// <summary>Above the far-above multiple of the median: excellent, or bought engagement (pods, bots): check the comments.</summary>
    [JsonStringEnumMemberName("far_above")]
    FarAbove,
}

/// <summary>The benchmark of engagement by followers for one platform and tier.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Tier">The tier.</param>
/// <param name="Median">The median engagement rate by followers (a share: 0.024 is 2.4%).</param>
/// <param name="Low">Below this the rate is low.</param>
public sealed record EngagementBenchmark(InfluencerPlatform Platform, InfluencerTier Tier, double Median, double Low);

/// <summary>A rate against its benchmark.</summary>
/// <param name="Rate">The rate compared.</param>
/// <param name="Benchmark">The benchmark.</param>
/// <param name="Ratio">Rate ÷ the benchmark's median.</param>
/// <param name="Verdict">Where it stands.</param>
public sealed record EngagementComparison(double Rate, EngagementBenchmark Benchmark, double Ratio, EngagementVerdict Verdict);

/// <summary>
/// Default benchmarks of engagement by followers, per platform and tier. They are defaults, replaceable per workspace
/// (pass overrides to <see cref="Lookup"/>): the published figures move every year and differ by category.
/// The Instagram, TikTok and YouTube medians are rounded from the tier tables of the industry's yearly reports
/// (HypeAuditor's "State of Influencer Marketing" and Influencer Marketing Hub's "Influencer Marketing Benchmark Report",
/// 2021–2024 editions), which agree on the shape: engagement by followers falls as the tier rises (Instagram from about
/// 4% for nano accounts to about 1% for mega ones; TikTok's rates, which count shares, run two to three times higher).
/// No comparable public tier tables exist for the Chinese platforms; the defaults borrow the nearest format as an
/// assumption to replace with the workspace's own data: Douyin, Kuaishou and WeChat Channels take TikTok's row
/// (short-video feeds), Xiaohongshu and Other take Instagram's (image notes), Bilibili takes YouTube's (long video),
/// and Weibo takes half of Instagram's (a broadcast feed with mostly passive followers).
/// Low is 40% of the median in every default row: a house convention, not a published figure (about the first decile
/// of the reports' distributions).
/// </summary>
public static class EngagementBenchmarks
{
    /// <summary>The share of the median below which a default benchmark calls a rate low.</summary>
    public const double DefaultLowShare = 0.4;

    /// <summary>Above this multiple of the median a rate is <see cref="EngagementVerdict.FarAbove"/> (default 3).</summary>
    public const double DefaultFarAbove = 3.0;

    private static readonly double[] InstagramRow = [0.040, 0.024, 0.017, 0.013, 0.010];
    private static readonly double[] TiktokRow = [0.090, 0.070, 0.060, 0.050, 0.045];
    private static readonly double[] YoutubeRow = [0.035, 0.025, 0.020, 0.017, 0.015];

    /// <summary>Every default benchmark, platform by platform, nano to mega.</summary>
    public static IReadOnlyList<EngagementBenchmark> Defaults { get; } = BuildDefaults();

    /// <summary>The benchmark of <paramref name="platform"/> and <paramref name="tier"/>: the override when one matches, else the default.</summary>
    public static EngagementBenchmark Lookup(InfluencerPlatform platform, InfluencerTier tier, IReadOnlyList<EngagementBenchmark>? overrides = null) =>
        overrides?.FirstOrDefault(b => b.Platform == platform && b.Tier == tier)
        ?? Defaults.First(b => b.Platform == platform && b.Tier == tier);

    /// <summary>
    /// <paramref name="rate"/> against <paramref name="benchmark"/>: ratio = rate ÷ median; below low → below_low; below
    /// the median → below_median; above <paramref name="farAbove"/> × median → far_above (suspicious as well as good);
    /// otherwise above_median.
    /// </summary>
    public static EngagementComparison Compare(double rate, EngagementBenchmark benchmark, double farAbove = DefaultFarAbove)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var ratio = benchmark.Median > 0 ? rate / benchmark.Median : 0;
        var verdict = rate < benchmark.Low ? EngagementVerdict.BelowLow
            : rate < benchmark.Median ? EngagementVerdict.BelowMedian
            : ratio > farAbove ? EngagementVerdict.FarAbove
            : EngagementVerdict.AboveMedian;
        return new EngagementComparison(rate, benchmark, ratio, verdict);
    }

    private static List<EngagementBenchmark> BuildDefaults()
    {
        var list = new List<EngagementBenchmark>();
        foreach (var platform in Enum.GetValues<InfluencerPlatform>())
        {
            var (row, scale) = platform switch
            {
                InfluencerPlatform.Tiktok or InfluencerPlatform.Douyin or InfluencerPlatform.Kuaishou or InfluencerPlatform.WechatChannels => (TiktokRow, 1.0),
                InfluencerPlatform.Youtube or InfluencerPlatform.Bilibili => (YoutubeRow, 1.0),
                InfluencerPlatform.Weibo => (InstagramRow, 0.5),
                _ => (InstagramRow, 1.0),
            };
            foreach (var tier in Enum.GetValues<InfluencerTier>())
            {
                var median = row[(int)tier] * scale;
                list.Add(new EngagementBenchmark(platform, tier, median, median * DefaultLowShare));
            }
        }

        return list;
    }
}
