using Mercato.Core.Access;
using Mercato.Core.Listening;
using Mercato.Features.Access;

namespace Mercato.Features.Listening;

/// <summary>
/// The workspace's watch list for every front door: read (the default risk terms until one is saved), replaced whole, or
/// changed one term at a time. Its brand, product and competitor spellings go to the Chinese segmenter's dictionary
/// (<see cref="SentimentModels.AddWords"/>) when a stored list is first read and after each save, so names are not cut.
/// Reading it needs <see cref="Permission.ReadReports"/>, changing it <see cref="Permission.WriteShared"/>.
/// </summary>
public sealed class WatchListUseCases(IDocumentStore documents, ICurrentUser user, OutcomeLog log, SentimentModels models, AccessGuard guard)
{
    private int storedListSeen;

    /// <summary>The stored list with its version, or the default risk terms at version 0 when none is stored.</summary>
    public Task<Versioned<WatchList>> GetAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return StoredAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="GetAsync"/> without its check: for reading mentions at import and rescoring, the listening alert source,
    /// and the other use cases that read the list for a caller they checked.
    /// </summary>
    internal async Task<Versioned<WatchList>> StoredAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.GetAsync(WatchList.Document, WatchList.DocumentId, cancellationToken).ConfigureAwait(false);
        if (stored is not null && Interlocked.Exchange(ref storedListSeen, 1) == 0)
        {
            models.AddWords(Names(stored.Value));
        }

        return stored ?? new Versioned<WatchList>(new WatchList(WatchList.DefaultRiskTerms), 0, "", "");
    }

    /// <summary>Replaces the list: invalid by <see cref="WatchList.Problems"/>; moved meanwhile when the stored one is not at <paramref name="expectedVersion"/>.</summary>
    public Task<Outcome<WatchList>> SaveAsync(WatchList list, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return SaveCheckedAsync(list, expectedVersion, cancellationToken);
    }

    private async Task<Outcome<WatchList>> SaveCheckedAsync(WatchList list, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        // A body's missing term, list or alias arrives as null: each is read as blank, which the list's rules refuse.
        var trimmed = new WatchList([.. (list.Terms ?? []).Select(t => t is null
            ? new WatchTerm("", WatchKind.Brand, [])
            : t with { Term = t.Term?.Trim() ?? "", Aliases = [.. (t.Aliases ?? []).Select(a => a?.Trim() ?? "")] })]);
        if (trimmed.Problems() is { Count: > 0 } problems)
        {
            return log.Noted(Outcome<WatchList>.Invalid(problems), "watch list save", WatchList.DocumentId);
        }

        var commit = await documents.CommitAsync([DocumentChange.Put(WatchList.Document, trimmed, expectedVersion)], user, cancellationToken).ConfigureAwait(false);
        if (commit.Committed)
        {
            models.AddWords(Names(trimmed));
        }

        return log.Noted(commit.Committed ? Outcome<WatchList>.Ok(trimmed) : Outcome<WatchList>.MovedMeanwhile(MessageArgs.Of(("list", WatchList.DocumentId))), "watch list save", WatchList.DocumentId);
    }

    /// <summary>Adds a term (or replaces the one with the same spelling), keeping the rest; the list's rules apply.</summary>
    public async Task<Outcome<WatchList>> AddAsync(WatchTerm term, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        ArgumentNullException.ThrowIfNull(term);
        var current = await StoredAsync(cancellationToken).ConfigureAwait(false);
        var terms = current.Value.Terms.Where(t => !string.Equals(t.Term, term.Term.Trim(), StringComparison.OrdinalIgnoreCase)).Append(term).ToList();
        return await SaveCheckedAsync(new WatchList(terms), current.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a term by its spelling (case-insensitive); not found when the list has no such term.</summary>
    public async Task<Outcome<WatchList>> RemoveAsync(string term, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        var current = await StoredAsync(cancellationToken).ConfigureAwait(false);
        var kept = current.Value.Terms.Where(t => !string.Equals(t.Term, term.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return kept.Count == current.Value.Terms.Count
            ? Outcome<WatchList>.NotFound(ListeningCodes.WatchTermNotFound, MessageArgs.Of(("term", term)))
            : await SaveCheckedAsync(new WatchList(kept), current.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The spellings of the brand, product and competitor terms (risk terms are ordinary words).</summary>
    private static IEnumerable<string> Names(WatchList list) =>
        list.Terms.Where(t => t.Kind is WatchKind.Brand or WatchKind.Product or WatchKind.Competitor).SelectMany(t => t.Spellings);
}
