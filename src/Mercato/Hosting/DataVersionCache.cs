using System.Collections.Concurrent;
using Mercato.Core.DataCenter;

namespace Mercato.Hosting;

/// <summary>
/// Results kept per state of the facts they read (<see cref="IFactCatalog.DataVersionsAsync"/>, per data kind) and zone:
/// a commit that changes a kind drops, at the next read, every result that reads that kind, and only those. A result
/// that names no kinds reads them all. Documents do not change the versions, so results that read documents put what
/// they read into the key.
/// </summary>
public sealed class DataVersionCache(IFactCatalog catalog)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The result for <paramref name="key"/> at the current version of every kind and <paramref name="zone"/>, computed once.</summary>
    public Task<T> GetAsync<T>(string key, TimeZoneInfo zone, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => GetAsync(key, zone, null, compute, cancellationToken);

    /// <summary>
    /// The result for <paramref name="key"/> at the current version of the kinds it <paramref name="reads"/> (null: every
    /// kind) and <paramref name="zone"/>, computed once. Name a kind here only when no part of the computation reads
    /// another: a result kept past a change of a kind it reads would be wrong.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, TimeZoneInfo zone, IReadOnlyList<DataKind>? reads, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(compute);
        var versions = await catalog.DataVersionsAsync(cancellationToken).ConfigureAwait(false);
        string[]? kinds = reads is null ? null : [.. reads.Select(k => k.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        // Local days depend on the zone, which a data import does not change: another zone is another entry.
        var full = zone.Id + "|" + (kinds is null ? "*" : string.Join(',', kinds)) + "|" + key;
        var version = Version(kinds, versions);
        if (_entries.TryGetValue(full, out var hit) && hit.Version == version)
        {
            return (T)hit.Value;
        }

        foreach (var (entryKey, entry) in _entries)
        {
            if (entry.Version != Version(entry.Kinds, versions))
            {
                _entries.TryRemove(KeyValuePair.Create(entryKey, entry));
            }
        }

        var value = await compute().ConfigureAwait(false);
        _entries[full] = new Entry(kinds, version, value);
        return value;
    }

    /// <summary>The versions of <paramref name="kinds"/> (null: every kind with data) as one text; a kind without data is "-".</summary>
    private static string Version(string[]? kinds, IReadOnlyDictionary<string, string> versions) =>
        kinds is null
            ? string.Join(';', versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value))
            : string.Join(';', kinds.Select(k => k + "=" + versions.GetValueOrDefault(k, "-")));

    private sealed record Entry(string[]? Kinds, string Version, object Value);
}
