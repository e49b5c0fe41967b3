using Mercato.Core.AdMonitoring;
using Mercato.Core.Common;
using Mercato.Core.DataCenter;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// After a second import changes rows already held (spend amounts, clicks moved in time, mentions relabelled and moved,
/// posts moved), every reader of this branch still answers as the embedded store: ClickHouse holds two versions of those
/// keys (no OPTIMIZE is run) and the readers take the last.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseUpdatedFactsParityTests
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task ChangedRows_ReadAsTheirLastVersion_InEveryReader(Layout layout)
    {
        await using var both = await DemoInBoth.LoadAsync(layout);
        var sqlite = both.Sqlite;
        var dataDays = (await sqlite.CampaignFacts.DataDaysAsync(TimeZoneInfo.Utc, default))!.Value;
        var delivery = (await sqlite.CampaignFacts.DeliveryAsync(dataDays, default)).Where(d => d.Code is not null).Take(40).ToList();
        Assert.Equal(40, delivery.Count);
        var spend = delivery.Select(d => (IFact)new SpendFact(d.Day, d.Channel, d.Code, d.Spend + 1.5m, d.Impressions + 7, d.Clicks, d.Conversions)).ToList();
        // Hourly rows (the demo has none): three days, two channels (one named in capitals), with and without a code.
        var channels = delivery.Select(d => d.Channel).Distinct().ToList();
        Assert.True(channels.Count >= 2, "the spend rows name two channels");
        var hourly = (from day in Enumerable.Range(0, 3)
                      from hour in new[] { 0, 9, 23 }
                      from channel in new[] { channels[0].ToUpperInvariant(), channels[1] }
                      select (IFact)new SpendFact(dataDays.Start.AddDays(10 + day), channel, hour == 9 ? null : delivery[day].Code,
                          12.3456m + hour + day, 1000 + hour, 10 + day, hour % 2, Hour: hour)).ToList();
        spend.AddRange(hourly);

        var clickSpan = (await sqlite.Clicks.SpanAsync(default))!.Value;
        var clicks = new List<IFact>();
        await foreach (var click in sqlite.Clicks.ClicksAsync(clickSpan.First, clickSpan.Last, null, default))
        {
            if (clicks.Count < 60)
            {
                clicks.Add(new ClickFact(click with { Timestamp = click.Timestamp.AddHours(clicks.Count % 2 == 0 ? 3 : -2), Placement = "moved" }));
            }
        }

        var mentionSpan = (await sqlite.Mentions.SpanAsync(default))!.Value;
        var page = await sqlite.Mentions.ListAsync(new Core.Listening.MentionQuery(mentionSpan.First, mentionSpan.Last, null, null, null, null, 50, 10), default);
        var mentions = page.Items.Select(m => (IFact)(m with
        {
            Timestamp = m.Timestamp.AddDays(-3),
            Annotation = m.Annotation with { Label = m.Annotation.Label == "negative" ? "positive" : "negative", Terms = ["Kangning"] },
        })).ToArray();

        var latest = await sqlite.Influencers.LatestSnapshotsAsync(new DateOnly(2100, 1, 1), default);
        var lastPost = (await sqlite.Influencers.LatestPostAsync(default))!.Value;
        var posts = (await sqlite.Influencers.PostsAsync(latest[0].Influencer, DateTimeOffset.UnixEpoch, lastPost.AddDays(1), default))
            .Take(20).Select(p => (IFact)(p with { Timestamp = p.Timestamp.AddDays(2), Likes = p.Likes + 5 })).ToArray();
        Assert.NotEmpty(posts);

        foreach (var sink in new[] { sqlite.Sink, both.Facts.Sink })
        {
            var spendCounts = await ImportAsync(sink, DataKinds.Spend, spend);
            Assert.Equal(((long)hourly.Count, 40L), (spendCounts.Added, spendCounts.Updated));
            Assert.Equal(60, (await ImportAsync(sink, DataKinds.Clicks, clicks)).Updated);
            Assert.Equal(50, (await ImportAsync(sink, DataKinds.Mentions, mentions)).Updated);
            Assert.Equal(posts.Length, (await ImportAsync(sink, DataKinds.InfluencerPosts, posts)).Updated);
        }

        var (expected, actual) = (sqlite.CampaignFacts, both.Facts.CampaignFacts);
        var codes = delivery.Select(d => d.Code!).Distinct().ToList();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(await expected.DeliveryAsync(dataDays, default), await actual.DeliveryAsync(dataDays, default));
        var hourlyDelivery = await expected.HourlyDeliveryAsync(dataDays, default);
        Assert.Equal(hourly.Count, hourlyDelivery.Count);
        Assert.Equal(hourlyDelivery, await actual.HourlyDeliveryAsync(dataDays, default));
        var someDays = new DateRange(dataDays.Start.AddDays(11), dataDays.Start.AddDays(12));
        Assert.Equal(await expected.HourlyDeliveryAsync(someDays, default), await actual.HourlyDeliveryAsync(someDays, default));
        Assert.Equal(await expected.ChannelActualsAsync(codes, dataDays, default), await actual.ChannelActualsAsync(codes, dataDays, default));
        Assert.Equal(await expected.ScopeAsync(codes, dataDays, berlin, default), await actual.ScopeAsync(codes, dataDays, berlin, default));
        Assert.Equal(await expected.BusinessAsync(dataDays, berlin, default), await actual.BusinessAsync(dataDays, berlin, default));
        Assert.Equal(await expected.CodeChannelSpendAsync(dataDays, default), await actual.CodeChannelSpendAsync(dataDays, default));
        Assert.Equal(await expected.DailySpendAsync(codes, null, dataDays, default), await actual.DailySpendAsync(codes, null, dataDays, default));

        var span = (await sqlite.Clicks.SpanAsync(default))!.Value;
        Assert.Equal(span, await both.Facts.Clicks.SpanAsync(default));
        var expectedClicks = await ReadAsync(sqlite.Clicks, span.First, span.Last.AddMilliseconds(1));
        Assert.Contains(expectedClicks, c => c.Placement == "moved");
        Assert.Equal(expectedClicks, await ReadAsync(both.Facts.Clicks, span.First, span.Last.AddMilliseconds(1)));

        await ClickHouseMentionParityTests.AssertSameAsync(sqlite.Mentions, both.Facts.Mentions);

        var end = lastPost.AddDays(10);
        Assert.Equal(await sqlite.Influencers.PostTotalsAsync(DateTimeOffset.UnixEpoch, end, default), await both.Facts.Influencers.PostTotalsAsync(DateTimeOffset.UnixEpoch, end, default));
        Assert.Equal(await sqlite.Influencers.PostsAsync(latest[0].Influencer, DateTimeOffset.UnixEpoch, end, default),
            await both.Facts.Influencers.PostsAsync(latest[0].Influencer, DateTimeOffset.UnixEpoch, end, default));
        Assert.Equal(await sqlite.Influencers.LatestPostAsync(default), await both.Facts.Influencers.LatestPostAsync(default));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task EmptyStore_AnswersAsTheEmbeddedStore(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var (sqlite, facts) = (db.Documents, db.Facts);
        var window = new DateRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31));
        Assert.Null(await facts.CampaignFacts.DataDaysAsync(TimeZoneInfo.Utc, default));
        Assert.Equal(await sqlite.CampaignFacts.BusinessAsync(window, TimeZoneInfo.Utc, default), await facts.CampaignFacts.BusinessAsync(window, TimeZoneInfo.Utc, default));
        Assert.Equal(await sqlite.CampaignFacts.ScopeAsync(["x"], window, TimeZoneInfo.Utc, default), await facts.CampaignFacts.ScopeAsync(["x"], window, TimeZoneInfo.Utc, default));
        Assert.Equal(await sqlite.CampaignFacts.ChannelEvidenceAsync(window, TimeZoneInfo.Utc, default), await facts.CampaignFacts.ChannelEvidenceAsync(window, TimeZoneInfo.Utc, default));
        Assert.Empty(await facts.CampaignFacts.DeliveryAsync(window, default));
        Assert.Empty(await facts.CampaignFacts.ReferralTouchesAsync(null, null, default));
        Assert.Null(await facts.Mentions.SpanAsync(default));
        Assert.Empty(await facts.Mentions.HourlyAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default));
        Assert.Equal(0, (await facts.Mentions.ListAsync(new Core.Listening.MentionQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, null, null, null, null, 10, 0), default)).Total);
        Assert.Equal((0L, 0L), await facts.Mentions.RescoreAsync(m => m.Annotation, default) is var r ? (r.Read, r.Updated) : default);
        Assert.Null(await facts.Clicks.SpanAsync(default));
        Assert.Empty(await ReadAsync(facts.Clicks, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue));
        Assert.Null(await facts.Influencers.LatestPostAsync(default));
        Assert.Empty(await facts.Influencers.LatestSnapshotsAsync(new DateOnly(2100, 1, 1), default));
        Assert.Empty(await facts.Influencers.PostTotalsAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default));
    }

    private static async Task<WriteCounts> ImportAsync(IFactSink sink, DataKind kind, IReadOnlyList<IFact> facts)
    {
        await using var session = await sink.BeginAsync([new BatchStart(kind, "update.csv", "csv")], new FactSessionOptions(), default);
        foreach (var fact in facts)
        {
            session.Write(fact);
        }

        var counts = (await session.FlushAsync(default))[0];
        await session.CommitAsync([new BatchEnd(ImportStatus.Committed, facts.Count, counts.Added, counts.Updated, counts.Unchanged, 0, null, [], [])], null, default);
        return counts;
    }

    private static async Task<List<ClickRecord>> ReadAsync(IClickStore store, DateTimeOffset from, DateTimeOffset to)
    {
        var clicks = new List<ClickRecord>();
        await foreach (var click in store.ClicksAsync(from, to, null, default))
        {
            clicks.Add(click);
        }

        return clicks;
    }
}
