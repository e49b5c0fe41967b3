using System.Globalization;
using Mercato.Core.Common;
using Mercato.Core.Measurement;
using Mercato.Storage.ClickHouse.Tests.Support;
using Mercato.Storage.Demo;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// The small demo's facts in the embedded store and in ClickHouse (one node, then the two-shard cluster) give the same
/// journey aggregates and the same money, to the ten-thousandth.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseParityTests(DemoInBoth loaded) : IClassFixture<DemoInBoth>
{
    public static TheoryData<Layout, string> Queries { get; } = new()
    {
        { Layout.Node, "all" }, { Layout.Cluster, "all" },
        { Layout.Node, "window" }, { Layout.Cluster, "window" },
        { Layout.Node, "lookback7" }, { Layout.Cluster, "lookback7" },
        { Layout.Node, "campaign" }, { Layout.Cluster, "campaign" },
        { Layout.Node, "referral" }, { Layout.Cluster, "referral" },
    };

    private static JourneyQuery QueryOf(string name) => name switch
    {
        "window" => new JourneyQuery(new DateOnly(2024, 11, 1), new DateOnly(2025, 1, 31)),
        "lookback7" => new JourneyQuery(LookbackDays: 7),
        "campaign" => new JourneyQuery(new DateOnly(2024, 12, 1), null, 30, JourneyLabel.Campaign),
        "referral" => new JourneyQuery(null, new DateOnly(2025, 1, 15), 14, JourneyLabel.Referral),
        _ => new JourneyQuery(),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Journeys_EqualTheEmbeddedStores(Layout layout, string query) =>
        await AssertJourneysEqualAsync(await loaded.GetAsync(layout), QueryOf(query));

    [Theory]
    [InlineData(Layout.Node, "all")]
    [InlineData(Layout.Cluster, "all")]
    [InlineData(Layout.Node, "campaign")]
    [InlineData(Layout.Cluster, "referral")]
    public async Task Journeys_InManyPassesOverBucketsOfUsers_EqualTheEmbeddedStores(Layout layout, string query)
    {
        var both = await loaded.GetAsync(layout);
        using var limit = new JourneyPassLimit(2_000); // the small demo's ~20,000 touchpoints: about ten passes per node
        await AssertJourneysEqualAsync(both, QueryOf(query));
    }

    private static async Task AssertJourneysEqualAsync(DemoInBoth.Stores both, JourneyQuery q)
    {
        foreach (var mark in new[] { false, true })
        {
            var expected = Flat(await both.Sqlite.Journeys.PathsAsync(q, mark, default));
            var actual = Flat(await both.ClickHouse.Facts.Journeys.PathsAsync(q, mark, default));
            Assert.True(expected.Count > 3, "the demo gives paths");
            if (Environment.GetEnvironmentVariable("MERCATO_DUMP") is { } dump)
            {
                File.WriteAllLines(dump + ".expected", expected);
                File.WriteAllLines(dump + ".actual", actual);
            }

            Assert.Equal(expected, actual);
        }

        var byMonthExpected = await both.Sqlite.Journeys.PathsByMonthAsync(q, true, default);
        var byMonthActual = await both.ClickHouse.Facts.Journeys.PathsByMonthAsync(q, true, default);
        Assert.Equal(byMonthExpected.Keys.Order(), byMonthActual.Keys.Order());
        foreach (var month in byMonthExpected.Keys)
        {
            Assert.Equal(Flat(byMonthExpected[month]), Flat(byMonthActual[month]));
        }

        foreach (var productCost in new[] { false, true })
        {
            Assert.Equal(Flat(await both.Sqlite.Journeys.TimedPathsAsync(q, productCost, default)),
                Flat(await both.ClickHouse.Facts.Journeys.TimedPathsAsync(q, productCost, default)));
        }
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Money_EqualsTheEmbeddedStores_ToTheTenThousandth(Layout layout)
    {
        var both = await loaded.GetAsync(layout);
        var (expected, actual) = (both.Sqlite.Money, both.ClickHouse.Facts.Money);
        Assert.NotEmpty(await expected.SpendAsync(null, null, default));
        Assert.Equal(await expected.SpendAsync(null, null, default), await actual.SpendAsync(null, null, default));
        var (from, to) = (new YearMonth(2024, 10), new YearMonth(2025, 1));
        Assert.Equal(await expected.SpendAsync(from, to, default), await actual.SpendAsync(from, to, default));
        Assert.NotEmpty(await expected.CostsAsync(null, null, default));
        Assert.Equal(await expected.CostsAsync(null, null, default), await actual.CostsAsync(null, null, default));
        Assert.Equal(await expected.CostsAsync(from, to, default), await actual.CostsAsync(from, to, default));
        Assert.Equal(await expected.DailySpendAsync(default), await actual.DailySpendAsync(default));
        Assert.Equal(await expected.DailyOutcomesAsync(default), await actual.DailyOutcomesAsync(default));
        Assert.Equal(await expected.MonthsAsync(default), await actual.MonthsAsync(default));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task DemoReload_AddsNothing(Layout layout)
    {
        await using var both = await DemoInBoth.LoadAsync(layout);
        var before = await RowsAsync(both.ClickHouse.Facts);
        // Replacing the demo removes the old demo's rows and adds the new ones, as the embedded store counts it; the old
        // rows go in a mutation that ClickHouse applies in the background, and reads are exact meanwhile.
        var load = await DemoFacts.LoadAsync(both.ClickHouse.Facts.Sink, DemoInBoth.Small, null, default);
        Assert.Equal(both.FirstLoad.RowsByKind, load.RowsByKind);
        Assert.Equal(Flat(await both.Sqlite.Journeys.PathsAsync(new JourneyQuery(), false, default)),
            Flat(await both.ClickHouse.Facts.Journeys.PathsAsync(new JourneyQuery(), false, default)));
        await WaitForMutationsAsync(both.ClickHouse.Facts);
        Assert.Equal(before, await RowsAsync(both.ClickHouse.Facts));
        Assert.Equal(Flat(await both.Sqlite.Journeys.PathsAsync(new JourneyQuery(), false, default)),
            Flat(await both.ClickHouse.Facts.Journeys.PathsAsync(new JourneyQuery(), false, default)));
    }

    private static async Task WaitForMutationsAsync(ClickHouseFactStore store)
    {
        foreach (var node in store.Client.Nodes)
        {
            for (var i = 0; i < 300; i++)
            {
                var pending = (await store.Client.QueryAsync(
                    "SELECT count() FROM system.mutations WHERE database = currentDatabase() AND is_done = 0", default, node)).Single()[0];
                if (pending == "0")
                {
                    break;
                }

                await Task.Delay(100);
            }
        }
    }

    private static async Task<long> RowsAsync(ClickHouseFactStore store)
    {
        long total = 0;
        foreach (var kind in ClickHouseSchema.Kinds)
        {
            total += long.Parse((await store.Client.QueryAsync("SELECT count() FROM " + kind.Name, default)).Single()[0]!, CultureInfo.InvariantCulture);
        }

        return total;
    }

    /// <summary>Paths as sorted lines: labels, conversions, revenue, product cost, non-conversions; then the bare conversions.</summary>
    private static List<string> Flat(JourneyPaths paths) =>
    [
        .. paths.Paths.Select((p, i) => string.Join(" > ", p.Touches) + string.Create(CultureInfo.InvariantCulture,
            $" | {p.Conversions} | {p.Revenue:0.0000} | {paths.ProductCosts[i]:0.0000} | {p.NonConversions}")).Order(StringComparer.Ordinal),
        string.Create(CultureInfo.InvariantCulture, $"bare {paths.ConversionsWithoutTouches} {paths.RevenueWithoutTouches:0.0000} left out {paths.TouchesLeftOut}"),
    ];

    private static List<string> Flat(IReadOnlyList<TimedPath> paths) =>
    [
        .. paths.Select(p => string.Join(" > ", p.Touches.Select(t => t.Label + "@" + t.AgeDays.ToString("R", CultureInfo.InvariantCulture)))
            + string.Create(CultureInfo.InvariantCulture, $" | {p.Conversions} | {p.Revenue:0.0000}")).Order(StringComparer.Ordinal),
    ];
}
