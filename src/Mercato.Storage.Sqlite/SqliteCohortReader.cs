using Dapper;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Cohorts;
using Mercato.Storage.Relational;

namespace Mercato.Storage.Sqlite;

/// <summary>
/// Acquisition cohorts: a user is acquired by their first conversion held in the store; the cohort is that conversion's
/// month (UTC) and the acquisition channel is the channel of the last touch before it within the lookback window
/// (<see cref="CohortLabels.NoTouch"/> when there is none; SQLite's bare column of MAX takes the first row at the last instant in the journey index's order, the lowest channel id). Gross profit is revenue − product cost of every conversion of the user,
/// by calendar months since the cohort month (0 is the cohort month itself).
/// </summary>
internal sealed class SqliteCohortReader(SqliteStore store) : ICohortReader
{
    /// <summary>Cohort sizes and gross profit by month offset.</summary>
    public async Task<CohortData> CohortsAsync(int lookbackDays, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookbackDays);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var parameters = new { lookback = lookbackDays * 86_400_000L, noTouch = CohortLabels.NoTouch };
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
        var sizes = (await connection.QueryAsync<(string Cohort, string Channel, long Users)>(new CommandDefinition(
                Acquired + "SELECT cohort, channel, COUNT(*) FROM acquired GROUP BY cohort, channel ORDER BY cohort, channel", parameters, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new CohortSize(RelationalChannelMoney.Month(r.Cohort), r.Channel, r.Users))
            .ToList();
        var profits = (await connection.QueryAsync<(string Cohort, string Channel, long Offset, long Profit)>(new CommandDefinition(
                Acquired + """
                    SELECT a.cohort, a.channel,
                           CAST(strftime('%Y', c.ts / 1000, 'unixepoch') AS INTEGER) * 12
                             + CAST(strftime('%m', c.ts / 1000, 'unixepoch') AS INTEGER) - a.cohort_index AS offset,
                           SUM(c.revenue - COALESCE(c.cost, 0))
                    FROM conversions c JOIN acquired a ON a.user_id = c.user_id
                    GROUP BY a.cohort, a.channel, offset
                    ORDER BY a.cohort, a.channel, offset
                    """,
                parameters, tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new CohortProfit(RelationalChannelMoney.Month(r.Cohort), r.Channel, (int)r.Offset, StoredMoney.FromUnits(r.Profit)))
            .ToList();
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CohortData(sizes, profits);
    }
}
