using System.Globalization;
using Dapper;
using Mercato.Core.Kpis;
using Mercato.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Kpis;

/// <summary>
/// Computes every catalog KPI for a period of local days in the workspace time zone. The store does the counting (one
/// aggregate query per kind, plus user-days for the active-user and retention figures); <see cref="KpiCalculator"/>
/// finishes. All reads run in one transaction, so the figures come from one state of the data. Figures are kept per
/// period until the data or the workspace time zone changes. Formulas: docs/kpis.md.
/// </summary>
public sealed class KpiQueries(MercatoStore store)
{
    private const int CachedPeriods = 64;

    private readonly Lock _cacheLock = new();
    private readonly Dictionary<(DateOnly, DateOnly), KpiFigures> _cache = [];
    private string? _cacheVersion;

    /// <summary>Events that count as interactions with content.</summary>
    public static IReadOnlyList<string> InteractionEvents { get; } = ["like", "comment", "share", "favorite"];

    /// <summary>Every catalog KPI for <paramref name="period"/>, with inputs, or with the reason a value is missing.</summary>
    public KpiReport Compute(KpiPeriod period) => KpiCalculator.Compute(Figures(period));

    /// <summary>What the store sums for <paramref name="period"/>: the inputs of the KPI formulas.</summary>
    public KpiFigures Figures(KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var zone = store.TimeZone;
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = MercatoStore.DataVersion(connection) + "|" + zone.Id;
        lock (_cacheLock)
        {
            if (_cacheVersion != version)
            {
                _cache.Clear();
                _cacheVersion = version;
            }
            else if (_cache.TryGetValue((period.From, period.To), out var cached))
            {
                return cached;
            }
        }

        var days = new { from = Day(period.From), to = Day(period.To) };
        var figures = new KpiFigures(
            period,
            zone.Id,
            Activity(connection, transaction, zone, period),
            Social(connection, transaction, days),
            AppStore(connection, transaction, days),
            Store(connection, transaction, days),
            Spend(connection, transaction, days),
            Conversions(connection, transaction, zone, period));
        transaction.Commit();
        lock (_cacheLock)
        {
            if (_cacheVersion == version)
            {
                if (_cache.Count >= CachedPeriods)
                {
                    _cache.Clear();
                }

                _cache[(period.From, period.To)] = figures;
            }
        }

        return figures;
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
        var interactions = string.Join(", ", InteractionEvents.Select(e => "'" + e + "'"));
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

        // Who was active on which local day, from the first day any active-user window reaches back to, to the last day
        // a retention day of the period's cohorts reaches (bounded by the data).
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

    private static SocialFigures? Social(SqliteConnection connection, SqliteTransaction transaction, object days)
    {
        if (!Holds(connection, transaction, "social"))
        {
            return null;
        }

        var (rows, reads, interactions) = connection.QuerySingle<(long, long?, long?)>(
            "SELECT COUNT(*), SUM(reads), SUM(interactions) FROM social WHERE day BETWEEN @from AND @to", days, transaction);
        var accounts = connection.Query<(string Platform, string Account, long? End, long? Before)>(
                """
                SELECT a.platform, a.account,
                       (SELECT s.followers FROM social s
                        WHERE s.platform = a.platform AND s.account = a.account AND s.followers IS NOT NULL AND s.day <= @to
                        ORDER BY s.day DESC LIMIT 1),
                       COALESCE(
                           (SELECT s.followers FROM social s
                            WHERE s.platform = a.platform AND s.account = a.account AND s.followers IS NOT NULL AND s.day < @from
                            ORDER BY s.day DESC LIMIT 1),
                           (SELECT s.followers FROM social s
                            WHERE s.platform = a.platform AND s.account = a.account AND s.followers IS NOT NULL
                              AND s.day BETWEEN @from AND @to
                            ORDER BY s.day LIMIT 1))
                FROM (SELECT DISTINCT platform, account FROM social) a
                ORDER BY a.platform, a.account
                """,
                days, transaction)
            .Where(a => a.End is not null && a.Before is not null)
            .Select(a => new AccountFollowers(a.Platform, a.Account, a.Before!.Value, a.End!.Value))
            .ToList();
        return new SocialFigures(rows, reads, interactions, accounts);
    }

    private static AppStoreFigures? AppStore(SqliteConnection connection, SqliteTransaction transaction, object days)
    {
        if (!Holds(connection, transaction, "appstore"))
        {
            return null;
        }

        var r = connection.QuerySingle<(long Rows, long? Impressions, long? Installs, long? InstallsShown)>(
            """
            SELECT COUNT(*), SUM(impressions), SUM(installs), SUM(CASE WHEN impressions IS NOT NULL THEN installs END)
            FROM appstore WHERE day BETWEEN @from AND @to
            """,
            days, transaction);
        return new AppStoreFigures(r.Rows, r.Impressions, r.Installs ?? 0, r.InstallsShown ?? 0);
    }

    private static StoreSalesFigures? Store(SqliteConnection connection, SqliteTransaction transaction, object days)
    {
        if (!Holds(connection, transaction, "store"))
        {
            return null;
        }

        var r = connection.QuerySingle<(long Rows, long? Orders, long? Gmv, long? Visitors, long? OrdersSeen)>(
            """
            SELECT COUNT(*), SUM(orders), SUM(gmv), SUM(visitors), SUM(CASE WHEN visitors IS NOT NULL THEN orders END)
            FROM store WHERE day BETWEEN @from AND @to
            """,
            days, transaction);
        return new StoreSalesFigures(r.Rows, r.Orders ?? 0, Money.FromStore(r.Gmv ?? 0), r.Visitors, r.OrdersSeen ?? 0);
    }

    private static SpendFigures? Spend(SqliteConnection connection, SqliteTransaction transaction, object days)
    {
        if (!Holds(connection, transaction, "spend"))
        {
            return null;
        }

        var r = connection.QuerySingle<(long Rows, long? Spend, long? Impressions, long? Clicks)>(
            "SELECT COUNT(*), SUM(spend), SUM(impressions), SUM(clicks) FROM spend WHERE day BETWEEN @from AND @to", days, transaction);
        return new SpendFigures(r.Rows, Money.FromStore(r.Spend ?? 0), r.Impressions, r.Clicks);
    }

    private static ConversionFigures? Conversions(SqliteConnection connection, SqliteTransaction transaction, TimeZoneInfo zone, KpiPeriod period)
    {
        if (!Holds(connection, transaction, "conversions"))
        {
            return null;
        }

        var local = new LocalDays(zone, period.From, period.To);
        return new ConversionFigures(connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM conversions WHERE ts >= @p0 AND ts < @p1",
            new { p0 = local.StartOf(period.From), p1 = local.StartOf(period.To.AddDays(1)) }, transaction));
    }

    private static bool Holds(SqliteConnection connection, SqliteTransaction transaction, string table) =>
        connection.ExecuteScalar<long>($"SELECT EXISTS (SELECT 1 FROM {table})", transaction: transaction) == 1;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
