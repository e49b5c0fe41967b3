using System.Text.Json;

namespace Mercato.Core.Common;

/// <summary>
/// A collection of documents of one type in the document store: its name, how a document names its id, and how it is
/// written as JSON (by default the type's own shape with the web defaults, camelCase). Each feature declares its
/// collections once (<c>CampaignDocuments</c>, <c>OrganizationDocuments</c>, <see cref="WorkspaceSettings.Document"/>).
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed class DocumentKind<T>
    where T : class
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly Func<T, string> _toJson;
    private readonly Func<string, T> _fromJson;

    /// <summary>Declares a collection.</summary>
    /// <param name="collection">The collection's name, as stored.</param>
    /// <param name="idOf">The id of a document.</param>
    /// <param name="toJson">How a document is written; the web defaults when null.</param>
    /// <param name="fromJson">How it is read back; the web defaults when null.</param>
    public DocumentKind(string collection, Func<T, string> idOf, Func<T, string>? toJson = null, Func<string, T>? fromJson = null)
    {
        Collection = collection;
        IdOf = idOf;
        _toJson = toJson ?? (value => JsonSerializer.Serialize(value, Web));
        _fromJson = fromJson ?? (json => JsonSerializer.Deserialize<T>(json, Web)
            ?? throw new InvalidDataException("a stored " + collection + " document is empty"));
    }

    /// <summary>The collection's name, as stored.</summary>
    public string Collection { get; }

    /// <summary>The id of a document.</summary>
    public Func<T, string> IdOf { get; }

    /// <summary>
    /// The top-level JSON properties that hold secrets (a password hash, a token's hash): the audit log keeps
    /// <c>"[redacted]"</c> in their place, before and after, so an append-only table never holds them. Empty for most
    /// collections; a collection that sets it is listed in <see cref="Mercato.Core.Access.SecretDocuments"/>, where the store looks
    /// it up by name.
    /// </summary>
    public IReadOnlyList<string> SecretFields { get; init; } = [];

    /// <summary>The document as stored.</summary>
    public string ToJson(T value) => _toJson(value);

    /// <summary>A stored document read back.</summary>
    public T FromJson(string json) => _fromJson(json);
}

/// <summary>A document as the store holds it: JSON, version, when and by whom it was saved.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="Json">The document.</param>
/// <param name="Version">Its version.</param>
/// <param name="SavedAt">When it was last saved, ISO 8601 UTC.</param>
/// <param name="SavedBy">Who saved it.</param>
public sealed record StoredDocument(string Id, string Json, long Version, string SavedAt, string SavedBy);

/// <summary>A document as stored: the value, its version (1 when first saved, one more at every save), when and by whom.</summary>
/// <typeparam name="T">The document type.</typeparam>
/// <param name="Value">The document.</param>
/// <param name="Version">Its version.</param>
/// <param name="SavedAt">When it was last saved, ISO 8601 UTC.</param>
/// <param name="SavedBy">Who saved it.</param>
public sealed record Versioned<T>(T Value, long Version, string SavedAt, string SavedBy);

