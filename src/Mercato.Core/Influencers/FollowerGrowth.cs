using Mercato.Core.Anomalies;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Influencers;

/// <summary>One day's follower change.</summary>
/// <param name="Day">The day.</param>
/// <param name="Change">Followers gained that day (negative when lost); a day inside a gap between snapshots carries an even share of the gap's change.</param>
/// <param name="Observed">Whether a snapshot was taken on this day and on the day before (false inside a gap).</param>
public sealed record FollowerChange(DateOnly Day, double Change, bool Observed);

/// <summary>One follower jump (or drop) found by the growth scan.</summary>
/// <param name="Day">The peak day (the day of the largest |score|).</param>
/// <param name="Start">The first day of the run of anomalous days.</param>
/// <param name="End">The last day of the run.</param>
/// <param name="Gained">Followers gained over the run (negative for a drop).</param>
/// <param name="Expected">Followers the baseline expected over the run.</param>
/// <param name="Score">The detector's score at the peak.</param>
/// <param name="Direction">Up (a jump) or down (a loss, e.g. the platform purging fake accounts).</param>
/// <param name="Explained">For a jump: whether a viral post published on a day of the run or the day before explains it; false for a drop.</param>
/// <param name="ExplainingPost">The post that explains it (the one furthest above the account's medians), or null.</param>
public sealed record FollowerJump(
    DateOnly Day, DateOnly Start, DateOnly End, double Gained, double Expected, double Score, AnomalyDirection Direction,
    bool Explained, string? ExplainingPost);

/// <summary>The growth scan's result.</summary>
/// <param name="Changes">The daily change series, oldest first.</param>
/// <param name="Options">The detector's settings used.</param>
/// <param name="Jumps">Every anomaly found, in time order.</param>
public sealed record FollowerGrowthScan(IReadOnlyList<FollowerChange> Changes, AnomalyOptions Options, IReadOnlyList<FollowerJump> Jumps)
{
    /// <summary>The upward jumps no viral post explains: the signature of bought followers.</summary>
    public IReadOnlyList<FollowerJump> Unexplained => [.. Jumps.Where(j => j.Direction == AnomalyDirection.Up && !j.Explained)];
}

/// <summary>
/// Follower growth from daily snapshots. The change on day d is followers(d) − followers(d − 1); when snapshots are
/// missing between two days a and b, the change followers(b) − followers(a) is spread evenly over the b − a days of the
/// gap (each gets the mean: the gap cannot tell which day the followers came). The series goes to
/// <see cref="AnomalyDetector"/> with a daily period (a weekly season) and <see cref="OptionsFor"/>'s settings. An upward
/// anomaly is explained when a post published on a day of the run or the day before has views, or engagements, of at
/// least <see cref="ViralMultiple"/> times the median of the account's posts given (a viral post brings followers);
/// otherwise it is unexplained: a jump that no post explains is the signature of bought followers.
/// </summary>
public static class FollowerGrowth
{
    /// <summary>A post is viral when its views or its engagements reach this multiple of the account's median (3: the usual "3× your average" of the platforms' own creator guides, far above a post's ordinary spread).</summary>
    public const double ViralMultiple = 3.0;

    /// <summary>The smallest jump reported, in followers (50: below it a day's noise on any account).</summary>
    public const double MinJump = 50;

    /// <summary>The smallest jump reported as a share of the account's followers (0.5%: a real event on a large account, noise on none).</summary>
    public const double MinJumpShare = 0.005;

    /// <summary>
    /// The daily changes from <paramref name="snapshots"/> (any order; one per day, a later duplicate of a day ignored),
    /// from the day after the first snapshot to the last, gaps spread evenly.
    /// </summary>
    public static IReadOnlyList<FollowerChange> Changes(IReadOnlyList<InfluencerSnapshotFact> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var days = snapshots.GroupBy(s => s.Date).Select(g => g.First()).OrderBy(s => s.Date).ToList();
        var changes = new List<FollowerChange>();
        for (var i = 1; i < days.Count; i++)
        {
            var gap = days[i].Date.DayNumber - days[i - 1].Date.DayNumber;
            var each = (days[i].Followers - days[i - 1].Followers) / (double)gap;
            for (var k = 1; k <= gap; k++)
            {
                changes.Add(new FollowerChange(days[i - 1].Date.AddDays(k), each, gap == 1));
            }
        }

        return changes;
    }

