namespace Mercato.Storage.Sqlite;

/// <summary>
/// The embedded store's cohort SQL (<see cref="Relational.RelationalCohortReader"/>): the acquisition channel is the
/// channel of the last touch at or before the first conversion within the lookback; SQLite's bare column of MAX takes the
/// first row at the last instant in the journey index's order, the lowest channel id.
/// </summary>
internal static class SqliteCohortSql
{
    public const string Acquired = """
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

    public const string MonthIndexOfConversion = "CAST(strftime('%Y', c.ts / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', c.ts / 1000, 'unixepoch') AS INTEGER)";
}
