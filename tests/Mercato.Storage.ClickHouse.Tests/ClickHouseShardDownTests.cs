using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>A shard that is down fails the read: never a figure made of the shards that answered.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseShardDownTests
{
    [Fact]
    public async Task ShardDown_FailsEveryRead_NeverAPartialFigure()
    {
        await using var db = await ClickHouseFixture.CreateAsync(Layout.Cluster);
        var t0 = new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await using (var session = await db.Facts.Sink.BeginAsync(
            [new BatchStart(DataKinds.Touchpoints, "t.csv", "csv"), new BatchStart(DataKinds.Spend, "s.csv", "csv")], new FactSessionOptions(), default))
        {
            for (var i = 0; i < 200; i++)
            {
                session.Write(new Touchpoint("t" + i, "user" + i, t0.AddMinutes(i), "search", null, TouchpointType.Click, null));
                session.Write(new SpendFact(DateOnly.FromDateTime(t0.UtcDateTime).AddDays(i), "search", null, 10m, null, null));
            }

            var counts = await session.FlushAsync(default);
            await session.CommitAsync([.. counts.Select(c => new BatchEnd(ImportStatus.Committed, 200, c.Added, 0, 0, 0, null, [], []))], null, default);
        }

        Assert.Equal("200", (await db.Facts.Client.QueryAsync("SELECT count() FROM touchpoints", default)).Single()[0]);
        TestClickHouse.Script("stop-node", "shard2");
        try
        {
            // The Distributed table, asked through the entry node (shard 1) with skip_unavailable_shards=0: an error.
            var distributed = await Assert.ThrowsAsync<ClickHouseException>(() => db.Facts.Client.QueryAsync("SELECT count() FROM touchpoints", default));
            Assert.Contains("127.0.0.1:18124", distributed.Message, StringComparison.Ordinal);
            Assert.NotNull(distributed.Code);

            // What the setting prevents: the same query told to skip the lost shard answers with shard 1's rows only.
            var partial = long.Parse((await db.Facts.Client.QueryAsync(
                "SELECT count() FROM touchpoints SETTINGS skip_unavailable_shards = 1", default)).Single()[0]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(partial, 1, 199);

            // The readers, which ask every shard: an error naming the shard that did not answer.
            var journeys = await Assert.ThrowsAsync<ClickHouseException>(() => db.Facts.Journeys.PathsAsync(new JourneyQuery(), false, default));
            Assert.Contains("127.0.0.1:18125", journeys.Message, StringComparison.Ordinal);
            var money = await Assert.ThrowsAsync<ClickHouseException>(() => db.Facts.Money.SpendAsync(null, null, default));
            Assert.Contains("127.0.0.1:18125", money.Message, StringComparison.Ordinal);
            // Every other reader asks every shard too: the data center, KPIs, cohorts, campaigns, mentions, influencers.
            Func<Task>[] others =
            [
                () => db.Facts.Catalog.SourcesAsync(TimeZoneInfo.Utc, default),
                () => db.Facts.Catalog.MonthlyRowsAsync(default),
                () => db.Facts.Kpis.FiguresAsync([Core.Kpis.KpiPeriod.Month(new Core.Common.YearMonth(2025, 1))], TimeZoneInfo.Utc, default),
                () => db.Facts.Cohorts.CohortsAsync(30, default),
                () => db.Facts.CampaignFacts.BusinessAsync(new Core.Common.DateRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)), TimeZoneInfo.Utc, default),
                () => db.Facts.Mentions.SpanAsync(default),
                () => db.Facts.Influencers.LatestPostAsync(default),
            ];
            foreach (var read in others)
            {
                var failed = await Assert.ThrowsAsync<ClickHouseException>(read);
                Assert.Contains("127.0.0.1:1812", failed.Message, StringComparison.Ordinal);
            }

            var health = await db.Facts.CheckHealthAsync(default);
            Assert.False(health.Healthy);
            Assert.Contains("127.0.0.1:18125", health.Detail, StringComparison.Ordinal);
        }
        finally
        {
            TestClickHouse.Script("start-node", "shard2");
        }

        Assert.True((await db.Facts.CheckHealthAsync(default)).Healthy);
        Assert.Equal(200, (await db.Facts.Journeys.PathsAsync(new JourneyQuery(), false, default)).Paths.Sum(p => p.NonConversions));
    }
}
