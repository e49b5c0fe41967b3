namespace Mercato.Core.DataCenter;

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

/// <summary>
/// The data center's read side: what the fact store holds per kind and month, the import history and the channel
/// catalog. Every call reads one state of the data.
/// </summary>
public interface IFactCatalog
{
    /// <summary>
    /// A token that changes whenever facts may have changed (every fact write belongs to a committed batch, and removing
    /// the demo deletes batches), for keeping aggregates between imports.
    /// </summary>
    Task<string> DataVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="DataVersionAsync"/> per data kind (by its name): a token for each kind that has committed batches, which
    /// changes whenever facts of that kind may have changed; a kind never imported is absent. An aggregate that reads only
    /// some kinds stays valid while others change. Written by <see cref="DataVersionToken"/>, so the same token means the
    /// same facts of the same store, also after a restart.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> DataVersionsAsync(CancellationToken cancellationToken);

    /// <summary>Whether the store holds no fact of any kind.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Per kind: rows held, first and last date (instants as local days of <paramref name="zone"/>), last import.</summary>
    Task<SourcesReport> SourcesAsync(TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>Rows per kind and (UTC) month, to show coverage and gaps.</summary>
    Task<IReadOnlyList<MonthRows>> MonthlyRowsAsync(CancellationToken cancellationToken);

    /// <summary>The most recent imports, newest first; of one kind when <paramref name="kind"/> is given.</summary>
    Task<IReadOnlyList<BatchInfo>> BatchesAsync(int limit, string? kind, CancellationToken cancellationToken);

    /// <summary>One import, or null.</summary>
    Task<BatchInfo?> BatchAsync(long id, CancellationToken cancellationToken);

    /// <summary>The channel catalog with each channel's volume, unassigned channels first, then by name.</summary>
    Task<IReadOnlyList<ChannelInfo>> ChannelsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Puts a channel in a group; false when no channel has that name (matched ordinally ignoring case in every script, as
    /// imports match).
    /// </summary>
    Task<bool> SetChannelGroupAsync(string channel, ChannelGroup group, CancellationToken cancellationToken);
}

/// <summary>One batch a write session records: the kind it holds, where it came from, its format word, demo or not.</summary>
public sealed record BatchStart(DataKind Kind, string Source, string Format, bool IsDemo = false);

/// <summary>How a batch ended, as recorded with it.</summary>
/// <param name="Status">Committed, rejected or failed.</param>
/// <param name="Read">Rows read.</param>
/// <param name="Added">Rows added.</param>
/// <param name="Updated">Rows that replaced a different row with the same identity.</param>
/// <param name="Unchanged">Rows already held as they are.</param>
/// <param name="Rejected">Rows refused.</param>
/// <param name="Message">Why it was rejected or failed; null when committed.</param>
/// <param name="Warnings">What the import ignored.</param>
/// <param name="Errors">The first refused values.</param>
public sealed record BatchEnd(
    ImportStatus Status, long Read, long Added, long Updated, long Unchanged, long Rejected, Message? Message,
    IReadOnlyList<Message> Warnings, IReadOnlyList<RowError> Errors);

/// <summary>What a write session did to the rows of one batch.</summary>
/// <param name="Added">Rows whose identity was new.</param>
/// <param name="Updated">Rows that replaced a different row with the same identity.</param>
/// <param name="Unchanged">Rows already held as they are.</param>
/// <param name="FirstDatedAt">The earliest instant (Unix ms) a changed row is dated at, or null.</param>
/// <param name="LastDatedAt">The latest, or null.</param>
public sealed record WriteCounts(long Added, long Updated, long Unchanged, long? FirstDatedAt, long? LastDatedAt)
{
    /// <summary>Nothing written.</summary>
    public static WriteCounts None { get; } = new(0, 0, 0, null, null);
}

/// <summary>How a write session runs.</summary>
/// <param name="DryRun">Count what would change, record nothing and roll back.</param>
/// <param name="ReplaceDemo">Remove every demo fact, demo batch and the demo's ground truth first, in the same transaction.</param>
/// <param name="Small">The session writes a few thousand rows (a group commit of streamed bodies), not a file: a store
/// may keep less in memory for it.</param>
public sealed record FactSessionOptions(bool DryRun = false, bool ReplaceDemo = false, bool Small = false);

/// <summary>
/// Writes facts into the store inside one transaction: nothing of it is visible, or survives a crash, until
/// <see cref="CommitAsync"/>. A row whose identity is new is added; one whose identity is held is updated when any value
/// differs and otherwise left, so writing the same rows again changes nothing. Disposing without committing rolls back.
/// </summary>
public interface IFactWriteSession : IAsyncDisposable
{
    /// <summary>The ids of the session's batches, in the order they were given (0 in a dry run).</summary>
    IReadOnlyList<long> BatchIds { get; }

    /// <summary>Channels seen for the first time, added to the catalog (grouped by the built-in guess).</summary>
    IReadOnlyList<string> NewChannels { get; }

    /// <summary>Writes one fact into the (first) batch of its kind; the hot path, synchronous.</summary>
    void Write(IFact fact);

    /// <summary>
    /// Writes one fact into the batch at index <paramref name="batch"/> of <see cref="BatchIds"/>, which must be of the fact's
    /// kind: a session may hold several batches of one kind (the group commit of concurrent requests), each counted apart and
    /// written in index order, so a later batch's row meets an earlier batch's row of the same identity as a held one.
    /// </summary>
    void Write(int batch, IFact fact);

    /// <summary>Finishes the writes and returns what they did, per batch in <see cref="BatchIds"/> order.</summary>
    Task<IReadOnlyList<WriteCounts>> FlushAsync(CancellationToken cancellationToken);

    /// <summary>Records how each batch ended and commits; with <paramref name="groundTruthJson"/>, keeps the demo's truth.</summary>
    Task CommitAsync(IReadOnlyList<BatchEnd> ends, string? groundTruthJson, CancellationToken cancellationToken);

    /// <summary>Rolls the writes back and records how each batch ended (rejected or failed).</summary>
    Task AbortAsync(IReadOnlyList<BatchEnd> ends, CancellationToken cancellationToken);
}

/// <summary>Where imports and the demo write facts.</summary>
public interface IFactSink
{
    /// <summary>
    /// Records <paramref name="batches"/> as running (unless a dry run) and opens a write session for them. A batch whose
    /// process ends before it finishes is marked interrupted the next time the store opens; its rows were never committed.
    /// </summary>
    Task<IFactWriteSession> BeginAsync(IReadOnlyList<BatchStart> batches, FactSessionOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a session holds at most one batch of each kind (ClickHouse counts a batch's rows against the fact tables,
    /// not against another batch still in staging); a group commit then writes one body of each kind per session.
    /// </summary>
    bool OneBatchPerKind => false;
}

/// <summary>The demo company's facts in the store.</summary>
public interface IDemoFacts
{
    /// <summary>Whether demo facts are loaded.</summary>
    Task<bool> IsLoadedAsync(CancellationToken cancellationToken);

    /// <summary>The loaded demo's ground truth as JSON, or null.</summary>
    Task<string?> GroundTruthJsonAsync(CancellationToken cancellationToken);

    /// <summary>Removes every demo fact and batch, the ground truth and the channels only the demo used; returns rows removed.</summary>
    Task<long> RemoveAsync(CancellationToken cancellationToken);
}
