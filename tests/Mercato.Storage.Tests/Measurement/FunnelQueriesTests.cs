using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement.Funnels;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Measurement;

/// <summary>
/// The funnel reader (<see cref="IFunnelReader"/>) on both stores: the event words, and of the users who entered in the
/// period only the funnel's words from the period's start to before entry + window, with their first touch's channel
/// group at or before the entry; and the same paths as <see cref="FunnelWalk"/> over every imported event.
/// </summary>
public abstract class FunnelQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly long January = Ms(2026, 1, 1);
    private static readonly long February = Ms(2026, 2, 1);

    private List<FunnelUser> Read(FunnelDefinition funnel, long from, long end)
    {
        var users = new List<FunnelUser>();
        Store.Inner.Funnels.ReadAsync(FunnelRead.Of(funnel, from, end), users.Add, default).GetAwaiter().GetResult();
        return [.. users.OrderBy(u => u.UserId, StringComparer.Ordinal)];
    }

    private static FunnelDefinition Funnel(string steps, FunnelOrder order = FunnelOrder.Strict, int within = 30) =>
        FunnelDefinition.Parse(FunnelDefinition.SplitList(steps), order, within).Value!;

    // u1: first touch search before signing up on Jan 5; installs the next day, and again after the 30-day window.
    // u2: installs on Jan 3, signs up Jan 10, installs again Jan 12; first touch (email) only after signing up.
    // u3: signed up before the period and again on Jan 20; touched by search in December.
    // u4: only logs in; u5 signs up in February, after the period.
    [Fact]
    public void Read_GivesTheEnteredUsers_TheirFunnelWordsInTheRange_AndTheirFirstTouchGroup()
    {
        ImportCsv(DataKinds.Activity, """
            user_id,timestamp,event
            u1,2026-01-05T10:00:00Z,signup
            u1,2026-01-05T11:00:00Z,login
            u1,2026-01-06T00:00:00Z,install
            u1,2026-01-07T00:00:00Z,view
            u1,2026-02-20T00:00:00Z,install
            u2,2026-01-03T00:00:00Z,install
            u2,2026-01-10T00:00:00Z,signup
            u2,2026-01-12T00:00:00Z,install
            u3,2025-12-31T23:00:00Z,signup
            u3,2026-01-20T00:00:00Z,signup
            u4,2026-01-08T00:00:00Z,login
            u5,2026-02-01T00:00:00Z,signup
            """);
        ImportCsv(DataKinds.Touchpoints, """
            user_id,timestamp,channel
            u1,2026-01-01T00:00:00Z,search
            u1,2026-01-02T00:00:00Z,email
            u2,2026-01-11T00:00:00Z,email
            u3,2025-12-01T00:00:00Z,search
            """);

        var users = Read(Funnel("signup,install"), January, February);

        Assert.Equal(["u1", "u2", "u3"], users.Select(u => u.UserId));
        Assert.Equal([new FunnelEvent("signup", Ms(2026, 1, 5, 10)), new FunnelEvent("install", Ms(2026, 1, 6))], users[0].Events);
        Assert.Equal(
            [new FunnelEvent("install", Ms(2026, 1, 3)), new FunnelEvent("signup", Ms(2026, 1, 10)), new FunnelEvent("install", Ms(2026, 1, 12))],
            users[1].Events);
        Assert.Equal([new FunnelEvent("signup", Ms(2026, 1, 20))], users[2].Events);
        Assert.Equal(["paid_search", null, "paid_search"], users.Select(u => u.FirstTouchGroup));

        // The second signup: only u3's, and that one is before the period.
        Assert.Empty(Read(Funnel("signup#2,install"), January, February));
        Assert.Equal(["u3"], Read(Funnel("signup#2,install"), Ms(2025, 12, 1), February).Select(u => u.UserId));

        // A 1-day window: u1's install of Jan 6 00:00, 14 hours after the entry, is inside.
        Assert.Equal(2, Read(Funnel("signup,install", within: 1), January, February)[0].Events.Count);
    }

    // u1 signs up, buys twice; u2 signs up and buys once; u3 buys without signing up in the period.
    [Fact]
    public async Task Read_CountsConversions_AsTheConversionEvent_SoAFunnelReachesRepeatPurchases()
    {
        ImportCsv(DataKinds.Activity, """
            user_id,timestamp,event
            u1,2026-01-05T10:00:00Z,signup
            u2,2026-01-06T10:00:00Z,signup
            """);
        ImportCsv(DataKinds.Conversions, """
            conversion_id,user_id,timestamp,revenue
            o1,u1,2026-01-05T12:00:00Z,100
            o2,u1,2026-01-09T12:00:00Z,50
            o3,u2,2026-01-07T12:00:00Z,80
            o4,u3,2026-01-07T12:00:00Z,80
            """);

        var users = Read(Funnel("signup,conversion,conversion#2"), January, February);

        Assert.Equal(["u1", "u2"], users.Select(u => u.UserId));
        Assert.Equal(
            [new FunnelEvent("signup", Ms(2026, 1, 5, 10)), new FunnelEvent("conversion", Ms(2026, 1, 5, 12)), new FunnelEvent("conversion", Ms(2026, 1, 9, 12))],
            users[0].Events);
        Assert.Equal(["u1", "u2", "u3"], Read(Funnel("conversion,conversion#2"), January, February).Select(u => u.UserId));
        Assert.Contains(await Store.Inner.Funnels.EventsAsync(TestContext.Current.CancellationToken), e => e.Event == "conversion" && e.Rows == 4);
    }

    [Fact]
    public async Task Events_AreTheWordsOfTheActivityData()
    {
        Assert.Empty(await Store.Inner.Funnels.EventsAsync(TestContext.Current.CancellationToken));
        ImportCsv(DataKinds.Activity, """
            user_id,timestamp,event
            u1,2026-01-05T10:00:00Z,signup
            u1,2026-01-05T11:00:00Z,login
            u2,2026-01-07T11:00:00Z,login
            """);

        Assert.Equal(
            [new ActivityEventWord("login", 2, Ms(2026, 1, 5, 11), Ms(2026, 1, 7, 11)), new ActivityEventWord("signup", 1, Ms(2026, 1, 5, 10), Ms(2026, 1, 5, 10))],
            await Store.Inner.Funnels.EventsAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Random users (seeded): the paths from what the store reads equal <see cref="FunnelWalk"/> over every imported event,
    /// and the first-touch groups equal the earliest touch at or before the entry, for several funnels of both orders.
    /// </summary>
    [Fact]
    public void Read_GivesThePathsOfAllTheEvents_OnRandomUsers()
    {
        var random = new Random(17);
        string[] words = ["signup", "install", "purchase", "view"];
        string[] channels = ["search", "email", "kol"];
        var activity = new HashSet<(string User, string Event, long Time)>();
        var touches = new List<(string User, long Time, string Channel)>();
        for (var u = 0; u < 60; u++)
        {
            var user = "user-" + u.ToString("D2", CultureInfo.InvariantCulture);
            for (var i = random.Next(0, 12); i > 0; i--)
            {
                activity.Add((user, words[random.Next(words.Length)], Ms(2025, 12, 20) + (random.Next(0, 80) * 86_400_000L / 2)));
            }

            for (var i = random.Next(0, 3); i > 0; i--)
            {
                touches.Add((user, Ms(2025, 12, 15) + (random.Next(0, 60) * 86_400_000L) + (u * 1000) + i, channels[random.Next(channels.Length)]));
            }
        }

        ImportCsv(DataKinds.Activity, "user_id,timestamp,event\n" + string.Join('\n', activity.Select(a => $"{a.User},{Iso(a.Time)},{a.Event}")));
        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\n" + string.Join('\n', touches.Select(t => $"{t.User},{Iso(t.Time)},{t.Channel}")));
        var groupOf = new Dictionary<string, string> { ["search"] = "paid_search", ["email"] = "email_crm", ["kol"] = "influencer" };

        foreach (var funnel in new[]
                 {
                     Funnel("signup,install,purchase"), Funnel("signup,install,purchase", FunnelOrder.Loose), Funnel("purchase,purchase#2", within: 7),
                     Funnel("view#2,purchase,view", FunnelOrder.Loose, 3), Funnel("install,purchase#2,purchase"),
                 })
        {
            var read = Read(funnel, January, February).ToDictionary(u => u.UserId, StringComparer.Ordinal);
            var expected = 0;
            foreach (var user in activity.GroupBy(a => a.User))
            {
                var all = user.Select(a => new FunnelEvent(a.Event, a.Time)).ToList();
                var path = FunnelWalk.Walk(funnel, all, January, February);
                if (path is null)
                {
                    Assert.False(read.ContainsKey(user.Key), user.Key + " did not enter " + string.Join(',', funnel.Steps));
                    continue;
                }

                expected++;
                var stored = read[user.Key];
                Assert.Equal(path.Reached, FunnelWalk.Walk(funnel, stored.Events, January, February)!.Reached);
                Assert.Equal([.. stored.Events.OrderBy(e => e.Time)], stored.Events);
                var first = touches.Where(t => t.User == user.Key).OrderBy(t => t.Time).FirstOrDefault();
                Assert.Equal(first.User is not null && first.Time <= path.Entry ? groupOf[first.Channel] : null, stored.FirstTouchGroup);
            }

            Assert.Equal(expected, read.Count);
            Assert.True(expected > 5, "too few users entered " + string.Join(',', funnel.Steps));
        }
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

public sealed class FunnelQueriesTestsOnSqlite() : FunnelQueriesTests(StoreProvider.Sqlite);

public sealed class FunnelQueriesTestsOnPostgres() : FunnelQueriesTests(StoreProvider.Postgres);
