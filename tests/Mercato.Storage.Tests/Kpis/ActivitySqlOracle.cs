using Dapper;
using Mercato.Core.Kpis;
using Mercato.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Tests.Kpis;

/// <summary>
/// The activity figures of a period as KpiQueries computed them in SQL before the one-pass <see cref="ActivityDays"/>
/// (commit f8de99e), kept word for word as the reference the pass must agree with: three scans of the activity table and
/// a temporary table of (user, local day) pairs per period.
/// </summary>
internal static class ActivitySqlOracle
{
    public static ActivityFigures? Figures(TestStore store, KpiPeriod period)
    {
        using var connection = (SqliteConnection)store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return Activity(connection, transaction, store.TimeZone, period);
    }

    private static ActivityFigures? Activity(SqliteConnection connection, SqliteTransaction transaction, TimeZoneInfo zone, KpiPeriod period)
    {
        var (min, max) = connection.QuerySingle<(long?, long?)>("SELECT MIN(ts), MAX(ts) FROM activity", transaction: transaction);
        if (min is null || max is null)
        {
            return null;
        }

        var local = new LocalDays(zone, period.From.AddDays(-29), period.To.AddDays(30));
        var firstDay = local.DayOf(min.Value);
        var lastDay = local.DayOf(max.Value);
        var p0 = local.StartOf(period.From);
        var p1 = local.StartOf(period.To.AddDays(1));
        var interactions = string.Join(", ", ActivityDays.InteractionEvents.Select(e => "'" + e + "'"));
        var counts = connection.QuerySingle<(long Rows, long Users, long Sessions, long Seconds, long Views, long Interactions, long Shares, long Installs, long Signups, long Posts)>(
            $"""
            SELECT COUNT(*), COUNT(DISTINCT user_id), COUNT(session_seconds), COALESCE(SUM(session_seconds), 0),
                   COALESCE(SUM(event = 'view'), 0), COALESCE(SUM(event IN ({interactions})), 0), COALESCE(SUM(event = 'share'), 0),
                   COALESCE(SUM(event = 'install'), 0), COALESCE(SUM(event = 'signup'), 0), COALESCE(SUM(event = 'post'), 0)
            FROM activity WHERE ts >= @p0 AND ts < @p1
            """,
            new { p0, p1 }, transaction);
        if (counts.Rows == 0)
        {
            return new ActivityFigures(0, firstDay, lastDay, 0, [], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var coveredFrom = period.From > firstDay ? period.From : firstDay;
        var coveredTo = period.To < lastDay ? period.To : lastDay;
        var cf = coveredFrom.DayNumber;
        var ct = coveredTo.DayNumber;
        var udFrom = Min(period.From.AddDays(-6), coveredTo.AddDays(-29));
        var udTo = Max(coveredTo, Min(period.To.AddDays(30), lastDay));
        var day = local.DayNumberSql("ts");
        connection.Execute("DROP TABLE IF EXISTS temp.kpi_user_days", transaction: transaction);
        try
        {
            connection.Execute(
                $"""
                CREATE TEMP TABLE kpi_user_days AS
                    SELECT DISTINCT user_id, {day} AS day FROM activity WHERE ts >= @a AND ts < @b;
                CREATE INDEX temp.kpi_user_days_user_day ON kpi_user_days (user_id, day);
                """,
                new { a = local.StartOf(udFrom), b = local.StartOf(udTo.AddDays(1)) }, transaction);
            var active = connection.QuerySingle<(long UserDays, long Monthly, long WeeklySum)>(
                """
                SELECT (SELECT COUNT(*) FROM kpi_user_days WHERE day BETWEEN @cf AND @ct),
                       (SELECT COUNT(DISTINCT user_id) FROM kpi_user_days WHERE day BETWEEN @ct - 29 AND @ct),
                       (SELECT COUNT(*) FROM (
                            SELECT DISTINCT u.user_id, u.day + k.k AS t
                            FROM kpi_user_days u
                            JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                  UNION ALL SELECT 5 UNION ALL SELECT 6) k
                            WHERE u.day BETWEEN @cf - 6 AND @ct AND u.day + k.k BETWEEN @cf AND @ct))
                """,
                new { cf, ct }, transaction);
            var firstDayOf = local.DayNumberSql("f");
            var cohorts = connection.Query<(long Day, long Users, long D1, long D7, long D30)>(
                    $"""
                    WITH firsts AS (
                        SELECT user_id, MIN(ts) AS f FROM activity WHERE event IN ('signup', 'install') GROUP BY user_id
                    ),
                    cohort AS (
                        SELECT user_id, {firstDayOf} AS d FROM firsts WHERE f >= @p0 AND f < @p1
                    )
                    SELECT c.d, COUNT(*),
                           SUM(EXISTS (SELECT 1 FROM kpi_user_days u WHERE u.user_id = c.user_id AND u.day = c.d + 1)),
                           SUM(EXISTS (SELECT 1 FROM kpi_user_days u WHERE u.user_id = c.user_id AND u.day = c.d + 7)),
                           SUM(EXISTS (SELECT 1 FROM kpi_user_days u WHERE u.user_id = c.user_id AND u.day = c.d + 30))
                    FROM cohort c GROUP BY c.d ORDER BY c.d
                    """,
                    new { p0, p1 }, transaction)
                .Select(r => new RetentionCohort(DateOnly.FromDayNumber((int)r.Day), r.Users, r.D1, r.D7, r.D30))
                .ToList();
            var published = connection.ExecuteScalar<long>(
                """
                SELECT COUNT(DISTINCT content_id) FROM activity
                WHERE ts >= @p0 AND ts < @p1 AND content_id IS NOT NULL
                  AND content_id NOT IN (SELECT content_id FROM activity WHERE ts < @p0 AND content_id IS NOT NULL)
                """,
                new { p0, p1 }, transaction);
            return new ActivityFigures(counts.Rows, firstDay, lastDay, counts.Users, cohorts, ct - cf + 1, active.UserDays,
                active.WeeklySum, active.Monthly, counts.Sessions, counts.Seconds, published, counts.Views, counts.Interactions,
                counts.Shares, counts.Installs, counts.Signups, counts.Posts);
        }
        finally
        {
            connection.Execute("DROP TABLE IF EXISTS temp.kpi_user_days", transaction: transaction);
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
