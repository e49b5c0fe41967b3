namespace Mercato.Storage.Postgres;

/// <summary>
/// The advisory locks of the server store, keyed by the schema the store lives in, so that workspaces in different schemas
/// of one database never wait on each other: a running import holds (schema:batch, batch id) on its connection while it
/// runs; document commits take (schema:documents) for their transaction; migrations take (schema:migrate).
/// </summary>
internal static class PostgresLocks
{
    private const string BatchSpace = "hashtext(current_schema() || ':batch')";

    /// <summary>Takes batch <c>@id</c>'s lock for the session (waits if held).</summary>
    public const string LockBatch = "SELECT pg_advisory_lock(" + BatchSpace + ", @id::int)";

    /// <summary>Takes batch <c>@id</c>'s lock if free: true when nobody held it.</summary>
    public const string TryLockBatch = "SELECT pg_try_advisory_lock(" + BatchSpace + ", @id::int)";

    /// <summary>Releases batch <c>@id</c>'s lock.</summary>
    public const string UnlockBatch = "SELECT pg_advisory_unlock(" + BatchSpace + ", @id::int)";

    /// <summary>Takes the documents' lock for the transaction.</summary>
    public const string LockDocuments = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':documents'))";

    /// <summary>Takes the migration lock for the transaction.</summary>
    public const string LockMigration = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))";
}
