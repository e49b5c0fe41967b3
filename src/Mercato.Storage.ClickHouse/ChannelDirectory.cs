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

    /// <summary>Every channel with its group's slug as stored (in no set order).</summary>
    Task<IReadOnlyList<ChannelEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Puts the channel named <paramref name="name"/> (matched ordinally ignoring case in every script, as imports match) in
    /// <paramref name="group"/>; false when no channel has that name.
    /// </summary>
    Task<bool> SetGroupAsync(string name, ChannelGroup group, CancellationToken cancellationToken);

    /// <summary>Removes every channel whose id is not in <paramref name="used"/>; returns how many were removed.</summary>
    Task<long> RemoveUnusedAsync(IReadOnlySet<long> used, CancellationToken cancellationToken);
}

/// <summary>What the catalog's list gives, in other shapes.</summary>
public static class ChannelDirectoryExtensions
{
    /// <summary>Every channel's id and group (its slug, as the catalog stores it).</summary>
    public static async Task<IReadOnlyDictionary<long, string>> GroupsAsync(this IChannelDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Id, c => c.Group);
    }
}

/// <summary>One channel of the catalog.</summary>
/// <param name="Id">Its id, which facts refer to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Group">Its group's slug as stored.</param>
public sealed record ChannelEntry(long Id, string Name, string Group);

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
    public async Task<IReadOnlyList<ChannelEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(long Id, string Name, string Grp)>(new CommandDefinition(
                "SELECT id, name, grp FROM channels", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(c => new ChannelEntry(c.Id, c.Name, c.Grp))];
    }

    /// <inheritdoc/>
    public async Task<bool> SetGroupAsync(string name, ChannelGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Matched here, as the relational catalog does: SQL's case folding differs by engine.
        var id = (await ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => (long?)c.Id)
            .FirstOrDefault();
        if (id is null)
        {
            return false;
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE channels SET grp = @grp WHERE id = @id", new { grp = group.Slug(), id }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<long> RemoveUnusedAsync(IReadOnlySet<long> used, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(used);
        var unused = (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => !used.Contains(c.Id)).Select(c => c.Id).ToList();
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long removed = 0;
        foreach (var id in unused)
        {
            removed += await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM channels WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
