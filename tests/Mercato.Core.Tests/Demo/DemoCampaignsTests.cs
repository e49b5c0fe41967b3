using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;

namespace Mercato.Core.Tests.Demo;

/// <summary>The demo company's campaigns workspace: people, squads, campaigns and live streams, checked against its facts.</summary>
public class DemoCampaignsTests
{
    private static readonly YearMonth LastMonth = new(2026, 3);
    private static readonly DateOnly WindowEnd = new(2026, 3, 31);

    private static readonly Lazy<(List<IFact> Facts, DemoGroundTruth Truth, DemoWorkspace Workspace)> SmallRun = new(() =>
    {
        var sink = new ListSink();
        var truth = DemoCompany.Generate(new DemoOptions(42, DemoScale.Small, LastMonth), sink);
        return (sink.Facts, truth, DemoCampaigns.Build(truth));
    });

    private static List<IFact> Facts => SmallRun.Value.Facts;

    private static DemoGroundTruth Truth => SmallRun.Value.Truth;

    private static DemoWorkspace Workspace => SmallRun.Value.Workspace;

    [Fact]
    public void Build_EverythingPassesTheCoresValidation()
    {
        var structure = DemoOrganization.Structure();
        var w = Workspace;

        Assert.Empty(PeopleValidation.Validate(w.People, structure));
        Assert.All(w.Campaigns, c => Assert.Empty(c.Validate(structure)));
        Assert.Empty(CampaignValidation.CheckAll(w.Campaigns));
        var ids = w.Campaigns.Select(c => c.Id).ToList();
        Assert.All(w.Squads, s => Assert.Empty(PeopleValidation.Validate(s, w.People, ids)));
        Assert.All(w.Sessions, s => Assert.Empty(LiveStreams.Validate(s.ToSession(), w.People)));
        Assert.Equal(240, w.People.Count);
        Assert.Equal(24, w.Campaigns.Count);
    }

