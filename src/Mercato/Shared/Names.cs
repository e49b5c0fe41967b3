using System.Collections.Concurrent;

namespace Mercato.Shared;

/// <summary>
/// The names of the workspace's records in the language in effect (<see cref="DisplayNames"/>): what a page shows for a
/// unit, person, campaign, squad, channel or the company. Each request is given the display names of its language once
/// (<see cref="Use"/>, as its language is resolved); a record without one shows its stored name, and so does
/// everything outside a request (the command line).
/// </summary>
public static class Names
{
    private static readonly AsyncLocal<DisplayNames?> Current = new();

    /// <summary>The display name of record <paramref name="id"/> of <paramref name="kind"/> in the language in effect, else <paramref name="stored"/>.</summary>
    public static string Of(string kind, string id, string stored) =>
        Current.Value is { } names && id is not null && names.Find(kind, id) is { } name ? name : stored;

    /// <summary>Whether this flow has display names at all (a workspace without any has none).</summary>
    public static bool Any => Current.Value is { Names.Count: > 0 };

    /// <summary>
    /// Gives this flow <paramref name="names"/> (null: none): the request's, as its language is resolved
    /// (<see cref="NameBooks.GetAsync"/>). Synchronous on purpose: a value set inside an async method would not reach the caller.
    /// </summary>
    public static void Use(DisplayNames? names) => Current.Value = names;
}

/// <summary>
/// The display names of each language, read from the store and kept while the stored document does not change: a read
/// of one document per request, parsed again only when the document's version or save time moved.
/// </summary>
public sealed class NameBooks(IDocumentStore documents)
{
    private readonly ConcurrentDictionary<string, (long Version, string SavedAt, DisplayNames Names)> _books = new(StringComparer.Ordinal);

    /// <summary>The display names of <paramref name="language"/> as stored now (none when none are).</summary>
    public async Task<DisplayNames> GetAsync(string language, CancellationToken cancellationToken)
    {
        var stored = await documents.GetAsync(DisplayNames.Document.Collection, language, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _books.TryRemove(language, out _);
            return new DisplayNames(language, new Dictionary<string, string>());
        }

        if (_books.TryGetValue(language, out var kept) && kept.Version == stored.Version && kept.SavedAt == stored.SavedAt)
        {
            return kept.Names;
        }

        var names = DisplayNames.Document.FromJson(stored.Json);
        _books[language] = (stored.Version, stored.SavedAt, names);
        return names;
    }
}
