using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class WorkloadTests
{
    private static readonly Person[] People =
    [
        new("ann", "Ann", "brand"),
        new("bo", "Bo", "pr"),
        new("cy", "Cy", "ops"),
    ];

    private static Squad Sq(string id, DateOnly start, DateOnly end, string[] members, params string[] campaigns) =>
        new(id, id, [.. members.Select((m, i) => new SquadMember(m, i == 0 ? SquadRole.Lead : SquadRole.Other))], start, end, campaigns);

    private static Campaign Camp(string id, DateOnly start, DateOnly end, CampaignStage stage = CampaignStage.Planning) =>
        InStage(new Campaign(id, id, CampaignType.ContentSeries, "brand", start, end), stage, T0);

    [Fact]
    public void Compute_CountsConcurrentSquadsPerDay()
    {
        // Ann: s1 covers 1-10, s2 5-6, s3 6-8 → per day 1,1,1,1,2,3,2,2,1,1: Σ 15, average 1.5, peak 3, stretched on day 6.
        // Bo: s2 only → days 5 and 6: Σ 2, average 0.2. Cy: nothing. Dan: not in the directory, in s4 outside the range.
        var squads = new[]
        {
            Sq("s1", D(3, 1), D(3, 10), ["ann"], "c1"),
            Sq("s2", D(3, 5), D(3, 6), ["bo", "ann"], "c2"),
            Sq("s3", D(3, 6), D(3, 8), ["ann"]),
            Sq("s4", D(4, 1), D(4, 8), ["dan"]),
        };
        var campaigns = new[] { Camp("c1", D(3, 1), D(3, 31)), Camp("c2", D(3, 20), D(3, 25)) };

        var load = Workload.Compute(new DateRange(D(3, 1), D(3, 10)), People, squads, campaigns);

        Assert.Equal(
            [
                new PersonWorkload("ann", "Ann", "brand", ["s1", "s2", "s3"], ["c1"], 3, 1.5, 10, 1),
                new PersonWorkload("bo", "Bo", "pr", ["s2"], [], 1, 0.2, 2, 0),
                new PersonWorkload("cy", "Cy", "ops", [], [], 0, 0, 0, 0),
            ],
            load,
            new WorkloadComparer());
        Assert.True(load[0].Stretched);
        Assert.False(load[1].Stretched);
    }

    [Fact]
    public void Compute_ACancelledCampaignFreesItsSquad_ASquadWithALiveCampaignStillCounts()
    {
        // s1 works only on the cancelled c1: not counted. s2 works on c1 and the live c2: counted, listing c2 only.
        var squads = new[]
        {
            Sq("s1", D(3, 1), D(3, 10), ["ann"], "c1"),
            Sq("s2", D(3, 1), D(3, 10), ["ann", "bo"], "c1", "c2"),
            Sq("s3", D(3, 1), D(3, 10), ["bo"], "c1"),
        };
        var campaigns = new[]
        {
            CancelledFrom(new Campaign("c1", "c1", CampaignType.ContentSeries, "brand", D(3, 1), D(3, 31)), CampaignStage.Promotion, T0),
            Camp("c2", D(3, 1), D(3, 31)),
        };

        var load = Workload.Compute(new DateRange(D(3, 1), D(3, 10)), People, squads, campaigns);

        Assert.Equal(
            [
                new PersonWorkload("ann", "Ann", "brand", ["s2"], ["c2"], 1, 1, 10, 0),
                new PersonWorkload("bo", "Bo", "pr", ["s2"], ["c2"], 1, 1, 10, 0),
                new PersonWorkload("cy", "Cy", "ops", [], [], 0, 0, 0, 0),
            ],
            load,
            new WorkloadComparer());
    }

    [Fact]
    public void Conflicts_NotForACancelledCampaign()
    {
        var squads = new[] { Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["ann"], "b") };
        var a = Camp("a", D(3, 1), D(3, 31), CampaignStage.Promotion);

        Assert.Single(Workload.Conflicts(squads, [a, Camp("b", D(3, 1), D(3, 31), CampaignStage.Promotion)]));
        Assert.Empty(Workload.Conflicts(squads, [a, CancelledFrom(Camp("b", D(3, 1), D(3, 31)), CampaignStage.Promotion, T0)]));
    }

    [Fact]
    public void Compute_TwoSquadsAtOnce_IsNotStretched_ThreeIs()
    {
        var two = new[] { Sq("a", D(3, 1), D(3, 1), ["ann"]), Sq("b", D(3, 1), D(3, 1), ["ann"]) };
        var three = two.Append(Sq("c", D(3, 1), D(3, 1), ["ann"])).ToArray();
        var day = new DateRange(D(3, 1), D(3, 1));

        Assert.False(Workload.Compute(day, People, two, []).Single(w => w.Person == "ann").Stretched);
        Assert.True(Workload.Compute(day, People, three, []).Single(w => w.Person == "ann").Stretched);
        Assert.Equal(2, Workload.MaxConcurrentSquads);
    }

    [Fact]
    public void Compute_MemberOutsideTheDirectory_IsListedByIdWithoutUnit()
    {
        var load = Workload.Compute(new DateRange(D(3, 1), D(3, 2)), [], [Sq("a", D(3, 2), D(3, 9), ["zed"])], []);

        Assert.Equal(("zed", "zed", (string?)null, 1, 0.5), (load[0].Person, load[0].Name, load[0].Unit, load[0].Peak, load[0].Average));
    }

    [Fact]
    public void Compute_RefusesAReversedRange()
    {
        Assert.Throws<ArgumentException>(() => Workload.Compute(new DateRange(D(3, 2), D(3, 1)), People, [], []));
    }

    [Fact]
    public void Conflicts_PersonInTwoSquadsWhoseCampaignsRunTheSameDays()
    {
        // Squad boxes share 15-31 March; campaign a runs 10-20, b 18-25: both run on 18-20.
        var squads = new[] { Sq("x", D(3, 1), D(3, 31), ["ann", "bo"], "a"), Sq("y", D(3, 15), D(4, 15), ["ann"], "b") };
        var campaigns = new[] { Camp("a", D(3, 10), D(3, 20), CampaignStage.Promotion), Camp("b", D(3, 18), D(3, 25)) };

        var conflict = Assert.Single(Workload.Conflicts(squads, campaigns));

        Assert.Equal(
            new CalendarConflict(ConflictKind.SquadDoubleBooking, "ann", "x", "y", "a", "b", new DateRange(D(3, 18), D(3, 20)), null, null,
                CampaignCodes.SquadDoubleBooking, MessageArgs.Of(("person", "ann"), ("first", "x"), ("second", "y"),
                    ("first_campaign", "a"), ("second_campaign", "b"), ("from", D(3, 18)), ("to", D(3, 20)))),
            conflict);
    }

    [Fact]
    public void Conflicts_OneSharedDay_IsAConflict_TouchingRangesThatDoNotShareADay_AreNot()
    {
        var squads = new[] { Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["ann"], "b") };

        var oneDay = Workload.Conflicts(squads, [Camp("a", D(3, 1), D(3, 18)), Camp("b", D(3, 18), D(3, 25))]);
        var none = Workload.Conflicts(squads, [Camp("a", D(3, 1), D(3, 17)), Camp("b", D(3, 18), D(3, 25))]);

        Assert.Equal(new DateRange(D(3, 18), D(3, 18)), Assert.Single(oneDay).Days);
        Assert.Empty(none);
    }

    [Fact]
    public void Conflicts_NotForTheSameCampaign_AClosedCampaign_OrSquadBoxesApart()
    {
        var c = new[] { Camp("a", D(3, 1), D(3, 31)), Camp("b", D(3, 1), D(3, 31)), Camp("done", D(3, 1), D(3, 31), CampaignStage.Closed) };

        Assert.Empty(Workload.Conflicts([Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["ann"], "a")], c));
        Assert.Empty(Workload.Conflicts([Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["ann"], "done")], c));
        Assert.Empty(Workload.Conflicts([Sq("x", D(3, 1), D(3, 10), ["ann"], "a"), Sq("y", D(3, 11), D(3, 31), ["ann"], "b")], c));
        Assert.Empty(Workload.Conflicts([Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["bo"], "b")], c));
        Assert.Empty(Workload.Conflicts([Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["ann"], "unknown")], c));
    }

    [Fact]
    public void Conflicts_RangeClipsTheDays()
    {
        var squads = new[] { Sq("x", D(3, 1), D(3, 31), ["ann"], "a"), Sq("y", D(3, 1), D(3, 31), ["ann"], "b") };
        var c = new[] { Camp("a", D(3, 1), D(3, 31)), Camp("b", D(3, 20), D(4, 30)) };

        Assert.Equal(new DateRange(D(3, 25), D(3, 31)), Assert.Single(Workload.Conflicts(squads, c, range: new DateRange(D(3, 25), D(4, 5)))).Days);
        Assert.Empty(Workload.Conflicts(squads, c, range: new DateRange(D(4, 1), D(4, 5))));
    }

    private static LiveStreamSession Session(string id, string host, DateTimeOffset start, DateTimeOffset end, HostKind kind = HostKind.Staff) =>
        new(id, null, kind, host, start, end, 100, 10, 0, 0, 0m);

    [Fact]
    public void Conflicts_OverlappingLiveStreamsOfOneHost_BackToBackIsFine()
    {
        // s1 20:00-21:00 and s2 20:30-21:30 overlap 20:30-21:00; s3 21:30-22:30 starts as s2 ends.
        var sessions = new[]
        {
            Session("s1", "ann", At(3, 10, 20), At(3, 10, 21)),
            Session("s2", "ann", At(3, 10, 20, 30), At(3, 10, 21, 30)),
            Session("s3", "ann", At(3, 10, 21, 30), At(3, 10, 22, 30)),
            Session("s4", "bo", At(3, 10, 20), At(3, 10, 21)),
        };

        var conflict = Assert.Single(Workload.Conflicts([], [], sessions));

        Assert.Equal(
            new CalendarConflict(ConflictKind.LiveStreamOverlap, "ann", "s1", "s2", null, null, new DateRange(D(3, 10), D(3, 10)),
                At(3, 10, 20, 30), At(3, 10, 21), CampaignCodes.LiveStreamOverlap, MessageArgs.Of(("person", "ann"), ("first", "s1"), ("second", "s2"),
                    ("from", At(3, 10, 20, 30)), ("to", At(3, 10, 21)))),
            conflict);
    }

    [Fact]
    public void Conflicts_InfluencerNamesMatchIgnoringCase_StaffAndInfluencerOfTheSameNameDoNot()
    {
        var sessions = new[]
        {
            Session("k1", "Ms Fang", At(3, 10, 20), At(3, 10, 22), HostKind.Influencer),
            Session("k2", "ms fang ", At(3, 10, 21), At(3, 10, 23), HostKind.Influencer),
            Session("k3", "Ms Fang", At(3, 10, 21), At(3, 10, 23)),
        };

        var conflict = Assert.Single(Workload.Conflicts([], [], sessions));

        Assert.Equal(("Ms Fang", "k1", "k2"), (conflict.Person, conflict.First, conflict.Second));
    }

    [Fact]
    public void Conflicts_SessionDaysAreLocalDays()
    {
        var beijing = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var sessions = new[] { Session("s1", "ann", At(3, 10, 15), At(3, 10, 17)), Session("s2", "ann", At(3, 10, 16), At(3, 10, 18)) };

        var conflict = Assert.Single(Workload.Conflicts([], [], sessions, zone: beijing));

        Assert.Equal(new DateRange(D(3, 11), D(3, 11)), conflict.Days); // 00:00-01:00 on 11 March in UTC+8
        Assert.Empty(Workload.Conflicts([], [], sessions, new DateRange(D(3, 10), D(3, 10)), beijing));
    }

    [Fact]
    public void PeopleValidation_IdsNamesUnitsAndReferralCodes()
    {
        var people = new[]
        {
            new Person("ann", "Ann", "brand", referralCodes: ["ANN-1"]),
            new Person("ann", "", "", referralCodes: ["ann-1", "x", "-AB"]),
            new Person("Bo", "Bo", "nowhere", title: " CEO"),
        };
        var structure = new Mercato.Core.Organization.OrgStructure("Co", [new("brand", "Brand", Mercato.Core.Organization.UnitKind.Department)]);

        Assert.Equal(
            [
                Problem.Of("people[1].id", CommonCodes.Duplicate, ("value", "ann")),
                new Problem("people[1].name", CommonCodes.Required),
                new Problem("people[1].unit", CommonCodes.Required),
                Problem.Of("people[1].referralCodes[0]", CampaignCodes.ReferralCodeTaken, ("code", "ann-1"), ("person", "ann")),
                Problem.Of("people[1].referralCodes[1]", CampaignCodes.NotReferralCode, ("value", "x")),
                Problem.Of("people[1].referralCodes[2]", CampaignCodes.NotReferralCode, ("value", "-AB")),
                Problem.Of("people[2].id", CommonCodes.NotSlug, ("value", "Bo"), ("max", 64)),
                Problem.Of("people[2].unit", Mercato.Core.Organization.OrgCodes.UnknownUnit, ("unit", "nowhere")),
                new Problem("people[2].title", CommonCodes.Untrimmed),
            ],
            PeopleValidation.Validate(people, structure));
    }

    [Fact]
    public void SquadValidation_MembersRolesAndCampaigns()
    {
        var squad = new Squad("sq", "", [new("ann", SquadRole.Lead), new("ann", SquadRole.Host), new("zed", (SquadRole)99)], D(3, 5), D(3, 4), ["c1", "c1", "C2", "c3"]);

        Assert.Equal(
            [
                new Problem("name", CommonCodes.Required),
                Problem.Of("end", CommonCodes.EndBeforeStart, ("start", D(3, 5)), ("end", D(3, 4))),
                Problem.Of("members[1].person", CampaignCodes.MemberTwice, ("person", "ann")),
                Problem.Of("members[2].person", CampaignCodes.UnknownPerson, ("person", "zed")),
                Problem.Of("members[2].role", CommonCodes.UnknownChoice, ("expected", new[] { "lead", "creative", "media", "content", "analyst", "host", "other" })),
                Problem.Of("campaigns[1]", CommonCodes.Duplicate, ("value", "c1")),
                Problem.Of("campaigns[2]", CommonCodes.NotSlug, ("value", "C2"), ("max", 64)),
                Problem.Of("campaigns[3]", CampaignCodes.UnknownCampaign, ("campaign", "c3")),
            ],
            PeopleValidation.Validate(squad, People, ["c1"]));
        Assert.Equal(["members: " + CampaignCodes.SquadWithoutMembers],
            PeopleValidation.Validate(new Squad("sq", "Sq", [], D(3, 1), D(3, 1))).Select(p => p.ToString()));
        Assert.Empty(PeopleValidation.Validate(SquadFor("bp-launch")));
    }

    private sealed class WorkloadComparer : IEqualityComparer<PersonWorkload>
    {
        public bool Equals(PersonWorkload? x, PersonWorkload? y) =>
            x is not null && y is not null && x.Person == y.Person && x.Name == y.Name && x.Unit == y.Unit
            && x.Squads.SequenceEqual(y.Squads) && x.Campaigns.SequenceEqual(y.Campaigns) && x.Peak == y.Peak
            && Math.Abs(x.Average - y.Average) < 1e-12 && x.BusyDays == y.BusyDays && x.StretchedDays == y.StretchedDays;

        public int GetHashCode(PersonWorkload obj) => obj.Person.GetHashCode(StringComparison.Ordinal);
    }
}