    [Fact]
    public void Build_EveryPersonOwnsOneStaffCode_AndEveryUnitTakesPart()
    {
        var w = Workspace;

        var codes = w.People.SelectMany(p => p.ReferralCodes).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 240).Select(i => "STAFF-" + i.ToString("D3", CultureInfo.InvariantCulture)), codes);
        Assert.All(w.People, p => Assert.Single(p.ReferralCodes));
        var units = DemoOrganization.Structure().Units.Select(u => u.Id).Order(StringComparer.Ordinal);
        Assert.Equal(units, w.People.Select(p => p.Unit).Distinct().Order(StringComparer.Ordinal));
        var ceo = Assert.Single(w.People, p => p.Unit == "company" && p.Title == "CEO");
        Assert.Equal(("chen-jian", "Chen Jian", true), (ceo.Id, ceo.Name, ceo.IsStaffHost));
        Assert.Equal(16, w.People.Count(p => p.IsStaffHost));
        Assert.Equal(w.People.Count, w.People.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void Organization_TheNewCentersLeaveTheBoundaryAnalysisAsItWas()
    {
        var report = Mercato.Core.Organization.OrgAnalysis.Check(DemoOrganization.Structure());

        Assert.Equal(DemoOrganization.Overlap, Assert.Single(report.Overlaps).Function);
        Assert.Equal(DemoOrganization.Gap, Assert.Single(report.Gaps).Function);
        Assert.Empty(report.IdleUnits);
        Assert.Empty(report.Mismatches);
        Assert.Empty(report.UnownedKpis);
    }

    [Fact]
    public void Build_EveryCampaignCodeOfTheFacts_BelongsToExactlyOneCampaign()
    {
        var codes = Facts.OfType<Touchpoint>().Select(t => t.Campaign)
            .Concat(Facts.OfType<SpendFact>().Select(s => s.Campaign))
            .Concat(Workspace.Sessions.Select(s => s.Campaign))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var map = CampaignCalendar.CodeMap(Workspace.Campaigns);

        Assert.Equal(12 + 8 + 7 + 3, codes.Count);
        Assert.All(codes, code =>
        {
            Assert.True(map.ContainsKey(code), code);
            Assert.Single(Workspace.Campaigns, c => c.Codes.Contains(code, StringComparer.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public void Build_EverySchedule_CoversAllTheFactsOfItsCodes()
    {
        var spend = Facts.OfType<SpendFact>().ToList();
        foreach (var campaign in Workspace.Campaigns)
        {
            var all = spend.Where(s => s.Campaign is { } code && campaign.Codes.Contains(code)).Sum(s => s.Spend);
            Assert.Equal(all, Budgets.SpendActuals(campaign, spend).Sum(a => a.Amount));
            Assert.All(Facts.OfType<Touchpoint>().Where(t => t.Campaign is { } code && campaign.Codes.Contains(code)),
                t => Assert.True(campaign.Schedule.Contains(DateOnly.FromDateTime(t.Timestamp.UtcDateTime)), campaign.Id));
        }
    }

    [Fact]
    public void Build_ExactlyOneCampaignOverrunsItsBudget_OnPurpose()
    {
        var spend = Facts.OfType<SpendFact>().ToList();

        var checks = Workspace.Campaigns.Select(c => Budgets.Check(c, Budgets.SpendActuals(c, spend))).ToList();

        var overrun = Assert.Single(checks, c => c.Warnings.Count > 0);
        Assert.Equal("double11-promo-2025", overrun.Campaign);
        Assert.Equal(Workspace.OverrunCampaign, overrun.Campaign);
        Assert.True(overrun.TotalOverrun);
        Assert.Contains(overrun.Warnings, w => w.Line == "channel:douyin_ads");
        Assert.Equal(CampaignStage.Closed, Workspace.Campaigns.Single(c => c.Id == overrun.Campaign).Stage);

        // Every other campaign with spend plans within 2-12% above it (plus what its schedule runs past the window).
        foreach (var check in checks.Where(c => c.Campaign != overrun.Campaign && c.Actual > 0))
        {
            Assert.InRange(check.Actual / check.Lines.Where(l => l.Key.StartsWith("channel:", StringComparison.Ordinal)).Sum(l => l.Planned), 0.3m, 1m / 1.02m);
        }
    }

    [Fact]
    public void Build_ServesAllNineSteps_AndClosedCampaignsCompleteExactlyOneCycle()
    {
        var campaigns = Workspace.Campaigns;

        Assert.Equal(Enumerable.Range(1, 9), campaigns.SelectMany(c => c.BrandSteps).Distinct().Order());
        var (completedAt, doneBy) = BrandCycle.Cycles(campaigns);
        var completed = Assert.Single(completedAt);
        Assert.Equal(campaigns.Single(c => c.Id == "oximeter-o2-launch").ClosedAt, completed);
        Assert.Equal(new[] { 1, 2, 4, 6 }, doneBy.Keys.Order());
        var board = BrandCycle.Board(campaigns, new DateRange(Truth.FirstMonth.FirstDay, WindowEnd));
        Assert.Equal((1, 2), (board.CompletedCycles, board.CurrentCycle));
        Assert.Equal(
            new[] { StepState.Done, StepState.Done, StepState.InProgress, StepState.Done, StepState.NotStarted, StepState.Done, StepState.InProgress, StepState.NotStarted, StepState.NotStarted },
            board.Steps.Select(s => s.State));
    }

    [Theory]
    [InlineData(2025, 4)]
    [InlineData(2025, 5)]
    [InlineData(2025, 7)]
    [InlineData(2025, 10)]
    [InlineData(2025, 11)]
    [InlineData(2025, 12)]
    [InlineData(2026, 1)]
    [InlineData(2026, 2)]
    public void Build_AnyWindow_IsValid_WithOneCompletedCycle_OneConflictPerson_AndEveryCodeMapped(int year, int month)
    {
        var sink = new ListSink();
        var truth = DemoCompany.Generate(new DemoOptions(3, DemoScale.Small, new YearMonth(year, month)), sink);
        var w = DemoCampaigns.Build(truth);

        var structure = DemoOrganization.Structure();
        Assert.All(w.Campaigns, c => Assert.Empty(c.Validate(structure)));
        Assert.Empty(CampaignValidation.CheckAll(w.Campaigns));
        Assert.Empty(PeopleValidation.Validate(w.People, structure));
        Assert.All(w.Squads, s => Assert.Empty(PeopleValidation.Validate(s, w.People, w.Campaigns.Select(c => c.Id))));
        Assert.All(w.Sessions, s => Assert.Empty(LiveStreams.Validate(s.ToSession(), w.People)));
        Assert.Single(BrandCycle.Cycles(w.Campaigns).CompletedAt);
        Assert.Equal(new[] { w.DoubleBooked }, Workload.Conflicts(w.Squads, w.Campaigns, w.Sessions.Select(s => s.ToSession())).Select(c => c.Person).Distinct());
        var map = CampaignCalendar.CodeMap(w.Campaigns);
        Assert.All(sink.Facts.OfType<Touchpoint>().Select(t => t.Campaign).OfType<string>().Distinct(), code => Assert.True(map.ContainsKey(code), code));
        Assert.All(w.Campaigns, c => Assert.True(Replay(c, w.Squads, w.Now), c.Id));
    }

    [Fact]
    public void Build_PlantsOneDoubleBooking_TheOnlyConflictOfTheWorkspace()
    {
        var w = Workspace;

        var conflicts = Workload.Conflicts(w.Squads, w.Campaigns, w.Sessions.Select(s => s.ToSession()));

        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, c =>
        {
            Assert.Equal(ConflictKind.SquadDoubleBooking, c.Kind);
            Assert.Equal(w.DoubleBooked, c.Person);
            Assert.Equal(("live-programme-2026-q1-squad", "performance-squad"), (c.First, c.Second));
        });
        Assert.Equal(new[] { "aso-brand", "douyin-feed", "sem-brand", "sem-generic" }, conflicts.Select(c => c.SecondCampaign).Order(StringComparer.Ordinal));
        Assert.Equal("data_center", w.People.Single(p => p.Id == w.DoubleBooked).Unit);
        var load = Workload.Compute(new DateRange(new DateOnly(2026, 3, 1), WindowEnd), w.People, w.Squads, w.Campaigns);
        Assert.Equal(w.DoubleBooked, load[0].Person);
        Assert.Equal(2, load[0].Peak);
    }

    [Fact]
    public void Build_SquadsDrawOnSeveralUnits_AndAreTimeBoxedToTheirCampaigns()
    {
        var w = Workspace;
        var unitOf = w.People.ToDictionary(p => p.Id, p => p.Unit);
        var byId = w.Campaigns.ToDictionary(c => c.Id);

        Assert.All(w.Squads, s =>
        {
            Assert.True(s.Members.Select(m => unitOf[m.Person]).Distinct().Count() >= 4, s.Id);
            Assert.Single(s.Members, m => m.Role == SquadRole.Lead);
            Assert.All(s.Campaigns, id => Assert.True(s.Start < byId[id].Start && s.End > byId[id].End, s.Id));
        });
        Assert.Equal(w.Campaigns.Select(c => c.Id).Order(StringComparer.Ordinal), w.Squads.SelectMany(s => s.Campaigns).Order(StringComparer.Ordinal));
        Assert.Contains(w.Squads, s => s.Members.Any(m => m is { Person: DemoCampaigns.Ceo, Role: SquadRole.Host }));
        Assert.All(new[] { SquadRole.Lead, SquadRole.Creative, SquadRole.Media, SquadRole.Content, SquadRole.Analyst, SquadRole.Host },
            role => Assert.Contains(w.Squads, s => s.Members.Any(m => m.Role == role)));
    }

    [Fact]
    public void Build_StagesFollowTheWindowsEnd()
    {
        var w = Workspace;
        var stages = w.Campaigns.ToDictionary(c => c.Id, c => c.Stage);

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), w.Now);
        Assert.All(w.Campaigns, c =>
        {
            var expected = c.End < LastMonth.FirstDay ? CampaignStage.Closed
                : c.Start > WindowEnd ? c.Stage
                : c.End < WindowEnd ? CampaignStage.Evaluation
                : CampaignStage.Promotion;
            Assert.Equal(expected, c.Stage);
            Assert.All(c.Transitions, t => Assert.True(t.At < w.Now, c.Id));
        });
        Assert.Equal(13, stages.Values.Count(s => s == CampaignStage.Closed));
        Assert.Equal(
            new[] { "all-staff-referral", "aso-brand", "crm-newsletter", "douyin-feed", "health-topics", "kol-doctor-talks", "live-programme-2026-q1", "sem-brand", "sem-generic" },
            stages.Where(p => p.Value == CampaignStage.Promotion).Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(CampaignStage.ResourcesConfirmed, stages["live-programme-2026-q2"]);
        Assert.Equal(CampaignStage.Planning, stages["cmef-spring-2026"]);
    }

    [Fact]
    public void Build_TheHistoryOfEveryCampaign_IsWhatTheLifecycleWouldHaveWritten()
    {
        var w = Workspace;

        Assert.All(w.Campaigns, c => Assert.True(Replay(c, w.Squads, w.Now), c.Id));
        Assert.All(w.Campaigns.Where(c => c.Stage >= CampaignStage.Promotion), c =>
        {
            var promotion = c.Transitions.Single(t => t.To == CampaignStage.Promotion);
            Assert.True(c.BudgetApproval!.At < promotion.At);
            Assert.Equal(c.PlannedTotal, c.BudgetApproval.Amount);
            Assert.True(c.Transitions[0].At < new DateTimeOffset(c.Start, TimeOnly.MinValue, TimeSpan.Zero));
        });
        Assert.All(w.Campaigns.Where(c => c.Stage == CampaignStage.Closed), c =>
        {
            var closed = c.Transitions[^1];
            Assert.Equal(CampaignStage.Closed, closed.To);
            Assert.InRange(closed.At.UtcDateTime.Date - c.End.ToDateTime(TimeOnly.MinValue), TimeSpan.FromDays(8), TimeSpan.FromDays(21));
        });
        Assert.True(w.Campaigns.Count(c => c.Kit.IsApproved) >= 6);
        Assert.All(w.Campaigns.Where(c => c.Kit.Messages.Count > 0 && c.Stage >= CampaignStage.Promotion), c => Assert.True(c.Kit.IsApproved, c.Id));
    }

    [Fact]
    public void Sessions_OnePerLiveDay_WithTheLiveRoomsExactOrders()
    {
        var w = Workspace;
        var liveDays = Truth.LiveDays.Count;

        Assert.Equal(12 * 4 + 2, w.Sessions.Count);
        Assert.Equal(liveDays, w.Sessions.Count);
        Assert.Equal(w.Sessions.Count, w.Sessions.Select(s => s.SessionId).Distinct().Count());

        // Orders: home-care conversions whose journey's last touch (the user's last touch before the order) is that day's live stream.
        var touches = Facts.OfType<Touchpoint>().GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Timestamp).ToList());
        var expected = Facts.OfType<Conversion>().Where(c => c.Revenue < 20_000m)
            .Select(c => (Conversion: c, Last: touches[c.UserId].Last(t => t.Timestamp <= c.Timestamp)))
            .Where(x => x.Last.Channel == "livestream")
            .GroupBy(x => DateOnly.FromDateTime(x.Last.Timestamp.UtcDateTime))
            .ToDictionary(g => g.Key, g => (Orders: (long)g.Count(), Gmv: g.Sum(x => x.Conversion.Revenue)));
        foreach (var session in w.Sessions)
        {
            var day = DateOnly.FromDateTime(session.Start.UtcDateTime);
            Assert.Equal(expected.GetValueOrDefault(day), (session.Orders, session.Gmv));
            var tracked = Facts.OfType<Touchpoint>().Count(t => t.Channel == "livestream" && DateOnly.FromDateTime(t.Timestamp.UtcDateTime) == day);
            Assert.InRange(session.Viewers, 6 * tracked, 9 * tracked);
            Assert.Equal("live-" + day.ToString("yyyy-MM", CultureInfo.InvariantCulture), session.Campaign);
        }

        Assert.True(w.Sessions.Sum(s => s.Orders) > 0);
    }

    [Fact]
    public void Sessions_StartInTheChineseEvening_HostedByStaff_TheCeoOnTheSpecials_AndInfluencers()
    {
        var w = Workspace;
        var staffHosts = w.People.Where(p => p.IsStaffHost).Select(p => p.Id).ToHashSet();

        Assert.All(w.Sessions, s =>
        {
            Assert.Equal(TimeSpan.FromHours(8), s.Start.Offset);
            Assert.InRange(s.Start.Hour, 19, 20);
            Assert.Equal(DateOnly.FromDateTime(s.Start.DateTime), DateOnly.FromDateTime(s.Start.UtcDateTime));
            if (s.HostKind == HostKind.Staff)
            {
                Assert.Contains(s.Host, staffHosts);
            }
        });
        var specials = w.Sessions.Where(s => s.Start.Month * 100 + s.Start.Day is 618 or 1111).ToList();
        Assert.Equal(2, specials.Count);
        Assert.All(specials, s => Assert.Equal((HostKind.Staff, DemoCampaigns.Ceo), (s.HostKind, s.Host)));
        Assert.Equal(12, w.Sessions.Count(s => s.HostKind == HostKind.Influencer));
        Assert.Empty(Workload.Conflicts([], [], w.Sessions.Select(s => s.ToSession())));
        var board = LiveStreams.Leaderboard(w.Sessions.Select(s => s.ToSession()), w.People);
        Assert.Contains(board, l => l.Host == DemoCampaigns.Ceo);
    }

    [Fact]
    public void Truth_Referrals_CountTheTouchesAndConversionsOfEveryCode()
    {
        var referrals = Truth.Referrals;
        var touches = Facts.OfType<Touchpoint>().Where(t => t.ReferralCode is not null)
            .GroupBy(t => t.ReferralCode!).ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(240, referrals.Count);
        Assert.All(referrals, r => Assert.Equal(touches.GetValueOrDefault(r.Code), r.Touchpoints));

        // Gift cards are 40 per referred order: the cost facts count the same conversions.
        var giftCards = Facts.OfType<CostFact>().Where(c => c.Channel == "staff_referral").Sum(c => c.Amount);
        Assert.Equal(giftCards, 40m * referrals.Sum(r => r.Conversions));
        var channel = Truth.Channels.Single(c => c.Channel == "staff_referral");
        Assert.Equal(channel.IncrementalConversions, referrals.Sum(r => r.IncrementalConversions), 9);
        Assert.All(referrals, r => Assert.InRange(r.Conversions, 0, r.Journeys));
        Assert.True(referrals[0].Touchpoints > referrals[^1].Touchpoints, "the skew: STAFF-001 refers most");

        // A converted user's referral code is on a touch before the order.
        var referredUsers = Facts.OfType<Touchpoint>().Where(t => t.ReferralCode is not null).Select(t => t.UserId).ToHashSet();
        Assert.True(Facts.OfType<Conversion>().Count(c => referredUsers.Contains(c.UserId)) >= referrals.Sum(r => r.Conversions));
    }

    [Fact]
    public void Build_IsDeterministic_FromTheSeedAndTheLastMonth()
    {
        var again = DemoCompany.Generate(new DemoOptions(42, DemoScale.Small, LastMonth), new ListSink());
        var a = Workspace;
        var b = DemoCampaigns.Build(again);

        Assert.Equal(a.People, b.People);
        Assert.Equal(a.Squads, b.Squads);
        Assert.Equal(a.Campaigns, b.Campaigns);
        Assert.Equal(a.Sessions, b.Sessions);
        Assert.Equal((a.Now, a.OverrunCampaign, a.DoubleBooked), (b.Now, b.OverrunCampaign, b.DoubleBooked));
        var other = DemoCampaigns.Build(DemoCompany.Generate(new DemoOptions(43, DemoScale.Small, LastMonth), new ListSink()));
        Assert.NotEqual(a.People.Select(p => p.Name), other.People.Select(p => p.Name));
    }

    /// <summary>Replays the campaign's history through the lifecycle; true when it writes the same campaign.</summary>
    private static bool Replay(Campaign campaign, IReadOnlyList<Squad> squads, DateTimeOffset now)
    {
        var facts = new LifecycleFacts(squads, TimeZoneInfo.Utc);
        var c = campaign with { Stage = CampaignStage.Planning, Transitions = [], BudgetApproval = null, Kit = campaign.Kit with { ApprovedBy = null, ApprovedAt = null } };
        var events = campaign.Transitions.Select(t => (t.At, Order: 1, Act: (Func<Campaign, LifecycleOutcome>)(x => CampaignLifecycle.TryMoveTo(x, t.To, t.By, t.At, facts, t.Note)))).ToList();
        if (campaign.BudgetApproval is { } approval)
        {
            events.Add((approval.At, 0, x => CampaignLifecycle.ApproveBudget(x, approval.By, approval.At, approval.Note)));
        }

        if (campaign.Kit is { ApprovedBy: { } by, ApprovedAt: { } at })
        {
            events.Add((at, 0, x => CampaignLifecycle.ApproveKit(x, by, at)));
        }

        foreach (var (when, _, act) in events.OrderBy(e => e.At).ThenBy(e => e.Order))
        {
            if (when > now)
            {
                return false;
            }

            var outcome = act(c);
            if (outcome.Campaign is null)
            {
                return false;
            }

            c = outcome.Campaign;
        }

        return c == campaign;
    }

    private sealed class ListSink : IDemoSink
    {
        public List<IFact> Facts { get; } = [];

        public void Add(IFact fact) => Facts.Add(fact);
    }
}
