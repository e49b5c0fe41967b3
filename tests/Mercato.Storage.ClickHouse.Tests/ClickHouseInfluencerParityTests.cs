using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// Influencer snapshots, posts and follower samples in ClickHouse (one node, then the two-shard cluster, where one
/// influencer's rows are spread over both shards) read as the embedded store's do over the small demo.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseInfluencerParityTests(DemoInBoth demo) : IClassFixture<DemoInBoth>
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Influencers_EqualTheEmbeddedStores(Layout layout)
    {
        var both = await demo.GetAsync(layout);
        var (expected, actual) = (both.Sqlite.Influencers, both.Facts.Influencers);
        var latestPost = await expected.LatestPostAsync(default);
        Assert.NotNull(latestPost);
        Assert.Equal(latestPost, await actual.LatestPostAsync(default));

        var latest = await expected.LatestSnapshotsAsync(new DateOnly(2100, 1, 1), default);
        Assert.True(latest.Count >= 2, "the demo has influencers");
        Assert.Equal(latest, await actual.LatestSnapshotsAsync(new DateOnly(2100, 1, 1), default));
        var firstDay = (await expected.SnapshotsAsync(latest[0].Influencer, DateOnly.MinValue, DateOnly.MaxValue, default))[0].Date;
        foreach (var asOf in new[] { firstDay.AddDays(-1), firstDay, firstDay.AddDays(20), firstDay.AddDays(75) })
        {
            Assert.Equal(await expected.LatestSnapshotsAsync(asOf, default), await actual.LatestSnapshotsAsync(asOf, default));
        }

        Assert.NotEmpty(await expected.LatestSnapshotsAsync(firstDay.AddDays(20), default));
        var (from, to) = (latestPost.Value.AddDays(-90), latestPost.Value.AddDays(1));
        var totals = await expected.PostTotalsAsync(from, to, default);
        Assert.NotEmpty(totals);
        Assert.Equal(totals, await actual.PostTotalsAsync(from, to, default));
        Assert.Equal(await expected.PostTotalsAsync(DateTimeOffset.UnixEpoch, to, default), await actual.PostTotalsAsync(DateTimeOffset.UnixEpoch, to, default));

        var sampled = 0;
        foreach (var influencer in latest.Select(s => s.Influencer))
        {
            // Ids match ignoring case.
            var asked = " " + influencer.ToUpperInvariant();
            var snapshots = await expected.SnapshotsAsync(asked, DateOnly.MinValue, DateOnly.MaxValue, default);
            Assert.NotEmpty(snapshots);
            Assert.Equal(snapshots, await actual.SnapshotsAsync(asked, DateOnly.MinValue, DateOnly.MaxValue, default));
            Assert.Equal(await expected.SnapshotsAsync(influencer, firstDay.AddDays(10), firstDay.AddDays(40), default),
                await actual.SnapshotsAsync(influencer, firstDay.AddDays(10), firstDay.AddDays(40), default));
            var posts = await expected.PostsAsync(asked, DateTimeOffset.UnixEpoch, to, default);
            Assert.Equal(posts, await actual.PostsAsync(asked, DateTimeOffset.UnixEpoch, to, default));
            Assert.Equal(await expected.PostsAsync(influencer, from, to, default), await actual.PostsAsync(influencer, from, to, default));
            var days = await expected.SampleDaysAsync(asked, default);
            Assert.Equal(days, await actual.SampleDaysAsync(asked, default));
            foreach (var day in days)
            {
                var sample = await expected.FollowerSampleAsync(asked, day, default);
                Assert.NotEmpty(sample);
                Assert.Equal(sample, await actual.FollowerSampleAsync(asked, day, default));
                sampled++;
            }
        }

        Assert.True(sampled > 0, "the demo samples followers");
        Assert.Empty(await actual.SnapshotsAsync("no-such-influencer", DateOnly.MinValue, DateOnly.MaxValue, default));
    }
}
