using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class LiveStreamsTests
{
    private static LiveStreamSession S(
        string id, string host, DateTimeOffset start, double hours, long viewers, decimal gmv, long orders, long followers = 0,
        HostKind kind = HostKind.Staff, long? peak = null) =>
        new(id, "LIVE-MAR", kind, host, start, start.AddHours(hours), viewers, peak ?? Math.Min(viewers, 1 + viewers / 4), followers, orders, gmv);

    [Fact]
    public void Metrics_ExactSmallCase()
    {
        // 2 hours × 500 viewers = 1000 viewer-hours; 12000 / 1000 = 12 per viewer-hour; 60 / 500 = 0.12; 25 / 500 = 0.05.
        var m = LiveStreams.Metrics(S("s1", "ceo", At(3, 8, 20), 2, 500, 12_000m, 60, 25));

        Assert.Equal(new SessionMetrics("s1", 2, 1000, 12, 0.12, 0.05), m);
    }

    [Fact]
    public void Metrics_NinetyMinutes_AndNoViewers()
    {
        Assert.Equal(1.5, LiveStreams.Metrics(S("s", "ceo", At(3, 8, 20), 1.5, 10, 0m, 0)).Hours);
        Assert.Equal(new SessionMetrics("s", 1, 0, null, null, null), LiveStreams.Metrics(S("s", "ceo", At(3, 8, 20), 1, 0, 0m, 0)));
    }

    [Fact]
    public void Validate_AValidSession()
    {
        Assert.Empty(LiveStreams.Validate(S("s1", "ceo", At(3, 8, 20), 2, 500, 12_000m, 60), [new Person("ceo", "Zhou", "company", isStaffHost: true)]));
        Assert.Empty(LiveStreams.Validate(S("s1", "Ms Fang", At(3, 8, 20), 48, 500, 0m, 0, kind: HostKind.Influencer)));
    }

    [Fact]
    public void Validate_EveryRule()
    {
        var t = At(3, 8, 20);
        string[] Problems(LiveStreamSession s, IEnumerable<Person>? people = null) => [.. LiveStreams.Validate(s, people).Select(p => p.ToString())];
        Problem One(LiveStreamSession s, IEnumerable<Person>? people = null) => Assert.Single(LiveStreams.Validate(s, people));

        Assert.Equal(["end: end_not_after_start"], Problems(S("s", "ceo", t, 0, 1, 0m, 0)));
        Assert.Equal(["end: end_not_after_start"], Problems(S("s", "ceo", t, -1, 1, 0m, 0)));
        Assert.Equal(Problem.Of("end", ImportCodes.SessionTooLong, ("max", LiveStreamRules.MaxHours)), One(S("s", "ceo", t, 48.5, 1, 0m, 0)));
        Assert.Equal(Problem.Of("peak_viewers", ImportCodes.PeakExceedsViewers, ("peak", 11), ("viewers", 10)), One(S("s", "ceo", t, 1, 10, 0m, 0, peak: 11)));
        Assert.Equal(["peak_viewers: peak_viewers_zero"], Problems(S("s", "ceo", t, 1, 10, 0m, 0, peak: 0)));
        Assert.Equal(["gmv: gmv_without_orders"], Problems(S("s", "ceo", t, 1, 10, 5m, 0)));
        Assert.Equal(["gmv: negative"], Problems(S("s", "ceo", t, 1, 10, -5m, 1)));
        Assert.Equal(["gmv: amount_out_of_range"], Problems(S("s", "ceo", t, 1, 10, 0.00001m, 1)));
        Assert.Equal(["new_followers: negative", "orders: negative"],
            Problems(S("s", "ceo", t, 1, 10, 0m, -1, -2)));
        Assert.Equal(Problem.Of("host", ImportCodes.UnknownStaffHost, ("person", "ceo")), One(S("s", "ceo", t, 1, 10, 0m, 0), []));
        Assert.Equal(["session_id: required", "host: required"], Problems(S("", " ", t, 1, 10, 0m, 0)));
        Assert.Equal(["campaign: required"],
            Problems(S("s", "ceo", t, 1, 10, 0m, 0) with { Campaign = "" }));
    }

    [Fact]
    public void Leaderboard_StaffAndInfluencersSideBySide()
    {
        // ceo: 2 h × 500 (1000 vh, 12000, 60 orders) + 1 h × 200 (200 vh, 3000, 20 orders) = 15000 over 1200 vh = 12.5; 80 / 700.
        // Ms Fang (two spellings): 2 × (2 h × 1000) = 4000 vh, 15000 → 3.75.  wang: 1 h × 4000 = 4000 vh, 15000 → 3.75 (ties Fang; staff first).
        // store-7: 1 h × 100, no sales.
        var sessions = new[]
        {
            S("s1", "ceo", At(3, 1, 20), 2, 500, 12_000m, 60, 50),
            S("s2", "ceo", At(3, 2, 20), 1, 200, 3_000m, 20, 20),
            S("k1", "ms fang", At(3, 3, 20), 2, 1000, 7_500m, 50, kind: HostKind.Influencer),
            S("k2", "Ms Fang", At(3, 4, 20), 2, 1000, 7_500m, 50, kind: HostKind.Influencer),
            S("w1", "wang", At(3, 5, 20), 1, 4000, 15_000m, 90),
            S("x1", "store-7", At(3, 6, 20), 1, 100, 0m, 0),
        };
        var people = new[] { new Person("ceo", "Zhou Min", "company", isStaffHost: true), new Person("wang", "Wang Wei", "store") };

        var board = LiveStreams.Leaderboard(sessions, people);

        Assert.Equal(
            [
                (1, HostKind.Staff, "ceo", "Zhou Min", 2, 15_000m, (double?)12.5),
                (2, HostKind.Staff, "wang", "Wang Wei", 1, 15_000m, 3.75),
                (2, HostKind.Influencer, "Ms Fang", "Ms Fang", 2, 15_000m, 3.75),
                (4, HostKind.Staff, "store-7", "store-7", 1, 0m, 0.0),
            ],
            board.Select(l => (l.Rank, l.HostKind, l.Host, l.Name, l.Sessions, l.Gmv, l.GmvPerViewerHour)));
        var ceo = board[0];
        Assert.Equal((3.0, 700L, 1200.0, 80L, 70L), (ceo.Hours, ceo.Viewers, ceo.ViewerHours, ceo.Orders, ceo.NewFollowers));
        Assert.Equal(80.0 / 700, ceo.OrderConversion!.Value, 12);
        Assert.Equal(70.0 / 700, ceo.FollowerGain!.Value, 12);
    }

    [Fact]
    public void Leaderboard_Empty_AndZeroViewerHostsLast()
    {
        Assert.Empty(LiveStreams.Leaderboard([]));
        var board = LiveStreams.Leaderboard([S("a", "a", At(3, 1), 1, 0, 0m, 0), S("b", "b", At(3, 1), 1, 10, 0m, 0)]);
        Assert.Equal(["b", "a"], board.Select(l => l.Host));
        Assert.Null(board[1].GmvPerViewerHour);
        Assert.Equal([1, 2], board.Select(l => l.Rank));
    }
}
