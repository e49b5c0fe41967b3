using System.Data.Common;
using System.Globalization;
using Dapper;
using Mercato.Core.Kpis;

namespace Mercato.Storage.Relational;

/// <summary>
/// What the store sums for every catalog KPI over periods of local days in the workspace time zone: one aggregate query
/// per calendar kind and period, and activity per local day from one pass over all of it (<see cref="ActivityDays"/>).
/// All reads of one call run in one snapshot, so the figures come from one state of the data. The activity days and the
/// figures of each period are kept until the data or the zone changes. Formulas: docs/kpis.md.
/// </summary>
internal sealed class RelationalKpiReader(RelationalStore store) : IKpiReader
{
    private const int CachedPeriods = 64;

    private readonly Lock _cacheLock = new();
    private readonly Dictionary<(DateOnly, DateOnly), KpiFigures> _cache = [];
    private string? _cacheVersion;

    /// <summary>Held while the activity days are read, so that concurrent callers read them once.</summary>
    private readonly SemaphoreSlim _activityLock = new(1, 1);
    private (string Version, ActivityDays? Days)? _activity;

    public async Task<IReadOnlyList<KpiFigures>> FiguresAsync(IReadOnlyList<KpiPeriod> periods, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(zone);
        if (periods.Any(p => p is null))
        {
            throw new ArgumentException("A period is null.", nameof(periods));
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var version = await RelationalFactCatalog.DataVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) + "|" + zone.Id;
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
            var activity = await ActivityAsync(connection, transaction, zone, version, cancellationToken).ConfigureAwait(false);
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
                    await SocialAsync(connection, transaction, days, cancellationToken).ConfigureAwait(false),
                    await AppStoreAsync(connection, transaction, days, cancellationToken).ConfigureAwait(false),
                    await StoreAsync(connection, transaction, days, cancellationToken).ConfigureAwait(false),
                    await SpendAsync(connection, transaction, days, cancellationToken).ConfigureAwait(false),
                    await ConversionsAsync(connection, transaction, zone, period, cancellationToken).ConfigureAwait(false),
                    await MentionsAsync(connection, transaction, zone, period, cancellationToken).ConfigureAwait(false));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>The activity days of this state of the data (the caller's snapshot), read once per data version and zone.</summary>
    private async Task<ActivityDays?> ActivityAsync(
        DbConnection connection, DbTransaction transaction, TimeZoneInfo zone, string version, CancellationToken cancellationToken)
    {
        await _activityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_activity is not { } kept || kept.Version != version)
            {
                _activity = (version, store.ReadActivityDays(connection, transaction, zone));
            }

            return _activity.Value.Days;
        }
        finally
        {
            _activityLock.Release();
        }
    }

    private async Task<SocialFigures?> SocialAsync(DbConnection connection, DbTransaction transaction, object days, CancellationToken cancellationToken)
    {
        if (!await RelationalFactCatalog.HoldsAsync(connection, transaction, "social", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var d = store.Dialect;
        var (rows, reads, interactions) = await connection.QuerySingleAsync<(long, long?, long?)>(new CommandDefinition(
            $"SELECT COUNT(*), {d.Sum("reads")}, {d.Sum("interactions")} FROM social WHERE day BETWEEN @from AND @to", days, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var accounts = (await connection.QueryAsync<(string Platform, string Account, long? End, long? Before)>(new CommandDefinition(
                $"""
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
                ORDER BY {d.Bytewise("a.platform")}, {d.Bytewise("a.account")}
                """,
                days, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Where(a => a.End is not null && a.Before is not null)
            .Select(a => new AccountFollowers(a.Platform, a.Account, a.Before!.Value, a.End!.Value))
            .ToList();
        return new SocialFigures(rows, reads, interactions, accounts);
    }

    private async Task<AppStoreFigures?> AppStoreAsync(DbConnection connection, DbTransaction transaction, object days, CancellationToken cancellationToken)
    {
        if (!await RelationalFactCatalog.HoldsAsync(connection, transaction, "appstore", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var d = store.Dialect;
        var r = await connection.QuerySingleAsync<(long Rows, long? Impressions, long? Installs, long? InstallsShown)>(new CommandDefinition(
            $"""
            SELECT COUNT(*), {d.Sum("impressions")}, {d.Sum("installs")}, {d.Sum("CASE WHEN impressions IS NOT NULL THEN installs END")}
            FROM appstore WHERE day BETWEEN @from AND @to
            """,
            days, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new AppStoreFigures(r.Rows, r.Impressions, r.Installs ?? 0, r.InstallsShown ?? 0);
    }

    private async Task<StoreSalesFigures?> StoreAsync(DbConnection connection, DbTransaction transaction, object days, CancellationToken cancellationToken)
    {
        if (!await RelationalFactCatalog.HoldsAsync(connection, transaction, "store", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var d = store.Dialect;
        var r = await connection.QuerySingleAsync<(long Rows, long? Orders, long? Gmv, long? Visitors, long? OrdersSeen)>(new CommandDefinition(
            $"""
            SELECT COUNT(*), {d.Sum("orders")}, {d.Sum("gmv")}, {d.Sum("visitors")}, {d.Sum("CASE WHEN visitors IS NOT NULL THEN orders END")}
            FROM store WHERE day BETWEEN @from AND @to
            """,
            days, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StoreSalesFigures(r.Rows, r.Orders ?? 0, StoredMoney.FromUnits(r.Gmv ?? 0), r.Visitors, r.OrdersSeen ?? 0);
    }

    private async Task<SpendFigures?> SpendAsync(DbConnection connection, DbTransaction transaction, object days, CancellationToken cancellationToken)
    {
        if (!await RelationalFactCatalog.HoldsAsync(connection, transaction, "spend", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var d = store.Dialect;
        var r = await connection.QuerySingleAsync<(long Rows, long? Spend, long? Impressions, long? Clicks)>(new CommandDefinition(
            $"SELECT COUNT(*), {d.Sum("spend")}, {d.Sum("impressions")}, {d.Sum("clicks")} FROM spend WHERE day BETWEEN @from AND @to", days, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new SpendFigures(r.Rows, StoredMoney.FromUnits(r.Spend ?? 0), r.Impressions, r.Clicks);
    }

    private async Task<MentionFigures?> MentionsAsync(
        DbConnection connection, DbTransaction transaction, TimeZoneInfo zone, KpiPeriod period, CancellationToken cancellationToken)
    {
        if (!await RelationalFactCatalog.HoldsAsync(connection, transaction, "mentions", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var d = store.Dialect;
        var (first, end) = LocalTime.Bounds(new DateRange(period.From, period.To), zone);
        var r = await connection.QuerySingleAsync<(long Rows, long? Scored, long? Negative, long? Reach)>(new CommandDefinition(
            $"""
            SELECT COUNT(*), {d.Sum("CASE WHEN label <> 'not_scored' THEN 1 ELSE 0 END")}, {d.Sum("CASE WHEN label = 'negative' THEN 1 ELSE 0 END")},
                   {d.Sum("COALESCE(reach, 0)")}
            FROM mentions WHERE ts >= @p0 AND ts < @p1
            """, new { p0 = first, p1 = end }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var terms = await connection.QueryAsync<(string Terms, long Mentions)>(new CommandDefinition(
            "SELECT terms, COUNT(*) FROM mentions WHERE ts >= @p0 AND ts < @p1 AND terms <> '' GROUP BY terms ORDER BY terms",
            new { p0 = first, p1 = end }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new MentionFigures(r.Rows, r.Scored ?? 0, r.Negative ?? 0, r.Reach ?? 0, [.. terms.Select(t => new MentionTermCount(t.Terms, t.Mentions))]);
    }

    private static async Task<ConversionFigures?> ConversionsAsync(
        DbConnection connection, DbTransaction transaction, TimeZoneInfo zone, KpiPeriod period, CancellationToken cancellationToken)
    {
        if (!await RelationalFactCatalog.HoldsAsync(connection, transaction, "conversions", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var (first, end) = LocalTime.Bounds(new DateRange(period.From, period.To), zone);
        return new ConversionFigures(await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM conversions WHERE ts >= @p0 AND ts < @p1", new { p0 = first, p1 = end }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
