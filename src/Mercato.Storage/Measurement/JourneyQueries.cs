using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Measurement;

/// <summary>What a journey's touches are labelled by.</summary>
public enum JourneyLabel
{
    /// <summary>The touch's channel name.</summary>
    Channel,

    /// <summary>The touch's campaign code, or <see cref="JourneyQueries.NoCampaign"/>.</summary>
    Campaign,
}

/// <summary>Which journeys to aggregate.</summary>
/// <param name="From">First day of conversions (and of non-converting touches) counted, inclusive; null for all.</param>
/// <param name="To">Last day, inclusive; null for all.</param>
/// <param name="LookbackDays">How far before a conversion a touch still belongs to its journey.</param>
/// <param name="Label">Channels or campaigns.</param>
public sealed record JourneyQuery(DateOnly? From = null, DateOnly? To = null, int LookbackDays = 30, JourneyLabel Label = JourneyLabel.Channel);

/// <summary>Journeys aggregated to distinct paths, plus the conversions no touch led to.</summary>
/// <param name="Paths">The distinct paths.</param>
/// <param name="ProductCosts">The product cost of each path's conversions, in the order of <paramref name="Paths"/>.</param>
/// <param name="ConversionsWithoutTouches">Conversions with no touch in their lookback window.</param>
/// <param name="RevenueWithoutTouches">Their revenue.</param>
public sealed record JourneyPaths(
    IReadOnlyList<JourneyPath> Paths, IReadOnlyList<decimal> ProductCosts, long ConversionsWithoutTouches, decimal RevenueWithoutTouches)
{
    /// <summary>The same paths with each path's product cost in place of its revenue: attributing these splits product cost
    /// exactly as the revenue is split.</summary>
    public IReadOnlyList<JourneyPath> CostPaths() => Paths.Select((p, i) => p with { Revenue = ProductCosts[i] }).ToList();
}

/// <summary>
/// Aggregates touchpoints and conversions to journey paths inside the store (window functions and GROUP BY), so that
/// only distinct paths with their counts reach C#.
/// <para>
/// A journey is one user's touchpoints before a conversion: each touch belongs to the user's next conversion at or after
/// it when that conversion is at most the lookback window away; a conversion closes its journey and later touches start
/// the next. Touches that belong to no conversion (none follows, or it is too far) form one non-converting journey per
/// user and gap between two conversions. Conversions are counted when they fall in [From, To] (workspace days are UTC
/// days here); their touches may start up to the lookback before From. Non-converting journeys are counted by their last
/// touch in [From, To].
/// </para>
/// </summary>
public sealed class JourneyQueries(MercatoStore store)
{
    /// <summary>The label of touches without a campaign.</summary>
    public const string NoCampaign = "(no campaign)";

    // Control characters are refused by the data contract, so this separator cannot occur inside a label.
    private const char Separator = '\u001F';

    /// <summary>The distinct paths with their conversions, revenue and non-conversions.</summary>
    public JourneyPaths Paths(JourneyQuery query)
    {
        using var connection = store.OpenConnection();
        var (from, to, lookback) = Bounds(query);
        var label = LabelExpression(query.Label);
        var rows = connection.Query<(string? Path, long Conversions, long Revenue, long NonConversions, long Cost)>(
            $"""
            {Journeys(label)}
            SELECT path, SUM(converted), SUM(revenue), SUM(1 - converted), SUM(cost)
            FROM journeys
            GROUP BY path
            """,
            new { from, to, lookback, sep = Separator.ToString() });

        return ToPaths(rows);
    }

    private static JourneyPaths ToPaths(IEnumerable<(string? Path, long Conversions, long Revenue, long NonConversions, long Cost)> rows)
    {
        var paths = new List<JourneyPath>();
        var costs = new List<decimal>();
        long bare = 0;
        long bareRevenue = 0;
        foreach (var row in rows)
        {
            if (row.Path is null)
            {
                bare += row.Conversions;
                bareRevenue += row.Revenue;
                continue;
            }

            paths.Add(new JourneyPath(row.Path.Split(Separator), row.Conversions, Money.FromStore(row.Revenue), row.NonConversions));
            costs.Add(Money.FromStore(row.Cost));
        }

        return new JourneyPaths(paths, costs, bare, Money.FromStore(bareRevenue));
    }

