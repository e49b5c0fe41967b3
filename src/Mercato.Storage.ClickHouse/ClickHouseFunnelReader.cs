using Mercato.Core.Measurement.Funnels;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The activity of funnels (<see cref="IFunnelReader"/>) over the last version of each key. A user's activity,
/// conversions and touchpoints are on one shard, so each node finds its users who entered (the n-th step-1 event in the
/// period: the n-th of the user's sorted instants), their first touch at or before the entry, and streams their events
/// of the funnel's words from the period's start to before entry + window, ordered by user and time; the users of one
/// node come one after another, so each user is handed over once all their events are read. Conversions are read as the
/// event <see cref="FunnelDefinition.ConversionEvent"/>, as the relational stores read them.
/// </summary>
internal sealed class ClickHouseFunnelReader(ClickHouseFactStore store) : IFunnelReader
{
    public async Task<IReadOnlyList<ActivityEventWord>> EventsAsync(CancellationToken cancellationToken)
    {
        var words = new Dictionary<string, (long Rows, long First, long Last)>(StringComparer.Ordinal);
        foreach (var row in await store.AllNodesAsync(
                     $"SELECT event, count(), min(ts), max(ts) FROM ({Steps()}) GROUP BY event", cancellationToken).ConfigureAwait(false))
        {
            var (rows, first, last) = (ClickHouseFactStore.Int(row[1]), ClickHouseFactStore.Int(row[2]), ClickHouseFactStore.Int(row[3]));
            words[row[0]!] = words.TryGetValue(row[0]!, out var w) ? (w.Rows + rows, Math.Min(w.First, first), Math.Max(w.Last, last)) : (rows, first, last);
        }

        return [.. words.OrderBy(w => w.Key, ClickHouseReads.Bytewise.Instance).Select(w => new ActivityEventWord(w.Key, w.Value.Rows, w.Value.First, w.Value.Last))];
    }

    public async Task ReadAsync(FunnelRead read, Action<FunnelUser> each, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(each);
        var occurrence = ClickHouseSql.Literal((long)read.EntryOccurrence);
        var from = ClickHouseSql.Literal(read.From);
        var entered = $"""
            SELECT user_id, arraySort(groupArray(ts))[{occurrence}] AS entry
            FROM ({Steps()})
            WHERE event = {ClickHouseSql.Literal(read.EntryEvent)} AND ts >= {from} AND ts < {ClickHouseSql.Literal(read.EntryEnd)}
            GROUP BY user_id
            HAVING count() >= {occurrence}
            """;
        // The first touch at or before the entry: by time, then the lower channel id.
        var firstTouches = $"""
            SELECT user_id, argMin(channel, tuple(ts, channel))
            FROM (SELECT t.1 AS user_id, t.2 AS ts, t.3 AS channel FROM ({store.Latest("touchpoints", "user_id, ts, channel_id", "t")}))
            ANY INNER JOIN ({entered}) USING user_id
            WHERE ts <= entry
            GROUP BY user_id
            """;
        var events = $"""
            SELECT user_id, event, ts
            FROM ({Steps()}) ANY INNER JOIN ({entered}) USING user_id
            WHERE event IN ({ClickHouseSql.List(read.Events)}) AND ts >= {from} AND ts < entry + {ClickHouseSql.Literal(read.WithinMillis)}
            ORDER BY user_id, ts, event
            """;

        var channelGroups = (await store.Channels.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Id, c => c.Group);
        foreach (var node in store.Client.Nodes)
        {
            var groups = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in await store.Client.QueryAsync(firstTouches, cancellationToken, node).ConfigureAwait(false))
            {
                if (channelGroups.TryGetValue(ClickHouseFactStore.Int(row[1]), out var group))
                {
                    groups[row[0]!] = group;
                }
            }

            string? current = null;
            var userEvents = new List<FunnelEvent>();
            await store.Client.QueryEachAsync(events, row =>
            {
                if (!string.Equals(row[0], current, StringComparison.Ordinal))
                {
                    Flush(current, userEvents, groups, each);
                    current = row[0];
                    userEvents = [];
                }

                userEvents.Add(new FunnelEvent(row[1]!, ClickHouseFactStore.Int(row[2])));
            }, cancellationToken, node).ConfigureAwait(false);
            Flush(current, userEvents, groups, each);
        }
    }

    /// <summary>
    /// The events a funnel's steps name, on a node: the last version of each activity event, and every conversion as the
    /// event <see cref="FunnelDefinition.ConversionEvent"/>.
    /// </summary>
    private string Steps() => $"""
        SELECT a.1 AS user_id, a.2 AS event, a.3 AS ts FROM ({store.Latest("activity", "user_id, event, ts", "a")})
        UNION ALL
        SELECT c.1 AS user_id, toNullable({ClickHouseSql.Literal(FunnelDefinition.ConversionEvent)}) AS event, c.2 AS ts
        FROM ({store.Latest("conversions", "user_id, ts", "c")})
        """;

    private static void Flush(string? user, List<FunnelEvent> events, Dictionary<string, string> groups, Action<FunnelUser> each)
    {
        if (user is not null)
        {
            each(new FunnelUser(user, events, groups.GetValueOrDefault(user)));
        }
    }
}
