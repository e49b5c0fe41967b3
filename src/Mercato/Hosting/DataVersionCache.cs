using System.Collections.Concurrent;
using Mercato.Core.DataCenter;

namespace Mercato.Hosting;

/// <summary>
/// Results kept per state of the facts (<see cref="IFactCatalog.DataVersionAsync"/>) and workspace zone: a commit that
/// changes the data changes the version, and the next read drops every result of the older versions. Documents do not
/// change the version, so results that read documents put what they read into the key.
/// </summary>
public sealed class DataVersionCache(IFactCatalog catalog)
{
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);

    /// <summary>The result for <paramref name="key"/> at the current data version and zone, computed once.</summary>
    public async Task<T> GetAsync<T>(string key, TimeZoneInfo zone, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(compute);
        // Local days depend on the workspace zone, which a data import does not change: a new zone is a new version.
        var version = await catalog.DataVersionAsync(cancellationToken).ConfigureAwait(false) + "@" + zone.Id;
        var full = version + "|" + key;
        if (_entries.TryGetValue(full, out var hit))
        {
            return (T)hit;
        }

        foreach (var stale in _entries.Keys.Where(k => !k.StartsWith(version + "|", StringComparison.Ordinal)))
        {
            _entries.TryRemove(stale, out _);
        }

        var value = await compute().ConfigureAwait(false);
        _entries[full] = value;
        return value;
    }
}