    /// <summary>
    /// The detector's settings for an account of <paramref name="followers"/>: the default threshold (3.5 robust standard
    /// deviations); NonNegative false (followers are lost as well as gained, and a loss is a finding too); MinChange =
    /// max(<see cref="MinJump"/>, <see cref="MinJumpShare"/> × followers), scaled to the account so a big account's
    /// ordinary day is no jump; MinVolume the same (a jump must itself gain that many).
    /// </summary>
    public static AnomalyOptions OptionsFor(long followers)
    {
        var min = Math.Max(MinJump, MinJumpShare * Math.Max(followers, 0));
        return new AnomalyOptions { NonNegative = false, MinChange = min, MinVolume = min };
    }

    /// <summary>
    /// Scans the snapshots' daily changes and explains each jump by <paramref name="posts"/> (the account's posts over
    /// the same days; their medians are the yardstick), as the class comment says. Refused with
    /// <see cref="InfluencerAuditCodes.GrowthTooFewDays"/> when the changes are fewer than the detector needs.
    /// </summary>
    public static Outcome<FollowerGrowthScan> Scan(
        IReadOnlyList<InfluencerSnapshotFact> snapshots, IReadOnlyList<InfluencerPostFact> posts, AnomalyOptions? options = null, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(posts);
        var changes = Changes(snapshots);
        var needed = AnomalyDetector.MinimumPoints(AnomalyPeriod.Day);
        if (changes.Count < needed)
        {
            return Outcome<FollowerGrowthScan>.Refused(
                InfluencerAuditCodes.GrowthTooFewDays, MessageArgs.Of(("days", (long)changes.Count), ("needed", (long)needed)));
        }

        var followers = snapshots.OrderBy(s => s.Date).Last().Followers;
        var settings = options ?? OptionsFor(followers);
        var values = changes.Select(c => c.Change).ToArray();
        if (AnomalyDetector.Problems(settings, AnomalyPeriod.Day, values) is { Count: > 0 } problems)
        {
            return Outcome<FollowerGrowthScan>.Invalid(problems);
        }

        var scan = AnomalyDetector.Scan(values, AnomalyPeriod.Day, settings);

        var viewed = posts.Where(p => p.Views is not null).Select(p => (double)p.Views!.Value).ToList();
        double? medianViews = viewed.Count > 0 ? Engagement.Quantile(viewed, 0.5) : null;
        double? medianEngagements = posts.Count > 0 ? Engagement.Quantile([.. posts.Select(p => (double)(p.Likes + p.Comments + p.Shares))], 0.5) : null;

        var jumps = new List<FollowerJump>();
        foreach (var a in scan.Anomalies)
        {
            var gained = 0.0;
            var expected = 0.0;
            for (var t = a.Start; t <= a.End; t++)
            {
                gained += changes[t].Change;
                expected += scan.Expected[t];
            }

            var start = changes[a.Start].Day;
            var end = changes[a.End].Day;
            string? post = null;
            if (a.Direction == AnomalyDirection.Up)
            {
                var best = 0.0;
                foreach (var p in posts)
                {
                    var day = Engagement.DayOf(p.Timestamp, zone);
                    if (day < start.AddDays(-1) || day > end)
                    {
                        continue;
                    }

                    var lift = Math.Max(
                        p.Views is { } v && medianViews > 0 ? v / medianViews.Value : 0,
                        medianEngagements > 0 ? (p.Likes + p.Comments + p.Shares) / medianEngagements.Value : 0);
                    if (lift >= ViralMultiple && lift > best)
                    {
                        best = lift;
                        post = p.PostId;
                    }
                }
            }

            jumps.Add(new FollowerJump(changes[a.Peak].Day, start, end, gained, expected, a.Score, a.Direction, post is not null, post));
        }

        return Outcome<FollowerGrowthScan>.Ok(new FollowerGrowthScan(changes, settings, jumps));
    }
}