/// <summary>One write of a <see cref="IDocumentStore.CommitAsync"/>: put or delete one document, optionally at a version.</summary>
public abstract record DocumentChange
{
    private DocumentChange(string collection, string id, long? expectedVersion)
    {
        Collection = collection;
        Id = id;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The collection.</summary>
    public string Collection { get; }

    /// <summary>The document's id.</summary>
    public string Id { get; }

    /// <summary>
    /// The version the document must have for the change to apply: null for whatever it is, 0 for "does not exist yet",
    /// else the version read before the change. A mismatch is a concurrent edit and refuses the whole commit.
    /// </summary>
    public long? ExpectedVersion { get; }

    /// <summary>Adds or replaces a document.</summary>
    public static DocumentChange Put<T>(DocumentKind<T> kind, T value, long? expectedVersion = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        return new PutChange(kind.Collection, kind.IdOf(value), expectedVersion, kind.ToJson(value));
    }

    /// <summary>Removes a document (nothing when it does not exist and no version is expected).</summary>
    public static DocumentChange Delete<T>(DocumentKind<T> kind, string id, long? expectedVersion = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new DeleteChange(kind.Collection, id, expectedVersion);
    }

    /// <summary>A put: the document as JSON.</summary>
    public sealed record PutChange : DocumentChange
    {
        internal PutChange(string collection, string id, long? expectedVersion, string json)
            : base(collection, id, expectedVersion)
        {
            Json = json;
        }

        /// <summary>The document as stored.</summary>
        public string Json { get; }
    }

    /// <summary>A delete.</summary>
    public sealed record DeleteChange : DocumentChange
    {
        internal DeleteChange(string collection, string id, long? expectedVersion)
            : base(collection, id, expectedVersion)
        {
        }
    }
}

/// <summary>What a commit did: every change applied, or none and the first document that had moved meanwhile.</summary>
/// <param name="Conflict">The (collection, id) whose version was not the expected one; null when committed.</param>
/// <param name="ActualVersion">Its version at the time (0 when it did not exist).</param>
public sealed record DocumentCommit((string Collection, string Id)? Conflict, long ActualVersion = 0)
{
    /// <summary>Committed.</summary>
    public static DocumentCommit Done { get; } = new(Conflict: null);

    /// <summary>Whether every change was applied.</summary>
    public bool Committed => Conflict is null;
}

/// <summary>
/// The workspace's documents (organization structure, targets, people, squads, campaigns, settings): JSON documents by
/// collection and id, each with a version. A commit applies a list of changes in one transaction, all or none, and refuses
/// the whole list when a document's version is not the one the change expects (an edit made meanwhile).
/// </summary>
public interface IDocumentStore
{
    /// <summary>One document of <paramref name="collection"/>, or null.</summary>
    Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken);

    /// <summary>Every document of <paramref name="collection"/>, by id (ordinal).</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="changes"/> in one transaction, saved by <paramref name="actor"/>'s name; all or none. Each
    /// change applied is recorded in the audit log in the same transaction, with the actor's front door and address and
    /// the document before and after; a refused commit records nothing.
    /// </summary>
    Task<DocumentCommit> CommitAsync(IReadOnlyList<DocumentChange> changes, ICurrentUser actor, CancellationToken cancellationToken);
}

/// <summary>Typed reads of the <see cref="IDocumentStore"/>.</summary>
public static class DocumentStoreExtensions
{
    /// <summary>One document, or null.</summary>
    public static async Task<Versioned<T>?> GetAsync<T>(this IDocumentStore store, DocumentKind<T> kind, string id, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(kind);
        return await store.GetAsync(kind.Collection, id, cancellationToken).ConfigureAwait(false) is { } stored ? Read(kind, stored) : null;
    }

    /// <summary>Every document of a collection, by id (ordinal).</summary>
    public static async Task<IReadOnlyList<Versioned<T>>> ListAsync<T>(this IDocumentStore store, DocumentKind<T> kind, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(kind);
        return [.. (await store.ListAsync(kind.Collection, cancellationToken).ConfigureAwait(false)).Select(d => Read(kind, d))];
    }

    /// <summary>Every document's value of a collection, by id.</summary>
    public static async Task<IReadOnlyList<T>> ValuesAsync<T>(this IDocumentStore store, DocumentKind<T> kind, CancellationToken cancellationToken)
        where T : class =>
        [.. (await store.ListAsync(kind, cancellationToken).ConfigureAwait(false)).Select(d => d.Value)];

    private static Versioned<T> Read<T>(DocumentKind<T> kind, StoredDocument stored)
        where T : class =>
        new(kind.FromJson(stored.Json), stored.Version, stored.SavedAt, stored.SavedBy);
}
