using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.DataCenter;

/// <summary>What the store holds of one kind.</summary>
/// <param name="Kind">The data kind.</param>
/// <param name="Rows">Rows held.</param>
/// <param name="FirstDate">The earliest date a held row is dated at (YYYY-MM-DD, workspace time zone), or null.</param>
/// <param name="LastDate">The latest such date, or null.</param>
/// <param name="LastImport">When the last committed import of this kind finished (ISO 8601 UTC), or null.</param>
public sealed record KindSummary(string Kind, long Rows, string? FirstDate, string? LastDate, string? LastImport);

/// <summary>The sources report: <c>{"kinds":[...]}</c>.</summary>
public sealed record SourcesReport(IReadOnlyList<KindSummary> Kinds);

/// <summary>Rows of one kind dated in one month (UTC months).</summary>
public sealed record MonthRows(string Kind, string Month, long Rows);

/// <summary>One import as recorded.</summary>
public sealed record BatchInfo(
    long Id, string Kind, string Source, string Format, string StartedAt, string? FinishedAt, string Status, bool IsDemo,
    long RowsRead, long RowsAdded, long RowsUpdated, long RowsUnchanged, long RowsRejected, Message? Message,
    IReadOnlyList<Message> Warnings, IReadOnlyList<RowError> Errors);

/// <summary>One channel of the catalog.</summary>
public sealed record ChannelInfo(long Id, string Name, string Group, string GroupLabel, long Touchpoints, decimal Spend);

/// <summary>Read side of the data center: sources, batches, channel catalog.</summary>
public sealed class DataCenterQueries(MercatoStore store)
{
    private readonly Lock _cacheLock = new();
    private (string Version, SourcesReport Report)? _sources;
    private (string Version, (Dictionary<long, long>, Dictionary<long, long>) Volumes)? _volumes;

    /// <summary>
    /// Per kind: rows held, first and last date of the rows held, last import. Counting scans the fact tables, so the
    /// answer is kept until the next committed import, demo load or removal, or time-zone change.
    /// </summary>
    public SourcesReport Sources()
    {
        using var connection = store.OpenConnection();
        var zone = store.TimeZone;
        var version = DataVersion(connection) + "|" + zone.Id;
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
            var (rows, first, last) = connection.QuerySingle<(long, object?, object?)>(
                $"SELECT COUNT(*), MIN({table.DateColumn}), MAX({table.DateColumn}) FROM {table.Table}");
            var lastImport = connection.ExecuteScalar<string?>(
                "SELECT MAX(finished_at) FROM import_batches WHERE kind = @kind AND status = 'committed'", new { kind = table.Kind.Name });
            kinds.Add(new KindSummary(table.Kind.Name, rows, DateText(first, zone), DateText(last, zone), lastImport));
        }

        var report = new SourcesReport(kinds);
        lock (_cacheLock)
        {
            _sources = (version, report);
        }

        return report;
    }

    /// <summary>Touchpoints and spend per channel id: one GROUP BY pass per fact table, kept until the data changes.</summary>
    private (Dictionary<long, long> Touchpoints, Dictionary<long, long> Spend) ChannelVolumes(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        var version = DataVersion(connection);
        lock (_cacheLock)
        {
            if (_volumes is { } cached && cached.Version == version)
            {
                return cached.Volumes;
            }
        }

        var volumes = (
            connection.Query<(long Id, long Count)>("SELECT channel_id, COUNT(*) FROM touchpoints GROUP BY channel_id").ToDictionary(r => r.Id, r => r.Count),
            connection.Query<(long Id, long Sum)>("SELECT channel_id, SUM(spend) FROM spend GROUP BY channel_id").ToDictionary(r => r.Id, r => r.Sum));
        lock (_cacheLock)
        {
            _volumes = (version, volumes);
        }

        return volumes;
    }

    private static string DataVersion(Microsoft.Data.Sqlite.SqliteConnection connection) => MercatoStore.DataVersion(connection);

    private (string Version, IReadOnlyList<MonthRows> Rows)? _monthly;

    /// <summary>Rows per kind and month, to show coverage and gaps; kept until the data changes.</summary>
    public IReadOnlyList<MonthRows> MonthlyRows()
    {
        using var connection = store.OpenConnection();
        var version = DataVersion(connection);
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
                "ts" => "strftime('%Y-%m', ts / 1000, 'unixepoch')",
                "day" => "substr(day, 1, 7)",
                _ => "month",
            };
            rows.AddRange(connection.Query<(string Month, long Rows)>($"SELECT {month} AS m, COUNT(*) FROM {table.Table} GROUP BY m ORDER BY m")
                .Select(r => new MonthRows(table.Kind.Name, r.Month, r.Rows)));
        }

        lock (_cacheLock)
        {
            _monthly = (version, rows);
        }

        return rows;
    }

    /// <summary>The most recent imports, newest first.</summary>
    public IReadOnlyList<BatchInfo> Batches(int limit = 50, string? kind = null)
    {
        using var connection = store.OpenConnection();
        return connection.Query<BatchRow>(
                """
                SELECT * FROM import_batches WHERE (@kind IS NULL OR kind = @kind) ORDER BY id DESC LIMIT @limit
                """,
                new { limit, kind })
            .Select(ToInfo)
            .ToList();
    }

    /// <summary>One import, or null.</summary>
    public BatchInfo? Batch(long id)
    {
        using var connection = store.OpenConnection();
        var row = connection.QuerySingleOrDefault<BatchRow>("SELECT * FROM import_batches WHERE id = @id", new { id });
        return row is null ? null : ToInfo(row);
    }

    /// <summary>The channel catalog with each channel's volume, unassigned channels first.</summary>
    public IReadOnlyList<ChannelInfo> Channels()
    {
        using var connection = store.OpenConnection();
        var (touchpoints, spend) = ChannelVolumes(connection);
        return connection.Query<(long Id, string Name, string Grp)>("SELECT id, name, grp FROM channels")
            .Select(r =>
            {
                ChannelGroups.TryParse(r.Grp, out var group);
                return new ChannelInfo(r.Id, r.Name, group.Slug(), group.Label(), touchpoints.GetValueOrDefault(r.Id),
                    Money.FromStore(spend.GetValueOrDefault(r.Id)));
            })
            .OrderBy(c => c.Group == ChannelGroup.Unassigned.Slug() ? 0 : 1)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Puts a channel in a group; false when the channel does not exist.</summary>
    public bool SetChannelGroup(string channelName, ChannelGroup group)
    {
        // Match as the importer does (ordinal, ignoring case in every script); SQLite's NOCASE folds ASCII only.
        using var connection = store.OpenConnection();
        var id = connection.Query<(long Id, string Name)>("SELECT id, name FROM channels")
            .Where(c => string.Equals(c.Name, channelName.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => (long?)c.Id)
            .FirstOrDefault();
        return id is not null && connection.Execute("UPDATE channels SET grp = @grp WHERE id = @id", new { grp = group.Slug(), id }) == 1;
    }

    /// <summary>A stored date value as YYYY-MM-DD: instants in the workspace time zone, days as they are, months at their first day.</summary>
    private static string? DateText(object? stored, TimeZoneInfo zone) => stored switch
    {
        long ms => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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
