using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Campaigns;

public abstract class ReferralQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);

    // u1: search carrying ann-1 (d1), email (d2), converts d3 (100): linear gives the code half, 0.5 and 50.
    // u2: kol carrying Ann-1 (d5), converts d6 (40): the code gets it all, 1 and 40 (codes are matched ignoring case).
    // u3: staff_referral carrying zed-9 (d7), never converts: a touch, no credit; nobody owns the code.
    // u4: search without a code (d8), converts d9 (10): a channel's conversion.
    // u5: staff_referral carrying bo-22 on Feb 20, converts Mar 2 (60): the touch is in the lookback before March.
    private const string Touches = """
        user_id,timestamp,channel,campaign,type,referral_code
        u1,2026-03-01T00:00:00Z,search,,referral,ann-1
        u1,2026-03-02T00:00:00Z,email,,click,
        u2,2026-03-05T00:00:00Z,kol,,referral,Ann-1
        u3,2026-03-07T00:00:00Z,staff_referral,,referral,zed-9
        u4,2026-03-08T00:00:00Z,search,,click,
        u5,2026-02-20T00:00:00Z,staff_referral,,referral,bo-22
        """;

    private const string Conversions = """
        conversion_id,user_id,timestamp,revenue,cost
        c1,u1,2026-03-03T00:00:00Z,100,
        c2,u2,2026-03-06T00:00:00Z,40,
        c4,u4,2026-03-09T00:00:00Z,10,
        c5,u5,2026-03-02T00:00:00Z,60,
        """;

    private ReferralQueries Referral => new(Store);

    private void Load(string extraTouches = "", string extraConversions = "")
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Touchpoints, Touches + "\n" + extraTouches).Status);
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Conversions, Conversions + "\n" + extraConversions).Status);
    }

    [Fact]
    public void Tallies_Linear_AJourneyOfAReferralTouchAndAChannelTouch_GivesTheCodeHalf()
    {
        Load();

        var tallies = Referral.Tallies(March1, March31, AttributionModel.Linear);

        // ANN-1: 0.5 of c1 (100) + all of c2 (40). BO-22 was touched before March, its conversion is in March.
        Assert.Equal(
            [new ReferralTally("ANN-1", 2, 1.5, 90), new ReferralTally("BO-22", 0, 1, 60), new ReferralTally("ZED-9", 1, 0, 0)],
            tallies);
    }

    [Fact]
    public void Tallies_LastTouch_CreditsOnlyTheClosingTouch()
    {
        Load();

        var tallies = Referral.Tallies(March1, March31, AttributionModel.Last);

        // c1 closes on email, so ANN-1 keeps only c2.
        Assert.Equal(
            [new ReferralTally("ANN-1", 2, 1, 40), new ReferralTally("BO-22", 0, 1, 60), new ReferralTally("ZED-9", 1, 0, 0)],
            tallies);
    }

    [Fact]
    public void Tallies_MatchTheInMemoryReference_ForEveryModel()
    {
        Load();
        Touchpoint T(string user, string day, string channel, string? code) =>
            new(null, user, DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), channel, null,
                code is null ? TouchpointType.Click : TouchpointType.Referral, code);
        Touchpoint[] touchpoints =
        [
            T("u1", "2026-03-01", "search", "ann-1"), T("u1", "2026-03-02", "email", null), T("u2", "2026-03-05", "kol", "Ann-1"),
            T("u3", "2026-03-07", "staff_referral", "zed-9"), T("u4", "2026-03-08", "search", null), T("u5", "2026-02-20", "staff_referral", "bo-22"),
        ];
        // The journeys by hand, labelled ref:CODE for referral touches and by channel otherwise.
        JourneyPath[] paths =
        [
            new(["ref:ANN-1", "email"], 1, 100m, 0), new(["ref:ANN-1"], 1, 40m, 0), new(["ref:ZED-9"], 0, 0m, 1), new(["search"], 1, 10m, 0), new(["ref:BO-22"], 1, 60m, 0),
        ];
        TimedPath[] timed =
        [
            new([new("ref:ANN-1", 2), new("email", 1)], 1, 100m), new([new("ref:ANN-1", 1)], 1, 40m), new([new("search", 1)], 1, 10m), new([new("ref:BO-22", 10)], 1, 60m),
        ];

        foreach (var model in AttributionModels.All)
        {
            var expected = Referrals.Tally(touchpoints, AttributionModels.Attribute(model, paths, timed).Credits);
            var actual = Referral.Tallies(null, null, model);

            Assert.Equal(expected.Select(t => (t.Code, t.Touches)), actual.Select(t => (t.Code, t.Touches)));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Conversions, actual[i].Conversions, 9);
                Assert.Equal(expected[i].Revenue, actual[i].Revenue, 9);
            }
        }
    }

    [Fact]
    public void Tallies_AChannelNamedLikeACode_IsNotCreditedToTheCode()
    {
        // u6 converts after a touch of a channel that happens to be called "ann-1", carrying no code.
        Load("u6,2026-03-10T00:00:00Z,ann-1,,click,", "c6,u6,2026-03-10T01:00:00Z,5,");

        var ann = Referral.Tallies(March1, March31, AttributionModel.Linear).Single(t => t.Code == "ANN-1");

        Assert.Equal(new ReferralTally("ANN-1", 2, 1.5, 90), ann);
    }

    [Fact]
    public void Leaderboard_CreditIsConserved_OwnersAndUnmatchedAddUpToTheTallies()
    {
        Load();
        var people = new[] { new Person("ann", "Ann Lee", "brand", referralCodes: ["ANN-1"]), new Person("cy", "Cy Wu", "sales", referralCodes: ["CY-1"]) };

        var tallies = Referral.Tallies(March1, March31, AttributionModel.Linear);
        var board = Referrals.Leaderboard(tallies, people);

        Assert.Equal([new PersonCredit(1, "ann", "Ann Lee", "brand", 2, 1.5, 90m)], board.People);
        Assert.Equal([new UnitCredit(1, "brand", 1, 2, 1.5, 90m)], board.Units);
        Assert.Equal([new UnmatchedCode("ZED-9", 1, 0, 0m), new UnmatchedCode("BO-22", 0, 1, 60m)], board.Unmatched);
        Assert.Equal(tallies.Sum(t => t.Touches), board.People.Sum(p => p.Touches) + board.Unmatched.Sum(u => u.Touches));
        Assert.Equal(tallies.Sum(t => t.Conversions), board.People.Sum(p => p.Conversions) + board.Unmatched.Sum(u => u.Conversions));
        Assert.Equal((decimal)tallies.Sum(t => t.Revenue), board.People.Sum(p => p.Revenue) + board.Unmatched.Sum(u => u.Revenue));
        // The codes' 2.5 conversions and the channels' 1.5 (email 0.5, search 1) are the window's 4 conversions.
        Assert.Equal(2.5, tallies.Sum(t => t.Conversions));
    }

    [Fact]
    public void Paths_ByReferral_LabelTheCodeAfterItsPrefix_AndChannelsOtherwise()
    {
        Load();

        var paths = new JourneyQueries(Store).Paths(new JourneyQuery(March1, March31, Label: JourneyLabel.Referral));

        Assert.Equal(
            ["ref:ANN-1", "ref:ANN-1>email", "ref:BO-22", "ref:ZED-9", "search"],
            paths.Paths.Select(p => string.Join(">", p.Touches)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tallies_EmptyStore_AndARangeEndingBeforeItStarts()
    {
        Assert.Empty(Referral.Tallies(null, null, AttributionModel.Markov));
        Assert.Throws<ArgumentException>(() => Referral.Tallies(March31, March1, AttributionModel.Linear));
    }
}

public sealed class ReferralQueriesTestsOnSqlite() : ReferralQueriesTests(StoreProvider.Sqlite);

public sealed class ReferralQueriesTestsOnPostgres() : ReferralQueriesTests(StoreProvider.Postgres);
