using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Mercato.Core.Access;

namespace Mercato.Storage.Relational;

/// <summary>
/// The workspace's documents in one table, <c>documents (collection, id, version, document, saved_at, saved_by)</c>: JSON by
/// collection and id, with a version that counts the saves. A commit checks every expected version and applies every
/// change in one transaction, or applies none. Documents never change the facts' data version: that token keys caches of
/// fact aggregates, which do not depend on who owns what. Every change applied writes its audit row
/// (<see cref="RelationalAuditLog"/>) in the commit's transaction, so the log and the documents never disagree. The log
/// keeps no secret: a collection with <see cref="SecretDocuments"/> (accounts, API tokens) is written there with
/// <c>"[redacted]"</c> in place of those fields, before and after; every other collection's JSON goes in as it is.
/// </summary>
internal sealed class RelationalDocumentStore(RelationalStore store) : IDocumentStore
{
    public async Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredDocument>(new CommandDefinition(
            "SELECT id AS Id, document AS Json, version AS Version, saved_at AS SavedAt, saved_by AS SavedBy FROM documents WHERE collection = @collection AND id = @id",
            new { collection, id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredDocument>(new CommandDefinition(
            "SELECT id AS Id, document AS Json, version AS Version, saved_at AS SavedAt, saved_by AS SavedBy FROM documents WHERE collection = @collection",
            new { collection }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Ordinal order in .NET: the engines' text orders differ.
        return [.. rows.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public async Task<DocumentCommit> CommitAsync(IReadOnlyList<DocumentChange> changes, ICurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor.Name);
        if (changes.Count == 0)
        {
            return DocumentCommit.Done;
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One document commit at a time (a write transaction that takes the store's document lock at its start), so a
        // version read here is the version the write replaces.
        await using var tx = await store.BeginDocumentWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var now = store.Now();
        var name = actor.Name;
        foreach (var change in changes)
        {
            var secrets = SecretDocuments.Of(change.Collection);
            var current = await connection.QuerySingleOrDefaultAsync<StoredDocument>(new CommandDefinition(
                "SELECT id AS Id, document AS Json, version AS Version, saved_at AS SavedAt, saved_by AS SavedBy FROM documents WHERE collection = @collection AND id = @id",
                new { collection = change.Collection, id = change.Id }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var version = current?.Version ?? 0;
            if (change.ExpectedVersion is { } expected && expected != version)
            {
                // Refused whole: the rollback takes the audit rows of the changes before this one with it.
                await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return new DocumentCommit((change.Collection, change.Id), version);
            }

            switch (change)
            {
                case DocumentChange.PutChange put:
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO documents (collection, id, version, document, saved_at, saved_by)
                        VALUES (@collection, @id, @version, @document, @now, @name)
                        ON CONFLICT (collection, id) DO UPDATE SET version = excluded.version, document = excluded.document,
                            saved_at = excluded.saved_at, saved_by = excluded.saved_by
                        """,
                        new { collection = put.Collection, id = put.Id, version = version + 1, document = put.Json, now, name }, tx,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await RelationalAuditLog.InsertAsync(connection, tx, now, actor, "put", put.Collection, put.Id,
                            ForAudit(current?.Json, secrets), ForAudit(put.Json, secrets), cancellationToken)
                        .ConfigureAwait(false);
                    break;
                default:
                    // Removing what is not there changes nothing, and the log records changes only.
                    if (current is { } gone)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            "DELETE FROM documents WHERE collection = @collection AND id = @id",
                            new { collection = change.Collection, id = change.Id }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
                        await RelationalAuditLog.InsertAsync(connection, tx, now, actor, "delete", change.Collection, change.Id,
                            ForAudit(gone.Json, secrets), null, cancellationToken)
                            .ConfigureAwait(false);
                    }

                    break;
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DocumentCommit.Done;
    }

    /// <summary>
    /// A document as the audit log keeps it: as stored, or, for a collection with secret fields, with each of those
    /// top-level fields that holds a value replaced by <c>"[redacted]"</c> (a null stays null, so "no second factor yet"
    /// still reads as such); the rest stays, so a change of roles, lockout or session stamp still shows. Only those
    /// collections are parsed.
    /// </summary>
    internal static string? ForAudit(string? json, IReadOnlyList<string> secrets)
    {
        if (json is null || secrets.Count == 0)
        {
            return json;
        }

        JsonObject? document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            document = null;
        }

        if (document is null)
        {
            // Not an object we can read field by field: keep none of it rather than risk a secret.
            return JsonSerializer.Serialize(SecretDocuments.Redacted);
        }

        foreach (var field in secrets)
        {
            if (document[field] is not null)
            {
                document[field] = SecretDocuments.Redacted;
            }
        }

        return document.ToJsonString();
    }
}
