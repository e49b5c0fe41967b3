using Mercato.Core.Common;
using Mercato.Core.Campaigns;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// The campaign fact reader in ClickHouse (one node, then the two-shard cluster) answers as the embedded store's does over
/// the small demo: same rows in the same order, money to the unit, for UTC, a zone without daylight saving and one with it.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseCampaignParityTests(DemoInBoth demo) : IClassFixture<DemoInBoth>
{
    public static TheoryData<Layout, string> Zones { get; } = new()
    {
        { Layout.Node, "UTC" }, { Layout.Cluster, "UTC" },
        { Layout.Node, "Asia/Shanghai" }, { Layout.Cluster, "Asia/Shanghai" },
        { Layout.Node, "Europe/Berlin" }, { Layout.Cluster, "Europe/Berlin" },
    };

    /// <summary>Crosses Berlin's change from summer time (2024-10-27) and a month end.</summary>
    private static readonly DateRange Autumn = new(new DateOnly(2024, 10, 20), new DateOnly(2024, 12, 3));

    private static async Task<(ICampaignFactReader Expected, ICampaignFactReader Actual, DateRange All)> ReadersAsync(DemoInBoth demo, Layout layout)
    {
        var both = await demo.GetAsync(layout);
        var all = await both.Sqlite.CampaignFacts.DataDaysAsync(TimeZoneInfo.Utc, default);
        Assert.NotNull(all);
        return (both.Sqlite.CampaignFacts, both.Facts.CampaignFacts, all.Value);
    }

    private static async Task<List<string>> CodesAsync(ICampaignFactReader expected, DateRange all)
    {
        var codes = (await expected.DeliveryAsync(all, default)).Select(r => r.Code).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(codes.Count >= 2, "the demo's spend carries campaign codes");
        return codes;
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task ScopeBusinessEvidenceAndDays_EqualTheEmbeddedStores(Layout layout, string zoneId)
    {
        var (expected, actual, all) = await ReadersAsync(demo, layout);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var codes = await CodesAsync(expected, all);
        foreach (var window in new[] { all, Autumn, new DateRange(new DateOnly(2024, 11, 5), new DateOnly(2024, 11, 5)) })
        {
            foreach (var scope in new[] { codes, codes.Take(1).ToList(), ["no-such-code"], [] })
            {
                Assert.Equal(await expected.ScopeAsync(scope, window, zone, default), await actual.ScopeAsync(scope, window, zone, default));
            }

            var business = await expected.BusinessAsync(window, zone, default);
            Assert.True(business.Touchpoints > 0 && (window.Start == window.End || business.Conversions > 0), "the window holds touchpoints and conversions");
            Assert.Equal(business, await actual.BusinessAsync(window, zone, default));
            Assert.Equal(await expected.ChannelEvidenceAsync(window, zone, default), await actual.ChannelEvidenceAsync(window, zone, default));
        }

        var scoped = await expected.ScopeAsync(codes, all, zone, default);
        Assert.True(scoped.Touchpoints > 0 && scoped.Participants > 0 && scoped.Impressions > 0, "the campaigns have touchpoints and impressions");
        var evidence = await expected.ChannelEvidenceAsync(all, zone, default);
        Assert.True(evidence.ActiveChannels > 0 && evidence.NewChannels > 0 && evidence.SearchPortalTouchpoints > 0, "the demo has channel evidence");
        Assert.Equal(await expected.DataDaysAsync(zone, default), await actual.DataDaysAsync(zone, default));
        var sessions = await expected.LiveStreamsAsync(all, zone, default);
        Assert.NotEmpty(sessions);
        Assert.Equal(sessions, await actual.LiveStreamsAsync(all, zone, default));
        Assert.Equal(await expected.LiveStreamsAsync(Autumn, zone, default), await actual.LiveStreamsAsync(Autumn, zone, default));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task SpendActualsDeliveryAndCosts_EqualTheEmbeddedStores(Layout layout)
    {
        var (expected, actual, all) = await ReadersAsync(demo, layout);
        var codes = await CodesAsync(expected, all);
        foreach (var window in new[] { all, Autumn })
        {
            var actuals = await expected.ChannelActualsAsync(codes, window, default);
            Assert.NotEmpty(actuals);
            Assert.Equal(actuals, await actual.ChannelActualsAsync(codes, window, default));
            Assert.Equal(await expected.ChannelActualsAsync(codes.Take(1).ToList(), window, default), await actual.ChannelActualsAsync(codes.Take(1).ToList(), window, default));
            Assert.Empty(await actual.ChannelActualsAsync([], window, default));

            var delivery = await expected.DeliveryAsync(window, default);
            Assert.NotEmpty(delivery);
            Assert.Equal(delivery, await actual.DeliveryAsync(window, default));
            var hourly = await expected.HourlyDeliveryAsync(window, default);
            Assert.Equal(hourly, await actual.HourlyDeliveryAsync(window, default));
            // The demo has daily spend only: ClickHouseUpdatedFactsParityTests imports hourly rows.

            var channels = delivery.Select(d => d.Channel).Distinct().Order(StringComparer.Ordinal).ToList();
            var upper = new List<string> { channels[0].ToUpperInvariant(), "no-such-channel" };
            foreach (var (c, ch) in new (IReadOnlyCollection<string>?, IReadOnlyCollection<string>?)[]
                     { (null, null), (codes, null), (null, channels), (null, upper), (codes.Take(1).ToList(), channels.Take(2).ToList()), ([], null), (null, ["no-such-channel"]) })
            {
                Assert.Equal(await expected.DailySpendAsync(c, ch, window, default), await actual.DailySpendAsync(c, ch, window, default));
            }

            Assert.NotEmpty(await expected.DailySpendAsync(null, upper, window, default));
            var codeChannel = await expected.CodeChannelSpendAsync(window, default);
            Assert.Contains(codeChannel, r => r.Code is null);
            Assert.Equal(codeChannel, await actual.CodeChannelSpendAsync(window, default));
        }

        var costCodes = await CostCodesAsync(await demo.GetAsync(layout));
        Assert.NotEmpty(costCodes);
        var costs = await expected.CostActualsAsync(costCodes, default);
        Assert.NotEmpty(costs);
        Assert.Equal(costs, await actual.CostActualsAsync(costCodes, default));
        costs = await expected.CostActualsAsync(codes, default);
        Assert.Equal(costs, await actual.CostActualsAsync(codes, default));
        Assert.Equal(await expected.CostActualsAsync(["no-such-code"], default), await actual.CostActualsAsync(["no-such-code"], default));
        Assert.Equal(await expected.ChannelGroupsSignatureAsync(default), await actual.ChannelGroupsSignatureAsync(default));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task ReferralTouches_EqualTheEmbeddedStores(Layout layout)
    {
        var (expected, actual, _) = await ReadersAsync(demo, layout);
        var touches = await expected.ReferralTouchesAsync(null, null, default);
        Assert.NotEmpty(touches);
        Assert.Equal(touches, await actual.ReferralTouchesAsync(null, null, default));
        foreach (var (from, to) in new (DateOnly?, DateOnly?)[] { (new DateOnly(2024, 11, 1), null), (null, new DateOnly(2024, 12, 31)), (new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 30)) })
        {
            Assert.Equal(await expected.ReferralTouchesAsync(from, to, default), await actual.ReferralTouchesAsync(from, to, default));
        }
    }

    /// <summary>The campaign codes the embedded store's cost rows carry (the demo books influencer fees to them).</summary>
    private static async Task<List<string>> CostCodesAsync(DemoInBoth.Stores both)
    {
        await using var connection = await both.Sqlite.OpenConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT campaign FROM costs WHERE campaign IS NOT NULL ORDER BY campaign";
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }
}
