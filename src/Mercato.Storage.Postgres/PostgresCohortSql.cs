namespace Mercato.Storage.Postgres;

/// <summary>
/// The server store's cohort SQL (<see cref="Relational.RelationalCohortReader"/>): the acquisition channel is the channel
/// of the last touch at or before the first conversion within the lookback; of two touches at that last instant, the one
/// with the lower channel id, as the embedded store picks it.
/// </summary>
internal static class PostgresCohortSql
{
    public const string Acquired = """
        WITH firsts AS (
            SELECT user_id, MIN(ts) AS first_ts FROM conversions GROUP BY user_id
        ),
        last_touch AS (
            SELECT DISTINCT ON (f.user_id) f.user_id, t.channel_id
            FROM firsts f JOIN touchpoints t ON t.user_id = f.user_id AND t.ts <= f.first_ts AND t.ts >= f.first_ts - @lookback
            ORDER BY f.user_id, t.ts DESC, t.channel_id
        ),
        acquired AS (
            SELECT f.user_id, f.first_ts,
                   (extract(year FROM to_timestamp(f.first_ts / 1000.0) AT TIME ZONE 'UTC') * 12
                     + extract(month FROM to_timestamp(f.first_ts / 1000.0) AT TIME ZONE 'UTC'))::bigint AS cohort_index,
                   to_char(to_timestamp(f.first_ts / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') AS cohort,
                   COALESCE((SELECT name FROM channels c WHERE c.id = l.channel_id), @noTouch) AS channel
            FROM firsts f LEFT JOIN last_touch l ON l.user_id = f.user_id
        )
        """;

    public const string MonthIndexOfConversion =
        "(extract(year FROM to_timestamp(c.ts / 1000.0) AT TIME ZONE 'UTC') * 12 + extract(month FROM to_timestamp(c.ts / 1000.0) AT TIME ZONE 'UTC'))::bigint";
}
