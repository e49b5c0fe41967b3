using System.Globalization;
using Dapper;
using Mercato.Core.Kpis;
using Mercato.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Kpis;

/// <summary>
/// Computes every catalog KPI for a period of local days in the workspace time zone. The store does the counting (one
/// aggregate query per calendar kind and period; activity per local day in one pass over all of it, see
/// <see cref="ActivityDays"/>); <see cref="KpiCalculator"/> finishes. All reads of one call run in one transaction, so the
/// figures come from one state of the data. The activity days and the figures of each period are kept until the data or
/// the workspace time zone changes. Formulas: docs/kpis.md.
/// </summary>
public sealed class KpiQueries(MercatoStore store)
{
    private const int CachedPeriods = 64;

    private readonly Lock _cacheLock = new();
    private readonly Dictionary<(DateOnly, DateOnly), KpiFigures> _cache = [];
    private string? _cacheVersion;

    /// <summary>Held while the activity days are read, so that concurrent callers read them once.</summary>
    private readonly Lock _activityLock = new();
    private (string Version, ActivityDays? Days)? _activity;

    /// <summary>Events that count as interactions with content.</summary>
    public static IReadOnlyList<string> InteractionEvents { get; } = ["like", "comment", "share", "favorite"];

    /// <summary>Every catalog KPI for <paramref name="period"/>, with inputs, or with the reason a value is missing.</summary>
    public KpiReport Compute(KpiPeriod period) => KpiCalculator.Compute(Figures(period));

    /// <summary>Every catalog KPI for each of <paramref name="periods"/>, in their order, from one state of the data.</summary>
    public IReadOnlyList<KpiReport> Compute(IReadOnlyList<KpiPeriod> periods) => Figures(periods).Select(KpiCalculator.Compute).ToList();

    /// <summary>What the store sums for <paramref name="period"/>: the inputs of the KPI formulas.</summary>
    public KpiFigures Figures(KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Figures([period])[0];
    }

    /// <summary>What the store sums for each of <paramref name="periods"/>, in their order, from one state of the data.</summary>
    public IReadOnlyList<KpiFigures> Figures(IReadOnlyList<KpiPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Any(p => p is null))
        {
            throw new ArgumentException("A period is null.", nameof(periods));
        }

        var zone = store.TimeZone;
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = MercatoStore.DataVersion(connection) + "|" + zone.Id;
        var result = new KpiFigures?[periods.Count];
        lock (_cacheLock)
        {
            if (_cacheVersion != version)
            {
                _cache.Clear();
                _cacheVersion = version;
            }

            for (var i = 0; i < periods.Count; i++)
            {
                result[i] = _cache.GetValueOrDefault((periods[i].From, periods[i].To));
            }
        }

        if (result.Any(f => f is null))
        {
            var activity = Activity(connection, zone, version);
            var computed = new Dictionary<(DateOnly, DateOnly), KpiFigures>();
            for (var i = 0; i < periods.Count; i++)
            {
                var period = periods[i];
                if (result[i] is not null || computed.TryGetValue((period.From, period.To), out result[i]))
                {
                    continue;
                }

                var days = new { from = Day(period.From), to = Day(period.To) };
                result[i] = computed[(period.From, period.To)] = new KpiFigures(
                    period,
                    zone.Id,
                    activity?.Figures(period),
                    Social(connection, transaction, days),
                    AppStore(connection, transaction, days),
                    Store(connection, transaction, days),
                    Spend(connection, transaction, days),
                    Conversions(connection, transaction, zone, period));
            }
        }

        transaction.Commit();
        lock (_cacheLock)
        {
            if (_cacheVersion == version)
            {
                foreach (var figures in result)
                {
                    if (_cache.Count >= CachedPeriods)
                    {
                        _cache.Clear();
                    }

                    _cache.TryAdd((figures!.Period.From, figures.Period.To), figures);
                }
            }
        }

        return result!;
    }

    /// <summary>The activity days of this state of the data (the caller's transaction), read once per data version and zone.</summary>
    private ActivityDays? Activity(SqliteConnection connection, TimeZoneInfo zone, string version)
    {
        lock (_activityLock)
        {
            if (_activity is not { } kept || kept.Version != version)
            {
                _activity = (version, ActivityDays.Read(connection, zone));
            }

            return _activity.Value.Days;
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
}
