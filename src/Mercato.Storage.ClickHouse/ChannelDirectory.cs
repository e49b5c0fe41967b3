using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Relational;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The channel catalog that the facts' <c>channel_id</c> refers to. It stays with the documents (SQLite or PostgreSQL):
/// ClickHouse has no unique constraint to keep two importers from giving one name two ids, and channel names and groups
/// are edited like documents. Readers ask ClickHouse for sums per channel id and name them here, so no query joins the two.
/// </summary>
public interface IChannelDirectory
{
    /// <summary>Every channel's id and name.</summary>
    Task<IReadOnlyDictionary<long, string>> NamesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The id of <paramref name="name"/> (matched ignoring case), adding the channel (grouped by the built-in guess) when
    /// the catalog does not hold it; <c>Added</c> tells which. Synchronous: facts resolve channels on the import's hot path.
    /// </summary>
    (long Id, bool Added) Resolve(string name);

    /// <summary>Every channel's id and group (its slug, as the catalog stores it).</summary>
    Task<IReadOnlyDictionary<long, string>> GroupsAsync(CancellationToken cancellationToken);
}

/// <summary>The channel catalog of a relational store (the <c>channels</c> table of SQLite or PostgreSQL).</summary>
/// <remarks>
/// A channel is added in its own statement, outside the ClickHouse session: an import that is later aborted leaves the
/// names it added in the catalog (with no fact), where the embedded store would roll them back.
/// </remarks>
public sealed class RelationalChannelDirectory(RelationalStore store) : IChannelDirectory
{
    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<long, string>> NamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
                "SELECT id, name FROM channels", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => c.Id, c => c.Name);
    }

    /// <inheritdoc/>
    public (long Id, bool Added) Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var connection = store.OpenConnectionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        // ON CONFLICT without a target: SQLite's unique name (NOCASE) and PostgreSQL's unique lower(name) both count.
        var added = connection.ExecuteScalar<long?>(
            "INSERT INTO channels (name, grp, created_at) VALUES (@name, @grp, @now) ON CONFLICT DO NOTHING RETURNING id",
            new { name, grp = ChannelGroups.Guess(name).Slug(), now = store.Now() });
        return added is { } id
            ? (id, true)
            : (connection.ExecuteScalar<long>("SELECT id FROM channels WHERE lower(name) = lower(@name)", new { name }), false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<long, string>> GroupsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(long Id, string Group)>(new CommandDefinition(
                "SELECT id, grp FROM channels", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => c.Id, c => c.Group);
    }
}
