using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Mercato.Core.Access;

namespace Mercato.Storage.Relational;

/// <summary>
/// The audit log in one append-only table, <c>audit_log (id, at, actor, door, address, action, collection, target, before,
/// after)</c>, the same for both providers: the stores' triggers refuse every UPDATE and DELETE, so the program only ever
/// inserts. Document commits write their rows inside their own transaction (<see cref="InsertAsync"/>); other writes (an
/// import, the demo) append one row after they commit. Entries are read newest first by id, every filter in SQL.
/// </summary>
internal sealed class RelationalAuditLog(RelationalStore store) : IAuditLog
{
    private const string Insert =
        """
        INSERT INTO audit_log (at, actor, door, address, action, collection, target, before, after)
        VALUES (@at, @actor, @door, @address, @action, @collection, @target, @before, @after)
        """;

    public Task AppendAsync(string actor, WriteOrigin origin, string action, string? collection, string? target, CancellationToken cancellationToken) =>
        AppendAsync([new AuditAppend(actor, origin, action, collection, target)], cancellationToken);

    public async Task AppendAsync(IReadOnlyList<AuditAppend> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(e.Actor);
            ArgumentNullException.ThrowIfNull(e.Origin);
            ArgumentException.ThrowIfNullOrWhiteSpace(e.Action);
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var at = store.Now();
        foreach (var e in entries)
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert,
                new { at, actor = e.Actor, door = e.Origin.Door, address = e.Origin.Address, action = e.Action, collection = e.Collection, target = e.Target, before = (string?)null, after = (string?)null },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one entry inside <paramref name="transaction"/> (a document commit's own).</summary>
    public static Task InsertAsync(
        DbConnection connection, DbTransaction transaction, string at, ICurrentUser actor, string action, string collection, string target,
        string? before, string? after, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Insert,
            new { at, actor = actor.Name, door = actor.Origin.Door, address = actor.Origin.Address, action, collection, target, before, after },
            transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (query.From is { } from)
        {
            where.Add("at >= @from");
            parameters.Add("from", RelationalStore.Instant(from));
        }

        if (query.To is { } to)
        {
            where.Add("at < @to");
            parameters.Add("to", RelationalStore.Instant(to));
        }

        if (query.Actor is { } actor)
        {
            where.Add("actor = @actor");
            parameters.Add("actor", actor);
        }

        if (query.Collection is { } collection)
        {
            where.Add("collection = @collection");
            parameters.Add("collection", collection);
        }

        if (query.BeforeId is { } beforeId)
        {
            where.Add("id < @beforeId");
            parameters.Add("beforeId", beforeId);
        }

        parameters.Add("limit", Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit));
        var sql = new StringBuilder("SELECT id AS Id, at AS At, actor AS Actor, door AS Door, address AS Address, action AS Action, ")
            .Append("collection AS Collection, target AS Target, before AS Before, after AS After FROM audit_log");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        }

        // Ids increase with every append: newest first is id order, whatever the engines' text orders.
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new AuditEntry(
            r.Id, DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            r.Actor, r.Door, r.Address, r.Action, r.Collection, r.Target, r.Before, r.After))];
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public string At { get; set; } = "";

        public string Actor { get; set; } = "";

        public string Door { get; set; } = "";

        public string? Address { get; set; }

        public string Action { get; set; } = "";

        public string? Collection { get; set; }

        public string? Target { get; set; }

        public string? Before { get; set; }

        public string? After { get; set; }
    }
}
