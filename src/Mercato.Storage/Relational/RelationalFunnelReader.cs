using Dapper;
using Mercato.Core.Measurement.Funnels;

namespace Mercato.Storage.Relational;

/// <summary>
/// The activity of funnels (<see cref="IFunnelReader"/>) in standard SQL both stores take, in one snapshot: the users who
/// entered (the n-th event of step 1 in the period, numbered by <c>ROW_NUMBER</c>), their first touchpoint's channel group
/// at or before the entry (one index seek each on the journey index), and their events of the funnel's words from the
/// period's start to before entry + window, streamed in (user, time) order. The activity table has no index but its key,
/// so each of the two activity reads is one scan filtered on the event word and time; conversions are read as the event
/// <c>conversion</c> beside them.
/// </summary>
internal sealed class RelationalFunnelReader(RelationalStore store) : IFunnelReader
{
    /// <summary>
    /// The events a funnel's steps name: the activity events, and every conversion (an order of the conversions kind) as the
    /// event <see cref="FunnelDefinition.ConversionEvent"/>, so that a funnel reaches a first and a repeat purchase.
    /// </summary>
    private static readonly string Steps = $"""
        steps AS (
            SELECT user_id, event, ts FROM activity
            UNION ALL
            SELECT user_id, '{FunnelDefinition.ConversionEvent}' AS event, ts FROM conversions
        )
        """;

    public async Task<IReadOnlyList<ActivityEventWord>> EventsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Event, long Rows, long First, long Last)>(new CommandDefinition(
            $"WITH {Steps} SELECT event, COUNT(*), MIN(ts), MAX(ts) FROM steps GROUP BY event ORDER BY {store.Dialect.Bytewise("event")}",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ActivityEventWord(r.Event, r.Rows, r.First, r.Last))];
    }

    public async Task ReadAsync(FunnelRead read, Action<FunnelUser> each, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(each);
        var d = store.Dialect;
        var entered = $"""
            WITH {Steps},
            firsts AS (
                SELECT user_id, ts, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts) AS n
                FROM steps WHERE event = @entryEvent AND ts >= @from AND ts < @entryEnd
            ),
            entered AS (
                SELECT user_id, ts AS entry FROM firsts WHERE n = @occurrence
            )
            """;
        var parameters = new
        {
            entryEvent = read.EntryEvent,
            occurrence = (long)read.EntryOccurrence,
            from = read.From,
            entryEnd = read.EntryEnd,
            within = read.WithinMillis,
            events = read.Events.ToArray(),
        };
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, group) in await connection.QueryAsync<(string User, string? Group)>(new CommandDefinition(
                     entered + $"""
                      SELECT e.user_id,
                             (SELECT c.grp FROM touchpoints t JOIN channels c ON c.id = t.channel_id
                              WHERE {d.Bytewise("t.user_id")} = e.user_id AND t.ts <= e.entry
                              ORDER BY t.ts, t.channel_id LIMIT 1)
                      FROM entered e
                      """,
                     parameters, tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            if (group is not null)
            {
                groups[user] = group;
            }
        }

        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                         entered + $"""
                          SELECT a.user_id, a.event, a.ts
                          FROM steps a JOIN entered e ON e.user_id = a.user_id
                          WHERE {d.In("a.event", "@events")} AND a.ts >= @from AND a.ts < e.entry + @within
                          ORDER BY {d.Bytewise("a.user_id")}, a.ts
                          """,
                         parameters, tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            string? current = null;
            var events = new List<FunnelEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var user = reader.GetString(0);
                if (!string.Equals(user, current, StringComparison.Ordinal))
                {
                    Flush(current, events, groups, each);
                    current = user;
                    events = [];
                }

                events.Add(new FunnelEvent(reader.GetString(1), reader.GetInt64(2)));
            }

            Flush(current, events, groups, each);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Flush(string? user, List<FunnelEvent> events, Dictionary<string, string> groups, Action<FunnelUser> each)
    {
        if (user is not null)
        {
            each(new FunnelUser(user, events, groups.GetValueOrDefault(user)));
        }
    }
}
