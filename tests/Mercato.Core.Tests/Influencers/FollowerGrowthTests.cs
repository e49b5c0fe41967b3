using Mercato.Core.Anomalies;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class FollowerGrowthTests
{
    private static readonly DateOnly D0 = new(2026, 1, 1);

    private static InfluencerPostFact Post(string id, int day, long views, long likes) =>
        new(id, "kol-a", new DateTimeOffset(D0.AddDays(day), new TimeOnly(20, 0), TimeSpan.Zero), null, views, likes, 0, 0);

    [Fact]
    public void Changes_SpreadAGapEvenly()
    {
        InfluencerSnapshotFact[] s = [new(D0.AddDays(4), "k", 1040, 0, 0), new(D0, "k", 1000, 0, 0), new(D0.AddDays(1), "k", 1010, 0, 0)];
        var c = FollowerGrowth.Changes(s);
        Assert.Equal([D0.AddDays(1), D0.AddDays(2), D0.AddDays(3), D0.AddDays(4)], c.Select(x => x.Day));
        Assert.Equal([10.0, 10, 10, 10], c.Select(x => x.Change));
        Assert.Equal([true, false, false, false], c.Select(x => x.Observed));
    }

    [Theory]
    [InlineData(1_000L, 50.0)]
    [InlineData(12_000L, 60.0)]
    [InlineData(2_000_000L, 10_000.0)]
    public void OptionsFor_ScalesTheSmallestJumpToTheAccount(long followers, double min)
    {
        var o = FollowerGrowth.OptionsFor(followers);
        Assert.Equal(min, o.MinChange, 9);
        Assert.Equal(min, o.MinVolume, 9);
        Assert.False(o.NonNegative);
    }

    /// <summary>
    /// 41 snapshots give 40 daily changes: 20 a day, 30 on every seventh (index % 7 == 3), except +2,000 on index 29
    /// (day 30, the day after a post with 10× the median views) and +1,500 on index 34 (day 35, only an ordinary post).
    /// The weekly pattern repeats exactly, so the expected value of each jump day is its weekday's 20.
    /// </summary>
    [Fact]
    public void Scan_FindsTheJumps_AndExplainsOnlyTheOneAfterAViralPost()
    {
        var followers = 10_000L;
        var snaps = new List<InfluencerSnapshotFact> { new(D0, "kol-a", followers, 0, 0) };
        for (var t = 0; t < 40; t++)
        {
            followers += t == 29 ? 2000 : t == 34 ? 1500 : t % 7 == 3 ? 30 : 20;
            snaps.Add(new(D0.AddDays(t + 1), "kol-a", followers, 0, 0));
        }

        var posts = new List<InfluencerPostFact>();
        for (var d = 1; d <= 40; d += 3)
        {
            posts.Add(Post("p" + d.ToString(System.Globalization.CultureInfo.InvariantCulture), d, 1000, 100));
        }

        posts.Add(Post("viral", 29, 10_000, 900));
        var outcome = FollowerGrowth.Scan(snaps, posts);
        Assert.True(outcome.IsOk);
        var scan = outcome.Value!;
        Assert.Equal(40, scan.Changes.Count);
        Assert.Equal(Math.Max(50, 0.005 * followers), scan.Options.MinChange, 9);
        Assert.Equal(2, scan.Jumps.Count);

        var first = scan.Jumps[0];
        Assert.Equal(D0.AddDays(30), first.Day);
        Assert.Equal(AnomalyDirection.Up, first.Direction);
        Assert.Equal(2000, first.Gained);
        Assert.Equal(20, first.Expected);
        Assert.True(first.Explained);
        Assert.Equal("viral", first.ExplainingPost);

        var second = scan.Jumps[1];
        Assert.Equal(D0.AddDays(35), second.Day);
        Assert.Equal(1500, second.Gained);
        Assert.Equal(20, second.Expected);
        Assert.False(second.Explained);
        Assert.Null(second.ExplainingPost);
        Assert.Equal([second], scan.Unexplained);
    }

    [Fact]
    public void Scan_TooFewSnapshots_IsRefused()
    {
        var snaps = Enumerable.Range(0, 10).Select(d => new InfluencerSnapshotFact(D0.AddDays(d), "k", 100 + d, 0, 0)).ToList();
        var outcome = FollowerGrowth.Scan(snaps, []);
        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal(InfluencerAuditCodes.GrowthTooFewDays, outcome.Code);
        Assert.Equal(9L, outcome.Args["days"]);
        Assert.Equal(15L, outcome.Args["needed"]);
    }
}
