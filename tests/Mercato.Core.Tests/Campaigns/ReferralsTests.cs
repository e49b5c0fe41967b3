using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Core.Organization;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class ReferralsTests
{
    [Theory]
    [InlineData("LINA", true)]
    [InlineData("li-na-7", true)]
    [InlineData("ABC", true)]
    [InlineData("AB", false)]
    [InlineData("-ABC", false)]
    [InlineData("ABC-", false)]
    [InlineData("A_BC", false)]
    [InlineData("ÄBC", false)]
    [InlineData("A BC", false)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", true)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidCode(string? code, bool valid) => Assert.Equal(valid, Referrals.IsValidCode(code));

    [Fact]
    public void Normalize_TrimsAndUpperCases()
    {
        Assert.Equal("LI-NA", ReferralCode.Normalize(" li-na "));
        Assert.Null(ReferralCode.Normalize("  "));
        Assert.Null(ReferralCode.Normalize(null));
    }

    [Theory]
    [InlineData("https://shop.example.com/bp", "https://shop.example.com/bp?ref=LI-NA")]
    [InlineData("https://shop.example.com/bp?a=1", "https://shop.example.com/bp?a=1&ref=LI-NA")]
    [InlineData("https://shop.example.com/bp?a=1#buy", "https://shop.example.com/bp?a=1&ref=LI-NA#buy")]
    [InlineData("https://shop.example.com/bp?REF=OLD&a=1", "https://shop.example.com/bp?a=1&ref=LI-NA")]
    [InlineData("http://x.cn/", "http://x.cn/?ref=LI-NA")]
    public void ShareLink_AddsTheCodeToTheQuery(string url, string expected) => Assert.Equal(expected, Referrals.ShareLink(url, "li-na"));

    [Fact]
    public void ShareLink_RefusesBadUrlsAndCodes()
    {
        Assert.Throws<ArgumentException>(() => Referrals.ShareLink("ftp://x.cn/", "LINA"));
        Assert.Throws<ArgumentException>(() => Referrals.ShareLink("/relative", "LINA"));
        Assert.Throws<ArgumentException>(() => Referrals.ShareLink("https://x.cn/", "L"));
    }

    [Fact]
    public void Suggest_FromTheIdAvoidingTakenCodes()
    {
        Assert.Equal("LI-NA", Referrals.Suggest(new Person("li_na", "Li Na", "pr"), []));
        Assert.Equal("LI-NA-3", Referrals.Suggest(new Person("li_na", "Li Na", "pr"), ["li-na", "LI-NA-2"]));
        Assert.Equal("A00", Referrals.Suggest(new Person("a", "A", "pr"), []));
        var longId = Referrals.Suggest(new Person(new string('x', 40), "X", "pr"), []);
        Assert.Equal(28, longId.Length);
        Assert.True(Referrals.IsValidCode(longId));
    }

    [Fact]
    public void Tally_GroupsTouchpointsByCodeAndJoinsCredits()
    {
        var t = At(3, 1);
        var touches = new[]
        {
            new Touchpoint(null, "u1", t, "referral", null, TouchpointType.Referral, "li-na"),
            new Touchpoint(null, "u2", t, "wechat", "BP", TouchpointType.Click, "LI-NA "),
            new Touchpoint(null, "u3", t, "referral", null, TouchpointType.Referral, "WANG"),
            new Touchpoint(null, "u4", t, "direct", null, TouchpointType.Visit, null),
        };
        // A channel named like a code ("wang") is a channel: its credit is not the code's.
        var credits = new[] { new Credit("ref:LI-NA", 1.5, 300), new Credit("ref:li-na", 0.5, 100), new Credit("direct", 3, 900), new Credit("wang", 1, 50) };

        Assert.Equal([new ReferralTally("LI-NA", 2, 2.0, 400.0), new ReferralTally("WANG", 1, 0, 0)], Referrals.Tally(touches, credits));
        Assert.Equal("ref:LI-NA", JourneyLabels.Referral("LI-NA"));
        Assert.Equal("LI-NA", JourneyLabels.ReferralCodeOf("ref:LI-NA"));
        Assert.Null(JourneyLabels.ReferralCodeOf("wang"));
    }

    private static readonly Person[] People =
    [
        new("p1", "Ann", "u1", referralCodes: ["LINA", "LINA2"]),
        new("p2", "Bo", "u1", referralCodes: ["WANG"]),
        new("p3", "Cy", "u2", referralCodes: ["ZHAO"]),
        new("p4", "Di", "u2", referralCodes: ["IDLE"]),
        new("p5", "Ed", "u2", referralCodes: ["FANG"]),
    ];

    [Fact]
    public void Leaderboard_PeopleAndUnits_TiesOrderedAndRanked()
    {
        // p1: 10 + 5 touches, 2 + 1 conversions, 300 + 100 revenue = (15, 3, 400). p2 (8, 3, 400). p3 (20, 3, 400). p5 (8, 3, 400).
        // All have revenue 400 and 3 conversions: touches decide (p3, p1), then p2 and p5 tie and share rank 3, by id.
        // u1 = p1 + p2 = (23, 6, 800); u2 = p3 + p5 = (28, 6, 800): u2 first on touches.
        var board = Referrals.Leaderboard(
        [
            new("lina", 10, 2, 300), new("LINA2", 5, 1, 100), new("WANG", 8, 3, 400), new("ZHAO", 20, 3, 400),
            new("FANG", 8, 3, 400), new("GHOST", 4, 0, 0), new("ghost", 1, 0.5, 50), new("  ", 9, 0, 0),
        ], People);

        Assert.Equal(
            [
                new PersonCredit(1, "p3", "Cy", "u2", 20, 3, 400m),
                new PersonCredit(2, "p1", "Ann", "u1", 15, 3, 400m),
                new PersonCredit(3, "p2", "Bo", "u1", 8, 3, 400m),
                new PersonCredit(3, "p5", "Ed", "u2", 8, 3, 400m),
            ],
            board.People);
        Assert.Equal([new UnitCredit(1, "u2", 2, 28, 6, 800m), new UnitCredit(2, "u1", 2, 23, 6, 800m)], board.Units);
        Assert.Equal([new UnmatchedCode("GHOST", 5, 0.5, 50m)], board.Unmatched);
    }

    [Fact]
    public void Leaderboard_RevenueOutranksConversionsAndTouches()
    {
        var board = Referrals.Leaderboard([new("WANG", 100, 10, 99.99), new("ZHAO", 1, 1, 100)], People);

        Assert.Equal(["p3", "p2"], board.People.Select(p => p.Person));
        Assert.Equal(99.99m, board.People[1].Revenue);
    }

    [Fact]
    public void Leaderboard_Empty()
    {
        var board = Referrals.Leaderboard([], People);

        Assert.Empty(board.People);
        Assert.Empty(board.Units);
        Assert.Empty(board.Unmatched);
    }

    [Fact]
    public void Leaderboard_RefusesNegativeFigures()
    {
        Assert.Throws<ArgumentException>(() => Referrals.Leaderboard([new("WANG", -1, 0, 0)], People));
        Assert.Throws<ArgumentException>(() => Referrals.Leaderboard([new("WANG", 1, double.NaN, 0)], People));
    }

    [Fact]
    public void Property_CreditIsConserved()
    {
        var random = new Random(11);
        for (var run = 0; run < 100; run++)
        {
            var codes = new[] { "LINA", "LINA2", "WANG", "ZHAO", "FANG", "IDLE", "NOBODY", "OTHER" };
            var tallies = Enumerable.Range(0, random.Next(0, 10))
                .Select(_ => new ReferralTally(codes[random.Next(codes.Length)], random.Next(0, 50), random.Next(0, 8) / 2.0, random.Next(0, 1000)))
                .ToList();

            var board = Referrals.Leaderboard(tallies, People);

            Assert.Equal(tallies.Sum(t => t.Touches), board.People.Sum(p => p.Touches) + board.Unmatched.Sum(u => u.Touches));
            Assert.Equal(tallies.Sum(t => t.Conversions), board.People.Sum(p => p.Conversions) + board.Unmatched.Sum(u => u.Conversions), 9);
            Assert.Equal((decimal)tallies.Sum(t => t.Revenue), board.People.Sum(p => p.Revenue) + board.Unmatched.Sum(u => u.Revenue));
            Assert.Equal(board.People.Sum(p => p.Touches), board.Units.Sum(u => u.Touches));
            Assert.True(board.People.Select(p => p.Rank).SequenceEqual(board.People.Select(p => p.Rank).Order()));
        }
    }

    [Fact]
    public void ShareKit_OnlyAnApprovedKit_WithThePersonsFirstCode()
    {
        var draft = new ContentKit(["Accurate at home."], [new("Shop", "https://shop.example.com/bp"), new("Video", "https://v.example.com/x?t=3")]);
        var approved = draft with { ApprovedBy = "pr-lead", ApprovedAt = T0 };

        Assert.Equal(
            [new KitLink("Shop", "https://shop.example.com/bp?ref=LINA"), new KitLink("Video", "https://v.example.com/x?t=3&ref=LINA")],
            Referrals.ShareKit(approved, People[0]));
        Assert.Empty(Referrals.ShareKit(draft, People[0]));
        Assert.Empty(Referrals.ShareKit(approved, new Person("x", "X", "u1")));
    }

    // company ─┬─ marketing ─┬─ brand
    //          │             └─ new_media ── live_team
    //          └─ sales
    private static readonly OrgStructure Tree = new("t",
    [
        new OrgUnit("company", "Company", UnitKind.Company),
        new OrgUnit("marketing", "Marketing center", UnitKind.Center, "company"),
        new OrgUnit("brand", "Brand", UnitKind.Department, "marketing"),
        new OrgUnit("new_media", "New media", UnitKind.Department, "marketing"),
        new OrgUnit("live_team", "Live team", UnitKind.Team, "new_media"),
        new OrgUnit("sales", "Sales", UnitKind.Department, "company"),
    ]);

    [Fact]
    public void RollUp_AddsEachUnitsLineToEveryUnitAboveIt_InTreeOrder()
    {
        UnitCredit[] units =
        [
            new(1, "sales", 1, 10, 4, 900m),
            new(2, "live_team", 2, 30, 3, 600m),
            new(3, "brand", 1, 5, 1, 200m),
            new(4, "new_media", 1, 7, 0.5, 100m),
            new(5, "ghost_unit", 1, 2, 0, 0m),
        ];

        var tree = Referrals.RollUp(units, Tree);

        // All people's revenue is 1,800. Marketing = brand 200 + new media (100 + live team 600) = 900 ties sales on
        // revenue and comes first on conversions (4.5 against 4). The unit the structure does not hold comes last.
        Assert.Equal(
            [
                new UnitTreeCredit("company", null, 0, 5, 52, 8.5, 1800m, 1.0, true),
                new UnitTreeCredit("marketing", "company", 1, 4, 42, 4.5, 900m, 0.5, true),
                new UnitTreeCredit("new_media", "marketing", 2, 3, 37, 3.5, 700m, 700.0 / 1800, true),
                new UnitTreeCredit("live_team", "new_media", 3, 2, 30, 3, 600m, 600.0 / 1800, true),
                new UnitTreeCredit("brand", "marketing", 2, 1, 5, 1, 200m, 200.0 / 1800, true),
                new UnitTreeCredit("sales", "company", 1, 1, 10, 4, 900m, 0.5, true),
                new UnitTreeCredit("ghost_unit", null, 0, 1, 2, 0, 0m, 0, false),
            ],
            tree);
    }

    [Fact]
    public void RollUp_LeavesOutUnitsWithNobodyCreditedBelowThem_AndHandlesNoCredit()
    {
        var tree = Referrals.RollUp([new UnitCredit(1, "brand", 1, 3, 0, 0m)], Tree);

        Assert.Equal(["company", "marketing", "brand"], tree.Select(t => t.Unit));
        Assert.All(tree, t => Assert.Equal(0, t.Share));
        Assert.Empty(Referrals.RollUp([], Tree));
    }

    [Fact]
    public void Property_RollUp_TheTopLinesAddUpToAllUnits_AndEveryParentToAtLeastItsChildren()
    {
        var random = new Random(5);
        var ids = Tree.Units.Select(u => u.Id).Append("elsewhere").ToArray();
        for (var run = 0; run < 200; run++)
        {
            var units = ids.Where(_ => random.Next(3) > 0)
                .Select((id, i) => new UnitCredit(i + 1, id, random.Next(1, 4), random.Next(0, 40), random.Next(0, 9) / 2.0, random.Next(0, 500)))
                .ToList();

            var tree = Referrals.RollUp(units, Tree).ToList();

            var tops = tree.Where(t => t.Depth == 0).ToList();
            Assert.Equal(units.Sum(u => u.Touches), tops.Sum(t => t.Touches));
            Assert.Equal(units.Sum(u => u.People), tops.Sum(t => t.People));
            Assert.Equal(units.Sum(u => u.Revenue), tops.Sum(t => t.Revenue));
            Assert.Equal(units.Sum(u => u.Conversions), tops.Sum(t => t.Conversions), 9);
            foreach (var line in tree.Where(t => t.Parent is not null))
            {
                var parent = tree.Single(t => t.Unit == line.Parent);
                Assert.True(tree.IndexOf(parent) < tree.IndexOf(line));
                Assert.True(parent.Revenue >= line.Revenue && parent.People >= line.People);
                Assert.Equal(parent.Depth + 1, line.Depth);
            }
        }
    }
}
