using System.Runtime.CompilerServices;
using Mercato.Core.AdMonitoring;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Ad monitoring's click log over ClickHouse (<see cref="IClickStore"/>): each node streams the last version of its clicks
/// in the window, ordered by time and click id, and the nodes' streams are merged here in that order (a click lives on
/// one shard), so the log is never held in memory at once. Channel names come from the catalog.
/// </summary>
internal sealed class ClickHouseClickStore(ClickHouseFactStore store) : IClickStore
{
    private const string Columns = "click_id, ts, channel_id, campaign, user_id, device_id, ip, user_agent, placement, install_ts";

    public async IAsyncEnumerable<ClickRecord> ClicksAsync(
        DateTimeOffset from, DateTimeOffset to, string? channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        var filter = "c.2 >= " + ClickHouseSql.Literal(from.ToUnixTimeMilliseconds()) + " AND c.2 < " + ClickHouseSql.Literal(to.ToUnixTimeMilliseconds());
        if (channel is not null)
        {
            // Matched ignoring case as the catalog matches names; an unknown channel has no clicks.
            var match = names.Where(c => string.Equals(c.Value, channel.Trim(), StringComparison.OrdinalIgnoreCase)).Select(c => (long?)c.Key).FirstOrDefault();
            if (match is not { } id)
            {
                yield break;
            }

            filter += " AND c.3 = " + ClickHouseSql.Literal(id);
        }

        var sql = $"SELECT c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, c.10 FROM ({store.Latest("clicks", Columns, "c")}) WHERE {filter} ORDER BY c.2, c.1";
        var streams = new List<IAsyncEnumerator<string?[]>>();
        try
        {
            // Each node's stream in (time, click id) order; the queue holds each stream's next row.
            var queue = new PriorityQueue<IAsyncEnumerator<string?[]>, (long Ts, string Id)>(Order.Instance);
            foreach (var node in store.Client.Nodes)
            {
                var stream = store.Client.StreamAsync(sql, node, cancellationToken).GetAsyncEnumerator(cancellationToken);
                streams.Add(stream);
                if (await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    queue.Enqueue(stream, (Int(stream.Current[1]), stream.Current[0]!));
                }
            }

            while (queue.TryDequeue(out var next, out _))
            {
                var row = next.Current;
                if (!names.ContainsKey(Int(row[2])))
                {
                    // An import running meanwhile may have added a channel after the names were read.
                    names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
                }

                yield return ToRecord(row, names);
                if (await next.MoveNextAsync().ConfigureAwait(false))
                {
                    queue.Enqueue(next, (Int(next.Current[1]), next.Current[0]!));
                }
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(CancellationToken cancellationToken)
    {
        // min and max of no rows are 0 in ClickHouse, not null: each node says how many rows it read.
        var held = (await store.AllNodesAsync($"SELECT toInt64(count()), min(c.1), max(c.1) FROM ({store.Latest("clicks", "ts", "c")})", cancellationToken)
            .ConfigureAwait(false)).Where(r => Int(r[0]) > 0).ToList();
        return held.Count == 0
            ? null
            : (DateTimeOffset.FromUnixTimeMilliseconds(held.Min(r => Int(r[1]))), DateTimeOffset.FromUnixTimeMilliseconds(held.Max(r => Int(r[2]))));
    }

    private static ClickRecord ToRecord(string?[] r, IReadOnlyDictionary<long, string> names) => new(
        r[0]!, DateTimeOffset.FromUnixTimeMilliseconds(Int(r[1])), names.TryGetValue(Int(r[2]), out var name) ? name : "?", r[3],
        r[4], r[5], r[6], r[7], r[8], r[9] is { } install ? DateTimeOffset.FromUnixTimeMilliseconds(Int(install)) : null);

    private static long Int(string? text) => ClickHouseFactStore.Int(text);

    /// <summary>Time, then click id bytewise: the order each node sorts by.</summary>
    private sealed class Order : IComparer<(long Ts, string Id)>
    {
        public static Order Instance { get; } = new();

        public int Compare((long Ts, string Id) x, (long Ts, string Id) y) =>
            x.Ts != y.Ts ? x.Ts.CompareTo(y.Ts) : ClickHouseReads.Bytewise.Instance.Compare(x.Id, y.Id);
    }
}
