using Mercato.Core.AdMonitoring;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// The click log in ClickHouse (one node, then the two-shard cluster, whose two streams are merged) reads as the embedded
/// store's over the small demo: every click, in (time, click id) order, whole and by channel, and the same span.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseClickParityTests(DemoInBoth demo) : IClassFixture<DemoInBoth>
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Clicks_EqualTheEmbeddedStores_InTimeOrder(Layout layout)
    {
        var both = await demo.GetAsync(layout);
        var (expected, actual) = (both.Sqlite.Clicks, both.Facts.Clicks);
        var span = await expected.SpanAsync(default);
        Assert.NotNull(span);
        Assert.Equal(span, await actual.SpanAsync(default));
        var (first, last) = span.Value;
        var end = last.AddMilliseconds(1);

        var all = await ReadAsync(expected, first, end, null);
        Assert.True(all.Count > 1_000, "the demo has a click log");
        Assert.Equal(all, await ReadAsync(actual, first, end, null));
        // Ties on the instant are ordered by click id on both sides.
        Assert.Contains(all.Zip(all.Skip(1)), p => p.First.Timestamp == p.Second.Timestamp);

        var middle = first + ((last - first) / 2);
        var channel = all[all.Count / 2].Channel;
        foreach (var (from, to, name) in new[]
                 {
                     (middle, end, null), (first, middle, channel.ToUpperInvariant()), (first, end, " " + channel), (first, end, "no-such-channel"),
                     (middle, middle, null),
                 })
        {
            var clicks = await ReadAsync(expected, from, to, name);
            Assert.True(clicks.Count > 0 || name == "no-such-channel" || from == to, "the window holds clicks");
            Assert.Equal(clicks, await ReadAsync(actual, from, to, name));
        }
    }

    private static async Task<List<ClickRecord>> ReadAsync(IClickStore store, DateTimeOffset from, DateTimeOffset to, string? channel)
    {
        var clicks = new List<ClickRecord>();
        await foreach (var click in store.ClicksAsync(from, to, channel, default))
        {
            clicks.Add(click);
        }

        return clicks;
    }
}
