using System.Data.Common;
using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;

namespace Mercato.Storage.Relational;

/// <summary>
/// The data center's read side over the relational tables: sources, monthly coverage, batches and the channel catalog.
/// Counting scans the fact tables, so the per-kind and per-month counts and the channel volumes are kept until the data
/// version changes (<see cref="DataVersionAsync(DbConnection, DbTransaction?, CancellationToken)"/>).
/// </summary>
internal sealed class RelationalFactCatalog(RelationalStore store) : IFactCatalog
{
    private readonly Lock _cacheLock = new();
    private (string Version, SourcesReport Report)? _sources;
    private (string Version, (Dictionary<long, long>, Dictionary<long, long>) Volumes)? _volumes;
    private (string Version, IReadOnlyList<MonthRows> Rows)? _monthly;

    /// <summary>The data version seen on <paramref name="connection"/>: committed batches and the largest batch id.</summary>
    internal static async Task<string> DataVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var (count, max) = await connection.QuerySingleAsync<(long Count, long MaxId)>(new CommandDefinition(
            "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM import_batches WHERE status = 'committed'", transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"({count}, {max})");
    }

    public async Task<string> DataVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await DataVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> DataVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Kind, long Count, long MaxId, string First, string? Last)>(new CommandDefinition(
            "SELECT kind, COUNT(*), MAX(id), MIN(started_at), MAX(finished_at) FROM import_batches WHERE status = 'committed' GROUP BY kind",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Kind, r => DataVersionToken.Write(r.First, r.Count, r.MaxId, r.Last), StringComparer.Ordinal);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in FactTables.All)
        {
            if (await HoldsAsync(connection, null, table.Table, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="table"/> holds a row.</summary>
    internal static async Task<bool> HoldsAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT 1) x", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    public async Task<SourcesReport> SourcesAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var version = await DataVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false) + "|" + zone.Id;
        lock (_cacheLock)
        {
            if (_sources is { } cached && cached.Version == version)
            {
                return cached.Report;
            }
        }

        var kinds = new List<KindSummary>();
        foreach (var table in FactTables.All)
        {
            var (rows, first, last) = await connection.QuerySingleAsync<(long, object?, object?)>(new CommandDefinition(
                $"SELECT COUNT(*), MIN({table.DateColumn}), MAX({table.DateColumn}) FROM {table.Table}", transaction: tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            var lastImport = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT MAX(finished_at) FROM import_batches WHERE kind = @kind AND status = 'committed'", new { kind = table.Kind.Name }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            kinds.Add(new KindSummary(table.Kind.Name, rows, DateText(first, zone), DateText(last, zone), lastImport));
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var report = new SourcesReport(kinds);
        lock (_cacheLock)
        {
            _sources = (version, report);
        }

        return report;
    }

    public async Task<IReadOnlyList<MonthRows>> MonthlyRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var version = await DataVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_monthly is { } cached && cached.Version == version)
            {
                return cached.Rows;
            }
        }

        var rows = new List<MonthRows>();
        foreach (var table in FactTables.All)
        {
            var month = table.DateColumn switch
            {
                "ts" => store.Dialect.MonthOfMillis("ts"),
                "day" => "substr(day, 1, 7)",
                _ => "month",
            };
            rows.AddRange((await connection.QueryAsync<(string Month, long Rows)>(new CommandDefinition(
                    $"SELECT m, COUNT(*) FROM (SELECT {month} AS m FROM {table.Table}) x GROUP BY m ORDER BY m", transaction: tx,
                    cancellationToken: cancellationToken)).ConfigureAwait(false))
                .Select(r => new MonthRows(table.Kind.Name, r.Month, r.Rows)));
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        lock (_cacheLock)
        {
            _monthly = (version, rows);
        }

        return rows;
    }

    public async Task<IReadOnlyList<BatchInfo>> BatchesAsync(int limit, string? kind, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<BatchRow>(new CommandDefinition(
                "SELECT * FROM import_batches WHERE (@kind IS NULL OR kind = @kind) ORDER BY id DESC LIMIT @limit",
                new { limit = (long)limit, kind }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToInfo)];
    }

    public async Task<BatchInfo?> BatchAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<BatchRow>(new CommandDefinition(
            "SELECT * FROM import_batches WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : ToInfo(row);
    }

    public async Task<IReadOnlyList<ChannelInfo>> ChannelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var (touchpoints, spend) = await ChannelVolumesAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        var channels = await connection.QueryAsync<(long Id, string Name, string Grp)>(new CommandDefinition(
            "SELECT id, name, grp FROM channels", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. channels
            .Select(r =>
            {
                ChannelGroups.TryParse(r.Grp, out var group);
                return new ChannelInfo(r.Id, r.Name, group.Slug(), group.Label(), touchpoints.GetValueOrDefault(r.Id),
                    StoredMoney.FromUnits(spend.GetValueOrDefault(r.Id)));
            })
            .OrderBy(c => c.Group == ChannelGroup.Unassigned.Slug() ? 0 : 1)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<bool> SetChannelGroupAsync(string channel, ChannelGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        // Match as the importer does (ordinal, ignoring case in every script); SQL's case folding differs by engine.
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var id = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
                "SELECT id, name FROM channels", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Where(c => string.Equals(c.Name, channel.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => (long?)c.Id)
            .FirstOrDefault();
        return id is not null && await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE channels SET grp = @grp WHERE id = @id", new { grp = group.Slug(), id }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Touchpoints and spend per channel id: one GROUP BY pass per fact table, kept until the data changes.</summary>
    private async Task<(Dictionary<long, long> Touchpoints, Dictionary<long, long> Spend)> ChannelVolumesAsync(
        DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        var version = await DataVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_volumes is { } cached && cached.Version == version)
            {
                return cached.Volumes;
            }
        }

        var touchpoints = (await connection.QueryAsync<(long Id, long Count)>(new CommandDefinition(
                "SELECT channel_id, COUNT(*) FROM touchpoints GROUP BY channel_id", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Id, r => r.Count);
        var spend = (await connection.QueryAsync<(long Id, long Sum)>(new CommandDefinition(
                $"SELECT channel_id, {store.Dialect.Sum("spend")} FROM spend GROUP BY channel_id", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Id, r => r.Sum);
        lock (_cacheLock)
        {
            _volumes = (version, (touchpoints, spend));
        }

        return (touchpoints, spend);
    }

    /// <summary>A stored date value as YYYY-MM-DD: instants in the workspace time zone, days as they are, months at their first day.</summary>
    private static string? DateText(object? stored, TimeZoneInfo zone) => stored switch
    {
        long ms => LocalTime.DayOf(ms, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string { Length: 7 } month => month + "-01",
        string day => day,
        _ => null,
    };

    private static BatchInfo ToInfo(BatchRow r) => new(
        r.id, r.kind, r.source, r.format, r.started_at, r.finished_at, r.status, r.is_demo != 0, r.rows_read, r.rows_added,
        r.rows_updated, r.rows_unchanged, r.rows_rejected, StoredMessages.ReadMessage(r.message),
        StoredMessages.ReadWarnings(r.warnings), StoredMessages.ReadErrors(r.errors));

#pragma warning disable IDE1006, CA1812, SA1300 // Dapper maps the snake_case columns by name.
    private sealed record BatchRow(
        long id, string kind, string source, string format, string started_at, string? finished_at, string status, long is_demo,
        long? pid, long rows_read, long rows_added, long rows_updated, long rows_unchanged, long rows_rejected, long? first_ts,
        long? last_ts, string? message, string? warnings, string? errors);
#pragma warning restore IDE1006, CA1812, SA1300
}
