using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Measurement;

/// <summary>Media spend, impressions and clicks of one channel in one month.</summary>
public sealed record ChannelMonthSpend(string Channel, YearMonth Month, decimal Spend, long Impressions, long Clicks);

/// <summary>Non-media costs of one month: per channel, or department-wide when <see cref="Channel"/> is null.</summary>
public sealed record MonthCost(YearMonth Month, string? Channel, decimal Amount);

/// <summary>
/// The inputs of ROI that the store sums directly (GROUP BY month and channel): spend and non-media costs. Attributed
/// conversions and revenue come from the journey paths and the attribution models.
/// </summary>
public sealed class MeasurementQueries(MercatoStore store)
{
    /// <summary>Spend per channel and month (months of UTC days) in [from, to].</summary>
    public IReadOnlyList<ChannelMonthSpend> Spend(YearMonth? from = null, YearMonth? to = null)
    {
        using var connection = store.OpenConnection();
        return connection.Query<(string Channel, string Month, long Spend, long Impressions, long Clicks)>(
                """
                SELECT c.name, substr(s.day, 1, 7) AS month, SUM(s.spend), COALESCE(SUM(s.impressions), 0), COALESCE(SUM(s.clicks), 0)
                FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE (@from IS NULL OR substr(s.day, 1, 7) >= @from) AND (@to IS NULL OR substr(s.day, 1, 7) <= @to)
                GROUP BY c.name, month
                ORDER BY month, c.name
                """,
                new { from = from?.ToString(), to = to?.ToString() })
            .Select(r => new ChannelMonthSpend(r.Channel, Month(r.Month), Money.FromStore(r.Spend), r.Impressions, r.Clicks))
            .ToList();
    }

    /// <summary>Non-media costs per month and channel (null channel: department-wide) in [from, to].</summary>
    public IReadOnlyList<MonthCost> Costs(YearMonth? from = null, YearMonth? to = null)
    {
        using var connection = store.OpenConnection();
        return connection.Query<(string Month, string? Channel, long Amount)>(
                """
                SELECT k.month, c.name, SUM(k.amount)
                FROM costs k LEFT JOIN channels c ON c.id = k.channel_id
                WHERE (@from IS NULL OR k.month >= @from) AND (@to IS NULL OR k.month <= @to)
                GROUP BY k.month, c.name
                ORDER BY k.month, c.name
                """,
                new { from = from?.ToString(), to = to?.ToString() })
            .Select(r => new MonthCost(Month(r.Month), r.Channel, Money.FromStore(r.Amount)))
            .ToList();
    }

    /// <summary>The months that hold conversions, spend or costs, oldest first.</summary>
    public IReadOnlyList<YearMonth> Months()
    {
        using var connection = store.OpenConnection();
        return connection.Query<string>(
                """
                SELECT DISTINCT substr(day, 1, 7) FROM spend
                UNION SELECT DISTINCT month FROM costs
                UNION SELECT DISTINCT strftime('%Y-%m', ts / 1000, 'unixepoch') FROM conversions
                ORDER BY 1
                """)
            .Select(Month)
            .ToList();
    }

    private static YearMonth Month(string text) =>
        YearMonth.TryParse(text, out var month) ? month : throw new InvalidOperationException("stored month is malformed: " + text);
}
