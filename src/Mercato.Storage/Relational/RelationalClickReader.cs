using System.Runtime.CompilerServices;
using Dapper;
using Mercato.Core.AdMonitoring;

namespace Mercato.Storage.Relational;

/// <summary>
/// The clicks table for ad monitoring (<see cref="IClickStore"/>): the log in (time, click id) order, read in pages that
/// each continue after the last row of the one before (keyset paging over the <c>clicks_ts</c> and
/// <c>clicks_channel_ts</c> indexes), so no page re-reads what came before and no cursor stays open between pages.
/// </summary>
internal sealed class RelationalClickReader(RelationalStore store) : IClickStore
{
    /// <summary>Clicks read per page.</summary>
    internal const int PageSize = 10_000;

    private const string Columns =
        "click_id AS ClickId, ts AS Ts, channel_id AS ChannelId, campaign AS Campaign, user_id AS UserId, device_id AS DeviceId, "
        + "ip AS Ip, user_agent AS UserAgent, placement AS Placement, install_ts AS InstallTs";

    public async IAsyncEnumerable<ClickRecord> ClicksAsync(
        DateTimeOffset from, DateTimeOffset to, string? channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        var names = await ChannelNamesAsync(cancellationToken).ConfigureAwait(false);

        long? channelId = null;
        if (channel is not null)
        {
            var match = names.Where(c => string.Equals(c.Value, channel.Trim(), StringComparison.OrdinalIgnoreCase)).Select(c => (long?)c.Key).FirstOrDefault();
            if (match is null)
            {
                yield break;
            }

            channelId = match;
        }

        var where = "ts >= @first AND ts < @end" + (channelId is null ? "" : " AND channel_id = @channel");
        var order = $"ORDER BY ts, {d.Bytewise("click_id")}";
        var firstPage = $"SELECT {Columns} FROM clicks WHERE {where} {order} LIMIT {PageSize}";
        var nextPage = $"SELECT {Columns} FROM clicks WHERE {where} AND (ts, {d.Bytewise("click_id")}) > (@afterTs, @afterId) {order} LIMIT {PageSize}";
        var p = new DynamicParameters();
        p.Add("first", from.ToUnixTimeMilliseconds());
        p.Add("end", to.ToUnixTimeMilliseconds());
        if (channelId is { } id)
        {
            p.Add("channel", id);
        }

        // One copy of each repeated text (user agents, campaigns, placements): a window's clicks are held in memory by the
        // rules, and a user agent alone is some 300 bytes a click. Users, devices and addresses repeat too little to pay.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var after = false;
        while (true)
        {
            List<Row> page;
            await using (var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                page = [.. await connection.QueryAsync<Row>(new CommandDefinition(after ? nextPage : firstPage, p, cancellationToken: cancellationToken)).ConfigureAwait(false)];
            }

            // An import running meanwhile may have added a channel after the names were read.
            if (page.Exists(r => !names.ContainsKey(r.ChannelId)))
            {
                names = await ChannelNamesAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var row in page)
            {
                yield return row.ToRecord(names, pool);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = true;
            p.Add("afterTs", page[^1].Ts);
            p.Add("afterId", page[^1].ClickId);
        }
    }

    private async Task<Dictionary<long, string>> ChannelNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM channels", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(c => c.Id, c => c.Name);
    }

    public Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(CancellationToken cancellationToken) =>
        RelationalTimeSpan.OfAsync(store, "clicks", cancellationToken);

    /// <summary>The most distinct texts pooled per read (user agents are the many; a crawler farm can send millions).</summary>
    private const int MaxPooled = 1 << 20;

    private sealed class Row
    {
        public string ClickId { get; set; } = "";

        public long Ts { get; set; }

        public long ChannelId { get; set; }

        public string? Campaign { get; set; }

        public string? UserId { get; set; }

        public string? DeviceId { get; set; }

        public string? Ip { get; set; }

        public string? UserAgent { get; set; }

        public string? Placement { get; set; }

        public long? InstallTs { get; set; }

        public ClickRecord ToRecord(IReadOnlyDictionary<long, string> channels, Dictionary<string, string> pool) => new(
            ClickId, DateTimeOffset.FromUnixTimeMilliseconds(Ts), channels.TryGetValue(ChannelId, out var name) ? name : "?", Intern(Campaign, pool),
            UserId, DeviceId, Ip, Intern(UserAgent, pool), Intern(Placement, pool),
            InstallTs is { } install ? DateTimeOffset.FromUnixTimeMilliseconds(install) : null);

        /// <summary>The pooled copy of <paramref name="text"/>; the pool stops growing at <see cref="MaxPooled"/> distinct texts.</summary>
        private static string? Intern(string? text, Dictionary<string, string> pool)
        {
            if (text is null)
            {
                return null;
            }

            if (pool.TryGetValue(text, out var pooled))
            {
                return pooled;
            }

            if (pool.Count < MaxPooled)
            {
                pool[text] = text;
            }

            return text;
        }
    }
}