    /// <summary>The label put first on the paths of returning customers by <see cref="PathsMarkingReturningCustomers"/>.</summary>
    public const string ReturningCustomer = "(returning customer)";

    /// <summary>
    /// The paths with one extra first touch, <see cref="ReturningCustomer"/>, on the journeys of users who had converted
    /// before (repeat journeys). A lift model fitted on these gives returning customers their own base rate instead of
    /// crediting it to the channels that mostly reach them.
    /// </summary>
    public JourneyPaths PathsMarkingReturningCustomers(JourneyQuery query)
    {
        using var connection = store.OpenConnection();
        var (from, to, lookback) = Bounds(query);
        var label = LabelExpression(query.Label);
        var rows = connection.Query<(string? Path, long Repeat, long Conversions, long Revenue, long NonConversions, long Cost)>(
            $"""
            {Journeys(label)}
            SELECT path, repeat, SUM(converted), SUM(revenue), SUM(1 - converted), SUM(cost)
            FROM journeys
            GROUP BY path, repeat
            """,
            new { from, to, lookback, sep = Separator.ToString() });
        return ToPaths(rows.Select(r => (r.Repeat == 1 && r.Path is not null ? ReturningCustomer + Separator + r.Path : r.Path,
            r.Conversions, r.Revenue, r.NonConversions, r.Cost)));
    }

    /// <summary>
    /// The same aggregation split by month in one pass: a converting journey belongs to the month of its conversion, a
    /// non-converting one to the month of its last touch (UTC months).
    /// </summary>
    public IReadOnlyDictionary<YearMonth, JourneyPaths> PathsByMonth(JourneyQuery query)
    {
        using var connection = store.OpenConnection();
        var (from, to, lookback) = Bounds(query);
        var label = LabelExpression(query.Label);
        var rows = connection.Query<(string Month, string? Path, long Conversions, long Revenue, long NonConversions, long Cost)>(
            $"""
            {Journeys(label)}
            SELECT strftime('%Y-%m', at / 1000, 'unixepoch') AS month, path, SUM(converted), SUM(revenue), SUM(1 - converted), SUM(cost)
            FROM journeys
            GROUP BY month, path
            """,
            new { from, to, lookback, sep = Separator.ToString() });
        return rows.GroupBy(r => r.Month, StringComparer.Ordinal)
            .ToDictionary(
                g => YearMonth.TryParse(g.Key, out var month) ? month : throw new InvalidOperationException("bad month " + g.Key),
                g => ToPaths(g.Select(r => (r.Path, r.Conversions, r.Revenue, r.NonConversions, r.Cost))));
    }

    /// <summary>
    /// Converting journeys with each touch's age at the conversion (rounded to the hour), for time decay. With
    /// <paramref name="productCost"/>, each path carries its conversions' product cost in place of their revenue.
    /// </summary>
    public IReadOnlyList<TimedPath> TimedPaths(JourneyQuery query, bool productCost = false)
    {
        using var connection = store.OpenConnection();
        var (from, to, lookback) = Bounds(query);
        var label = LabelExpression(query.Label);
        var rows = connection.Query<(string Path, long Conversions, long Revenue)>(
            $"""
            {Journeys(label + AgeInHours)}
            SELECT path, SUM(converted), SUM({(productCost ? "cost" : "revenue")})
            FROM journeys
            WHERE converted = 1 AND path IS NOT NULL
            GROUP BY path
            """,
            new { from, to, lookback, sep = Separator.ToString() });
        return rows.Select(r => new TimedPath(
                r.Path.Split(Separator).Select(t =>
                {
                    var at = t.LastIndexOf('\u001E');
                    return new TimedTouch(t[..at], long.Parse(t[(at + 1)..], CultureInfo.InvariantCulture) / 24.0);
                }).ToList(),
                r.Conversions,
                Money.FromStore(r.Revenue)))
            .ToList();
    }

