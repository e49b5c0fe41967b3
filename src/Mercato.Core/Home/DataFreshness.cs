using Mercato.Core.DataCenter;

namespace Mercato.Core.Home;

/// <summary>How often a data kind's rows arrive, which decides from when its age counts.</summary>
public enum DataRhythm
{
    /// <summary>One row or more per day: the age counts from the last day held.</summary>
    Daily,

    /// <summary>Booked by month (dated the first day, covering the whole month): the age counts from the last month's last day.</summary>
    Monthly,

    /// <summary>Rows arrive when something happens (a live stream, an influencer's post, an audit sample): never late.</summary>
    Irregular,
}

/// <summary>The usual lag of one data kind: how many days after the last day its rows cover it may be before it is late.</summary>
/// <param name="Kind">The data kind's name.</param>
/// <param name="Rhythm">How its rows arrive.</param>
/// <param name="LagDays">The days it may lag; null for an irregular kind, which is not checked.</param>
public sealed record FreshnessRule(string Kind, DataRhythm Rhythm, int? LagDays);

/// <summary>One kind's freshness on a day.</summary>
/// <param name="Kind">The data kind's name.</param>
/// <param name="LastDate">The last date it holds (for a monthly kind, the first day of its last month).</param>
/// <param name="CoveredThrough">The last day its rows cover: <paramref name="LastDate"/>, or its month's last day for a monthly kind.</param>
/// <param name="AgeDays">Today − <paramref name="CoveredThrough"/>, in days (0 or less: up to date).</param>
/// <param name="LagDays">Its usual lag.</param>
/// <param name="Late">Whether <paramref name="AgeDays"/> is above <paramref name="LagDays"/>.</param>
public sealed record FreshnessCheck(string Kind, DateOnly LastDate, DateOnly CoveredThrough, int AgeDays, int LagDays, bool Late);

/// <summary>
/// Whether each data kind is as fresh as usual (docs/home.md, Data freshness). A kind is late when more days have passed
/// since the last day its rows cover than its usual lag:
/// <list type="bullet">
/// <item>daily kinds (spend, touchpoints, conversions, clicks, activity, social, appstore, store, mentions,
/// influencer_snapshots): <see cref="DailyLagDays"/> days after the last date held (a platform export lands a day or two
/// after the day it covers);</item>
/// <item>costs, booked by month: <see cref="MonthlyLagDays"/> days after the last day of the last month held (an invoice
/// lands in the next month);</item>
/// <item>livestreams, influencer_posts, influencer_followers arrive when something happens and are never late.</item>
/// </list>
/// A kind without rows is not checked (nothing was ever imported, so nothing is late); a kind the table does not know is
/// irregular.
/// </summary>
public static class DataFreshness
{
    /// <summary>Days a daily kind may lag behind today.</summary>
    public const int DailyLagDays = 2;

    /// <summary>Days a monthly kind may lag behind the last day of its last month.</summary>
    public const int MonthlyLagDays = 35;

    private static readonly string[] DailyKinds =
    [
        DataKinds.Spend.Name, DataKinds.Touchpoints.Name, DataKinds.Conversions.Name, DataKinds.Clicks.Name, DataKinds.Activity.Name,
        DataKinds.Social.Name, DataKinds.AppStore.Name, DataKinds.Store.Name, DataKinds.Mentions.Name, DataKinds.InfluencerSnapshots.Name,
    ];

    /// <summary>The lag table: one rule per data kind, in <see cref="DataKinds.All"/> order.</summary>
    public static IReadOnlyList<FreshnessRule> Rules { get; } = [.. DataKinds.All.Select(k => RuleOf(k.Name))];

    /// <summary>The rule of <paramref name="kind"/>; irregular for a kind the table does not know.</summary>
    public static FreshnessRule RuleOf(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (DailyKinds.Contains(kind, StringComparer.Ordinal))
        {
            return new FreshnessRule(kind, DataRhythm.Daily, DailyLagDays);
        }

        return kind == DataKinds.Costs.Name
            ? new FreshnessRule(kind, DataRhythm.Monthly, MonthlyLagDays)
            : new FreshnessRule(kind, DataRhythm.Irregular, null);
    }

    /// <summary>
    /// The freshness of <paramref name="kind"/> whose last date is <paramref name="lastDate"/>, on <paramref name="today"/>;
    /// null when it holds no rows (<paramref name="lastDate"/> null) or is irregular.
    /// </summary>
    public static FreshnessCheck? Check(string kind, DateOnly? lastDate, DateOnly today)
    {
        var rule = RuleOf(kind);
        if (lastDate is not { } last || rule.LagDays is not { } lag)
        {
            return null;
        }

        var covered = rule.Rhythm == DataRhythm.Monthly ? new DateOnly(last.Year, last.Month, 1).AddMonths(1).AddDays(-1) : last;
        var age = today.DayNumber - covered.DayNumber;
        return new FreshnessCheck(kind, last, covered, age, lag, age > lag);
    }

    /// <summary>The kinds of <paramref name="kinds"/> that are late on <paramref name="today"/>, the oldest first (ties by name).</summary>
    public static IReadOnlyList<FreshnessCheck> Late(IEnumerable<(string Kind, DateOnly? LastDate)> kinds, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return
        [
            .. kinds.Select(k => Check(k.Kind, k.LastDate, today)).OfType<FreshnessCheck>().Where(c => c.Late)
                .OrderByDescending(c => c.AgeDays - c.LagDays).ThenBy(c => c.Kind, StringComparer.Ordinal),
        ];
    }
}
