namespace Mercato.Core.Access;

/// <summary>
/// One write as the audit log keeps it, append-only: who, when, through which front door and from where, what (an action
/// word and the thing's collection and id), and for documents the JSON before and after (null when it did not exist).
/// </summary>
/// <param name="Id">The entry's number, increasing.</param>
/// <param name="At">When, UTC.</param>
/// <param name="Actor">The account (or OS user) that acted.</param>
/// <param name="Door"><c>page</c>, <c>api</c>, <c>cli</c> or <c>server</c>.</param>
/// <param name="Address">The client's address (web doors).</param>
/// <param name="Action"><c>put</c> and <c>delete</c> for documents; <c>import</c>, <c>remove_batch</c>, <c>demo_load</c>, ... for facts.</param>
/// <param name="Collection">The document collection or the data kind.</param>
/// <param name="Target">The document's id, or the batch's.</param>
/// <param name="Before">The document before (JSON), or null.</param>
/// <param name="After">The document after (JSON), or null.</param>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string Actor, string Door, string? Address, string Action, string? Collection, string? Target,
    string? Before, string? After);

/// <summary>Which entries to read: a time window (from included, to excluded), an actor, a collection; newest first.</summary>
/// <param name="From">The earliest time, included.</param>
/// <param name="To">The latest time, excluded.</param>
/// <param name="Actor">Only this actor.</param>
/// <param name="Collection">Only this collection or kind.</param>
/// <param name="Limit">At most this many entries (1 to 10,000).</param>
/// <param name="BeforeId">Only entries numbered below this (the next page).</param>
public sealed record AuditQuery(
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Actor = null, string? Collection = null, int Limit = 200, long? BeforeId = null)
{
    /// <summary>The most entries one query returns.</summary>
    public const int MaxLimit = 10_000;
}

/// <summary>One entry to append: who, through which front door, did what to which collection and target.</summary>
/// <param name="Actor">The acting person or token.</param>
/// <param name="Origin">The front door and address.</param>
/// <param name="Action">What was done (<c>import</c>, <c>demo_load</c>, ...).</param>
/// <param name="Collection">The collection or data kind.</param>
/// <param name="Target">The document id or batch id.</param>
public sealed record AuditAppend(string Actor, WriteOrigin Origin, string Action, string? Collection, string? Target);

/// <summary>The audit log port: append-only (no update, no delete: the stores refuse both), read newest first.</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry (its id and time are the store's); for writes that are not document commits.</summary>
    Task AppendAsync(string actor, WriteOrigin origin, string action, string? collection, string? target, CancellationToken cancellationToken);

    /// <summary>Appends several entries in one transaction, in their order (the group commit of concurrent imports).</summary>
    Task AppendAsync(IReadOnlyList<AuditAppend> entries, CancellationToken cancellationToken);

    /// <summary>The entries <paramref name="query"/> selects, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
