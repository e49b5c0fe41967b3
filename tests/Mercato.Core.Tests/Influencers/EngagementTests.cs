using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class EngagementTests
{
    private static readonly DateOnly D0 = new(2026, 3, 1);

    private static InfluencerSnapshotFact Snap(int day, long followers) => new(D0.AddDays(day), "kol-a", followers, 100, 50);

    private static InfluencerPostFact Post(string id, int day, long? views, long likes, long comments, long shares) =>
        new(id, "kol-a", new DateTimeOffset(D0.AddDays(day), new TimeOnly(12, 0), TimeSpan.Zero), null, views, likes, comments, shares);

    private static readonly InfluencerSnapshotFact[] Snaps = [Snap(1, 1000), Snap(5, 1200), Snap(10, 1500)];

    [Theory]
    [InlineData(7, 1200L)]
    [InlineData(5, 1200L)]
    [InlineData(0, 1000L)]
    [InlineData(30, 1500L)]
    public void FollowersOn_TakesTheLatestSnapshotOnOrBefore_ElseTheEarliestAfter(int day, long expected) =>
        Assert.Equal(expected, Engagement.FollowersOn(D0.AddDays(day), Snaps));

    [Fact]
    public void FollowersOn_NoSnapshot_IsUnknown() => Assert.Null(Engagement.FollowersOn(D0, []));

    [Fact]
    public void Of_ComputesTheThreeRates()
    {
        var e = Engagement.Of(Post("p1", 7, 800, 30, 6, 4), Snaps);
        Assert.Equal(D0.AddDays(7), e.Day);
        Assert.Equal(1200, e.Followers);
        Assert.Equal(40, e.Engagements);
        Assert.Equal(40 / 1200.0, e.ByFollowers!.Value, 15);
        Assert.Equal(0.05, e.ByViews!.Value, 15);
        Assert.Equal(0.2, e.CommentToLike!.Value, 15);
    }

    [Fact]
    public void Of_ZeroViewsZeroLikesOrNoSnapshot_LeaveTheRatesUnknown()
    {
        var e = Engagement.Of(Post("p1", 7, 0, 0, 3, 1), []);
        Assert.Null(e.Followers);
        Assert.Null(e.ByFollowers);
        Assert.Null(e.ByViews);
        Assert.Null(e.CommentToLike);
        Assert.Null(Engagement.Of(Post("p2", 7, null, 1, 0, 0), Snaps).ByViews);
    }

    [Fact]
    public void Quantile_IsHyndmanFanType7()
    {
        double[] v = [4, 1, 3, 2];
        Assert.Equal(2.5, Engagement.Quantile(v, 0.5), 15);
        Assert.Equal(1.75, Engagement.Quantile(v, 0.25), 15);
        Assert.Equal(3.25, Engagement.Quantile(v, 0.75), 15);
        Assert.Equal(7, Engagement.Quantile([7], 0.25));
        var s = Engagement.Spread([4, null, 1, 3, 2]);
        Assert.Equal(4, s.Count);
        Assert.Equal(1.5, s.Iqr!.Value, 15);
    }

    [Fact]
    public void Window_KeepsTheLastPostsOfTheLastDays()
    {
        var posts = Enumerable.Range(0, 40).Select(i => Post("p" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), i, 100, 1, 0, 0))
            .Append(Post("old", -100, 1, 1, 0, 0)).Reverse().ToList();
        var asOf = new DateTimeOffset(D0.AddDays(39), new TimeOnly(23, 0), TimeSpan.Zero);
        var window = Engagement.Window(posts, asOf);
        Assert.Equal(30, window.Count);
        Assert.Equal("p10", window[0].PostId);
        Assert.Equal("p39", window[^1].PostId);
        Assert.Equal(2, Engagement.Window(posts, asOf, days: 2).Count);
    }

    [Fact]
    public void Summarize_GivesMediansAndTheReachRate()
    {
        InfluencerPostFact[] posts = [Post("a", 11, 100, 10, 0, 0), Post("b", 12, 300, 20, 2, 8), Post("c", 13, null, 45, 5, 10)];
        var s = Engagement.Summarize(posts, Snaps, D0.AddDays(20));
        Assert.Equal(3, s.Posts);
        Assert.Equal(1500, s.FollowersNow);

        // Engagements 10, 30, 60 over 1,500 followers: median 30 / 1,500 = 0.02; Q1 = 20/1500, Q3 = 45/1500.
        Assert.Equal(0.02, s.ByFollowers.Median!.Value, 15);
        Assert.Equal(20 / 1500.0, s.ByFollowers.Q1!.Value, 15);
        Assert.Equal(45 / 1500.0, s.ByFollowers.Q3!.Value, 15);

        // By views: 10/100 = 0.1 and 30/300 = 0.1; comment-to-like 0, 0.1, 0.111….
        Assert.Equal(2, s.ByViews.Count);
        Assert.Equal(0.1, s.ByViews.Median!.Value, 15);
        Assert.Equal(0.1, s.CommentToLike.Median!.Value, 15);
        Assert.Equal(200, s.MedianViews);
        Assert.Equal(200 / 1500.0, s.ReachRate!.Value, 15);
    }

    [Fact]
    public void Benchmarks_HaveEveryPlatformAndTier_AndFallWithTheTier()
    {
        foreach (var platform in Enum.GetValues<InfluencerPlatform>())
        {
            var row = Enum.GetValues<InfluencerTier>().Select(t => EngagementBenchmarks.Lookup(platform, t)).ToList();
            for (var i = 1; i < row.Count; i++)
            {
                Assert.True(row[i].Median < row[i - 1].Median, $"{platform} {row[i].Tier}");
            }

            Assert.All(row, b => Assert.True(b.Low < b.Median && b.Low > 0));
        }
    }

    [Fact]
    public void Lookup_PrefersTheWorkspacesOverride()
    {
        var own = new EngagementBenchmark(InfluencerPlatform.Xiaohongshu, InfluencerTier.Micro, 0.05, 0.02);
        Assert.Same(own, EngagementBenchmarks.Lookup(InfluencerPlatform.Xiaohongshu, InfluencerTier.Micro, [own]));
        var d = EngagementBenchmarks.Lookup(InfluencerPlatform.Instagram, InfluencerTier.Micro, [own]);
        Assert.Equal(0.024, d.Median, 15);
        Assert.Equal(0.0096, d.Low, 15);
    }

    [Theory]
    [InlineData(0.005, EngagementVerdict.BelowLow, 0.25)]
    [InlineData(0.015, EngagementVerdict.BelowMedian, 0.75)]
    [InlineData(0.02, EngagementVerdict.AboveMedian, 1.0)]
    [InlineData(0.06, EngagementVerdict.AboveMedian, 3.0)]
    [InlineData(0.07, EngagementVerdict.FarAbove, 3.5)]
    public void Compare_GivesTheVerdictAndTheRatio(double rate, EngagementVerdict verdict, double ratio)
    {
        var c = EngagementBenchmarks.Compare(rate, new EngagementBenchmark(InfluencerPlatform.Other, InfluencerTier.Mid, 0.02, 0.008));
        Assert.Equal(verdict, c.Verdict);
        Assert.Equal(ratio, c.Ratio, 12);
    }
}
