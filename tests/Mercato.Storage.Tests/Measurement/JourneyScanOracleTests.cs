using System.Globalization;
using System.Text;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Measurement;

/// <summary>
/// The journey scan against an independent definition of the same rules: the window-function SQL Mercato used before
/// the ordered scan (segment = conversions before the row, a join on the closing conversion, GROUP BY path). Same data,
/// same queries, the same distinct paths and counts. Only the returning-customer flag may differ when a From bound hides
/// a user's earlier conversions from the SQL, so that view is compared unbounded.
/// </summary>
public class JourneyScanOracleTests() : StoreTest(StoreProvider.Sqlite)
{
    private static readonly string[] Channels = ["search", "email", "kol", "direct", "social"];
    private static readonly string?[] Campaigns = ["spring", "autumn", null];

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 7)]
    [InlineData(3, 1)]
    public void Paths_MatchTheSqlDefinition(int seed, int lookbackDays)
    {
        Seed(seed);
        var queries = new JourneyQueries(Store);
        foreach (var query in QuerySet(lookbackDays))
        {
            Assert.Equal(OracleRows(query, repeatFlag: false), Rows(queries.Paths(query)));
        }

        var unbounded = new JourneyQuery(LookbackDays: lookbackDays);
        Assert.Equal(OracleRows(unbounded, repeatFlag: true), Rows(queries.PathsMarkingReturningCustomers(unbounded)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void PathsByMonth_MatchTheSqlDefinition(int seed)
    {
        Seed(seed);
        var query = new JourneyQuery(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31));
        var byMonth = new JourneyQueries(Store).PathsByMonth(query);
        var oracle = Oracle(query, "strftime('%Y-%m', at / 1000, 'unixepoch')", repeatFlag: false)
            .GroupBy(r => r.Group)
            .ToDictionary(g => g.Key, g => Sorted(g.Select(r => r with { Group = "" })));
        Assert.Equal(oracle.Keys.Order(), byMonth.Keys.Select(m => m.ToString()).Order());
        foreach (var (month, paths) in byMonth)
        {
            Assert.Equal(oracle[month.ToString()], Rows(paths));
        }
    }

    private static IEnumerable<JourneyQuery> QuerySet(int lookbackDays) =>
    [
        new(LookbackDays: lookbackDays),
        new(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), lookbackDays),
        new(null, new DateOnly(2026, 2, 14), lookbackDays),
        new(new DateOnly(2026, 3, 10), null, lookbackDays),
        new(LookbackDays: lookbackDays, Label: JourneyLabel.Campaign),
        new(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 15), lookbackDays, JourneyLabel.Campaign),
    ];

    /// <summary>
    /// 300 users over Jan-Apr 2026 with 0-12 touches and 0-3 conversions each; some touches share a conversion's
    /// instant, some conversions share an instant; touches of one user never share an instant (their order would be
    /// arbitrary in the SQL).
    /// </summary>
    private void Seed(int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var touches = new StringBuilder("user_id,timestamp,channel,campaign\n");
        var conversions = new StringBuilder("conversion_id,user_id,timestamp,revenue,cost\n");
        var conversionId = 0;
        for (var u = 0; u < 300; u++)
        {
            var user = "user-" + u.ToString("D3", CultureInfo.InvariantCulture);
            var used = new HashSet<long>();
            var convTimes = new List<DateTimeOffset>();
            for (var c = random.Next(4); c > 0; c--)
            {
                var at = start.AddHours(random.Next(24 * 118));
                convTimes.Add(at);
                var cost = random.Next(3) == 0 ? "" : random.Next(0, 50).ToString(CultureInfo.InvariantCulture);
                conversions.Append(CultureInfo.InvariantCulture, $"c{conversionId++},{user},{Iso(at)},{random.Next(1, 500)},{cost}\n");
                if (random.Next(8) == 0)
                {
                    conversions.Append(CultureInfo.InvariantCulture, $"c{conversionId++},{user},{Iso(at)},{random.Next(1, 500)},\n");
                }
            }

            for (var t = random.Next(13); t > 0; t--)
            {
                var at = convTimes.Count > 0 && random.Next(10) == 0 ? convTimes[random.Next(convTimes.Count)] : start.AddHours(random.Next(24 * 118));
                if (!used.Add(at.ToUnixTimeMilliseconds()))
                {
                    continue;
                }

                touches.Append(CultureInfo.InvariantCulture, $"{user},{Iso(at)},{Channels[random.Next(Channels.Length)]},{Campaigns[random.Next(Campaigns.Length)]}\n");
            }
        }

        Assert.Equal(Mercato.Core.DataCenter.ImportStatus.Committed, ImportCsv(DataKinds.Touchpoints, touches.ToString()).Status);
        Assert.Equal(Mercato.Core.DataCenter.ImportStatus.Committed, ImportCsv(DataKinds.Conversions, conversions.ToString()).Status);
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Row(string Group, string Path, long Conversions, long Revenue, long NonConversions, long Cost);

    private static List<Row> Rows(JourneyPaths paths) => Sorted(
        paths.Paths.Select((p, i) => new Row("", string.Join(">", p.Touches), p.Conversions, Stored(p.Revenue), p.NonConversions, Stored(paths.ProductCosts[i])))
            .Append(new Row("", "(none)", paths.ConversionsWithoutTouches, Stored(paths.RevenueWithoutTouches), 0, 0)));

    private static long Stored(decimal amount) => (long)(amount * 10_000m);

    private static List<Row> Sorted(IEnumerable<Row> rows) =>
        rows.Where(r => r.Path != "(none)" || r.Conversions > 0)
            .Select(r => r.Path == "(none)" ? r with { Cost = 0 } : r) // JourneyPaths carries no product cost for conversions without touches
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();

    private List<Row> OracleRows(JourneyQuery query, bool repeatFlag) =>
        Sorted(Oracle(query, "''", repeatFlag).GroupBy(r => r.Path).Select(g => g.Aggregate((a, b) =>
            a with { Conversions = a.Conversions + b.Conversions, Revenue = a.Revenue + b.Revenue, NonConversions = a.NonConversions + b.NonConversions, Cost = a.Cost + b.Cost })));

    private List<Row> Oracle(JourneyQuery query, string group, bool repeatFlag)
    {
        long? Millis(DateOnly? day, int addDays) => day is { } d
            ? new DateTimeOffset(d.AddDays(addDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()
            : null;
        var label = query.Label == JourneyLabel.Channel ? "ch.name" : $"COALESCE(e.campaign, '{JourneyLabels.NoCampaign}')";
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Store.DatabasePath);
        connection.Open();
        var rows = connection.Query<(string Grp, string? Path, long Repeat, long Conversions, long Revenue, long NonConversions, long Cost)>(
            $"""
            {Journeys(label)}
            SELECT {group} AS grp, path, {(repeatFlag ? "repeat" : "0")} AS rep, SUM(converted), SUM(revenue), SUM(1 - converted), SUM(cost)
            FROM journeys
            GROUP BY grp, path, rep
            """,
            new { from = Millis(query.From, 0), to = Millis(query.To, 1) - 1, lookback = query.LookbackDays * 86_400_000L, sep = ">" });
        return rows.Select(r => new Row(
                r.Grp,
                r.Path is null ? "(none)" : (r.Repeat == 1 ? JourneyLabels.ReturningCustomer + ">" : "") + r.Path,
                r.Conversions, r.Revenue, r.NonConversions, r.Cost))
            .ToList();
    }

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