    private static (long? From, long? To, long Lookback) Bounds(JourneyQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.LookbackDays);
        long? Millis(DateOnly? day, int addDays) => day is { } d
            ? new DateTimeOffset(d.AddDays(addDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()
            : null;
        return (Millis(query.From, 0), Millis(query.To, 1) - 1, query.LookbackDays * 86_400_000L);
    }

    private static string LabelExpression(JourneyLabel label) => label == JourneyLabel.Channel
        ? "ch.name"
        : $"COALESCE(e.campaign, '{NoCampaign}')";

    // Inside the aggregations, e is a row of touches: its conv_ts is the conversion it leads to.
    private const string AgeInHours = " || char(30) || CAST(ROUND((e.conv_ts - e.ts) / 3600000.0) AS INTEGER)";

    /// <summary>
    /// A CTE named <c>journeys</c> with one row per journey: path (labels joined by the separator in time order, null for a
    /// conversion without touches), converted (0 or 1), revenue and product cost (stored units), conv_ts.
    /// </summary>
    private static string Journeys(string label) =>
        $"""
        WITH events AS (
            SELECT user_id, ts, 0 AS kind, channel_id, campaign, 0 AS revenue, 0 AS cost
            FROM touchpoints
            WHERE (@from IS NULL OR ts >= @from - @lookback) AND (@to IS NULL OR ts <= @to)
            UNION ALL
            SELECT user_id, ts, 1, NULL, NULL, revenue, COALESCE(cost, 0)
            FROM conversions
            WHERE (@from IS NULL OR ts >= @from - @lookback) AND (@to IS NULL OR ts <= @to + @lookback)
        ),
        ordered AS (
            -- segment = conversions before the row; touches sort before a conversion at the same instant, so the
            -- conversion with segment s is the one that closes segment s.
            SELECT e.*, SUM(kind) OVER (PARTITION BY user_id ORDER BY ts, kind ROWS UNBOUNDED PRECEDING) - kind AS segment
            FROM events e
        ),
        closing AS (
            SELECT user_id, segment, ts AS conv_ts FROM ordered WHERE kind = 1
        ),
        touches AS (
            SELECT o.user_id, o.segment, o.ts, o.channel_id, o.campaign,
                   CASE WHEN c.conv_ts IS NOT NULL AND c.conv_ts - o.ts <= @lookback THEN 1 ELSE 0 END AS converting,
                   c.conv_ts
            FROM ordered o LEFT JOIN closing c ON c.user_id = o.user_id AND c.segment = o.segment
            WHERE o.kind = 0
        ),
        journey_touches AS (
            SELECT e.user_id, e.segment, group_concat({label}, @sep ORDER BY e.ts) AS path
            FROM touches e JOIN channels ch ON ch.id = e.channel_id
            WHERE e.converting = 1
            GROUP BY e.user_id, e.segment
        ),
        converting AS (
            SELECT t.path, o.ts AS conv_ts, o.revenue, o.cost, o.segment > 0 AS repeat
            FROM ordered o
            LEFT JOIN journey_touches t ON t.user_id = o.user_id AND t.segment = o.segment
            WHERE o.kind = 1 AND (@from IS NULL OR o.ts >= @from) AND (@to IS NULL OR o.ts <= @to)
        ),
        journeys AS (
            SELECT path, 1 AS converted, revenue, cost, conv_ts, conv_ts AS at, repeat FROM converting
            UNION ALL
            SELECT group_concat({label}, @sep ORDER BY e.ts), 0, 0, 0, NULL, MAX(e.ts), e.segment > 0
            FROM touches e JOIN channels ch ON ch.id = e.channel_id
            WHERE e.converting = 0
            GROUP BY e.user_id, e.segment
            HAVING (@from IS NULL OR MAX(e.ts) >= @from)
        )
        """;
}
