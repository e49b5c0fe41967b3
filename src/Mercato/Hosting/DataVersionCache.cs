using System.Collections.Concurrent;
using Mercato.Storage.Sqlite;

namespace Mercato.Hosting;

/// <summary>
/// Results kept per state of the store's data (<see cref="MercatoStore.DataVersion"/>): a commit that changes the data
/// changes the version, and the next read drops every result of the older versions.
/// </summary>
public sealed class DataVersionCache(MercatoStore store)
{
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);

    /// <summary>The result for <paramref name="key"/> at the current data version, computed once.</summary>
    public T Get<T>(string key, Func<T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        // Local days depend on the workspace zone, which a data import does not change: a new zone is a new version.
        var version = store.DataVersion() + "@" + store.TimeZone.Id;
        var full = version + "|" + key;
        if (_entries.TryGetValue(full, out var hit))
        {
            return (T)hit;
        }

        foreach (var stale in _entries.Keys.Where(k => !k.StartsWith(version + "|", StringComparison.Ordinal)))
        {
            _entries.TryRemove(stale, out _);
        }

        var value = compute();
        _entries[full] = value;
        return value;
    }
}
