using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement.Cohorts;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Measurement;

/// <summary>Acquisition cohorts, aggregated in the store.</summary>
/// <param name="Sizes">Users per cohort month and acquisition channel.</param>
/// <param name="Profits">Gross profit per cohort, channel and months since acquisition.</param>
public sealed record CohortData(IReadOnlyList<CohortSize> Sizes, IReadOnlyList<CohortProfit> Profits);

/// <summary>
/// Acquisition cohorts: a user is acquired by their first conversion held in the store; the cohort is that conversion's
/// month (UTC) and the acquisition channel is the channel of the last touch before it within the lookback window
/// (<see cref="NoTouch"/> when there is none). Gross profit is revenue − product cost of every conversion of the user,
/// by calendar months since the cohort month (0 is the cohort month itself).
/// </summary>
public sealed class CohortQueries(MercatoStore store)
{
    /// <summary>The acquisition channel of users whose first conversion had no touch in its lookback window.</summary>
    public const string NoTouch = "(no touch)";

    /// <summary>Cohort sizes and gross profit by month offset.</summary>
    public CohortData Cohorts(int lookbackDays = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookbackDays);
        using var connection = store.OpenConnection();
        var parameters = new { lookback = lookbackDays * 86_400_000L, noTouch = NoTouch };
        const string Acquired = """
            WITH firsts AS (
                SELECT user_id, MIN(ts) AS first_ts FROM conversions GROUP BY user_id
            ),
            last_touch AS (
                -- SQLite returns the bare channel_id of the row holding MAX(t.ts): the last touch before the first order.
                SELECT f.user_id, t.channel_id, MAX(t.ts)
                FROM firsts f JOIN touchpoints t ON t.user_id = f.user_id AND t.ts <= f.first_ts AND t.ts >= f.first_ts - @lookback
                GROUP BY f.user_id
            ),
            acquired AS (
                SELECT f.user_id, f.first_ts,
                       CAST(strftime('%Y', f.first_ts / 1000, 'unixepoch') AS INTEGER) * 12
                         + CAST(strftime('%m', f.first_ts / 1000, 'unixepoch') AS INTEGER) AS cohort_index,
                       strftime('%Y-%m', f.first_ts / 1000, 'unixepoch') AS cohort,
                       COALESCE((SELECT name FROM channels c WHERE c.id = l.channel_id), @noTouch) AS channel
                FROM firsts f LEFT JOIN last_touch l ON l.user_id = f.user_id
            )
            """;
        var sizes = connection.Query<(string Cohort, string Channel, long Users)>(
                Acquired + "SELECT cohort, channel, COUNT(*) FROM acquired GROUP BY cohort, channel ORDER BY cohort, channel", parameters)
            .Select(r => new CohortSize(Month(r.Cohort), r.Channel, r.Users))
            .ToList();
        var profits = connection.Query<(string Cohort, string Channel, long Offset, long Profit)>(
                Acquired + """
                    SELECT a.cohort, a.channel,
                           CAST(strftime('%Y', c.ts / 1000, 'unixepoch') AS INTEGER) * 12
                             + CAST(strftime('%m', c.ts / 1000, 'unixepoch') AS INTEGER) - a.cohort_index AS offset,
                           SUM(c.revenue - COALESCE(c.cost, 0))
                    FROM conversions c JOIN acquired a ON a.user_id = c.user_id
                    GROUP BY a.cohort, a.channel, offset
                    ORDER BY a.cohort, a.channel, offset
                    """,
                parameters)
            .Select(r => new CohortProfit(Month(r.Cohort), r.Channel, (int)r.Offset, Money.FromStore(r.Profit)))
            .ToList();
        return new CohortData(sizes, profits);
    }

    private static YearMonth Month(string text) =>
        YearMonth.TryParse(text, out var month) ? month : throw new InvalidOperationException("stored month is malformed: " + text);
}
