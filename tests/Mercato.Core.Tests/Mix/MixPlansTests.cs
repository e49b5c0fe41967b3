using Mercato.Core.Campaigns;
using Mercato.Core.Mix;
using Mercato.Core.Organization;

namespace Mercato.Core.Tests.Mix;

public class MixPlansTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly OrgStructure Org = new(
        "Co",
        [
            new OrgUnit("company", "Company", UnitKind.Company, null, "Chen Jian, CEO"),
            new OrgUnit("marketing", "Marketing center", UnitKind.Center, "company", "Lin Hui, CMO"),
            new OrgUnit("online", "Online promotion", UnitKind.Department, "marketing", "Head of online"),
            new OrgUnit("sem", "Search team", UnitKind.Team, "online", "sun-tao"),
        ],
        [], [], [], []);

    private static readonly Person[] People =
    [
        new("chen-jian", "Chen Jian", "company"),
        new("lin-hui", "Lin Hui", "marketing"),
        new("sun-tao", "Sun Tao", "sem"),
        new("ann", "Ann Lee", "online"),
    ];

    private static MixPlan Plan(MixPlanStatus status = MixPlanStatus.Draft, string owner = "sem") => new()
    {
        Id = "plan-2026-03-02",
        Title = "March",
        Owner = owner,
        From = new DateOnly(2026, 3, 2),
        To = new DateOnly(2026, 3, 29),
        Budget = 3000,
        Objective = MixObjective.Revenue,
        MaxChange = 0.3,
        Model = new MixPlanModel(MixOutcomeKind.Revenue, AdstockKind.Geometric, SaturationKind.Hill, 20, 1, 7, new DateOnly(2023, 1, 2), new DateOnly(2026, 3, 1), 0.9, 0.1),
        Lines =
        [
            new MixPlanLine("search", 1000, 1200.555, new MixInterval(5000, 4000, 6000), 1.5, 1, false, 1000),
            new MixPlanLine("social", 2000, 1799.445, new MixInterval(3000, 2500, 3500), 0.8, 2, false, 2000),
        ],
        Forecast = new MixInterval(8000, 7000, 9000),
        CurrentForecast = new MixInterval(7800, 6900, 8700),
        Status = status,
        CreatedBy = "analyst",
        CreatedAt = Now,
    };

    [Fact]
    public void Ids_AreThePeriodsFirstDay_ThenNumbered()
    {
        var from = new DateOnly(2027, 1, 1);
        Assert.Equal("plan-2027-01-01", MixPlans.NextId([], from));
        Assert.Equal("plan-2027-01-01-2", MixPlans.NextId(["plan-2027-01-01"], from));
        Assert.Equal("plan-2027-01-01-3", MixPlans.NextId(["plan-2027-01-01", "plan-2027-01-01-2"], from));
    }

    [Fact]
    public void BudgetOwners_AreTheHeadsUpTheTree_NearestFirst_MatchedByNameOrId()
    {
        var owners = MixPlans.BudgetOwners(Org, People, "sem");

        // "Head of online" names nobody in the directory: that unit has no owner to offer.
        Assert.Equal([("sem", "sun-tao"), ("marketing", "lin-hui"), ("company", "chen-jian")], owners.Select(o => (o.Unit.Id, o.Person.Id)).ToArray());
        Assert.Empty(MixPlans.BudgetOwners(Org, People, "nowhere"));
    }

    [Fact]
    public void Approve_TakesAHeadOfTheOwnerOrAbove_AndRecordsWhoAndWhen()
    {
        var byParent = MixPlans.Approve(Plan(), "lin-hui", People, Org, Now, "  fine ");
        Assert.True(byParent.IsOk);
        Assert.Equal((MixPlanStatus.Approved, new MixPlanApproval("lin-hui", "Lin Hui", "marketing", Now, "fine")), (byParent.Value!.Status, byParent.Value.Approval));

        var byMember = MixPlans.Approve(Plan(), "ann", People, Org, Now, null);
        Assert.Equal((OutcomeKind.Refused, MixPlanCodes.NotBudgetOwner), (byMember.Kind, byMember.Code));
        Assert.Equal(new List<string> { "sun-tao (sem)", "lin-hui (marketing)", "chen-jian (company)" }, byMember.Args["owners"]);

        // The owner's head may not approve a plan of the unit above: approval runs up the tree, never down.
        Assert.Equal(MixPlanCodes.NotBudgetOwner, MixPlans.Approve(Plan(owner: "marketing"), "sun-tao", People, Org, Now, null).Code);
        Assert.Equal(MixPlanCodes.UnknownPerson, MixPlans.Approve(Plan(), "zoe", People, Org, Now, null).Code);
        Assert.Equal(MixPlanCodes.NoStructure, MixPlans.Approve(Plan(), "lin-hui", People, null, Now, null).Code);
        Assert.Equal(MixPlanCodes.WrongStatus, MixPlans.Approve(Plan(MixPlanStatus.Approved), "lin-hui", People, Org, Now, null).Code);
    }

    [Fact]
    public void Start_WaitsForTheFirstDay()
    {
        var approved = Plan(MixPlanStatus.Approved);
        var early = MixPlans.Start(approved, "cmo", Now, new DateOnly(2026, 3, 1));
        Assert.Equal((OutcomeKind.Refused, MixPlanCodes.NotStarted), (early.Kind, early.Code));
        Assert.Equal(new DateOnly(2026, 3, 2), early.Args["from"]);

        var started = MixPlans.Start(approved, "cmo", Now, new DateOnly(2026, 3, 2));
        Assert.Equal((MixPlanStatus.InEffect, "cmo", Now), (started.Value!.Status, started.Value.StartedBy, started.Value.StartedAt));
        Assert.Equal(MixPlanCodes.WrongStatus, MixPlans.Start(Plan(), "cmo", Now, new DateOnly(2026, 3, 2)).Code);
    }

    [Fact]
    public void TheReview_WaitsForThePeriodsEnd_AndItsData()
    {
        var plan = Plan(MixPlanStatus.InEffect);
        Assert.Equal(MixPlanCodes.PeriodOpen, MixPlans.ReviewRefusal(plan, new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29))!.Code);
        Assert.Equal(MixPlanCodes.DataMissing, MixPlans.ReviewRefusal(plan, new DateOnly(2026, 3, 30), new DateOnly(2026, 3, 28))!.Code);
        Assert.Equal(MixPlanCodes.DataMissing, MixPlans.ReviewRefusal(plan, new DateOnly(2026, 3, 30), null)!.Code);
        Assert.Null(MixPlans.ReviewRefusal(plan, new DateOnly(2026, 3, 30), new DateOnly(2026, 3, 29)));
        Assert.Equal(MixPlanCodes.WrongStatus, MixPlans.ReviewRefusal(Plan(MixPlanStatus.Approved), new DateOnly(2026, 4, 30), new DateOnly(2026, 4, 30))!.Code);
    }

    [Fact]
    public void TheReview_MeasuresEachChannelOverThePeriodsDays_WeeksProRata()
    {
        // 20 weeks from Monday 2026-01-05; the plan runs from the Wednesday of week 10 to the Tuesday of week 12:
        // 5/7 of week 10, all of week 11, 2/7 of week 12.
        var sim = MixSimulation.Draw(seed: 5, channels: 2, weeks: 60, noise: 0.02);
        var fit = MixModel.Fit(sim.Data, new MixOptions { Replicates = 0, HoldoutPeriods = 0 });
        var w10 = fit.Periods[10].Start;
        var plan = Plan(MixPlanStatus.InEffect) with
        {
            From = w10.AddDays(2),
            To = w10.AddDays(15),
            Lines =
            [
                new MixPlanLine(fit.Channels[0].Channel, 1000, 1000, new MixInterval(1, 0, 2), 1, 0, false, 1000),
                new MixPlanLine(fit.Channels[1].Channel, 1000, 500, new MixInterval(100, 50, 1e12), 1, 0, false, 1000),
                new MixPlanLine("tv", 0, 0, new MixInterval(0, 0, 0), 0, 0, false, 0),
            ],
            Forecast = new MixInterval(200, 0, 1e12),
        };
        var spend = new Dictionary<string, double> { [fit.Channels[0].Channel] = 900, [fit.Channels[1].Channel] = 600 };

        var reviewed = MixPlans.Review(plan, new MixReviewInput(plan.To.AddDays(3), spend, 12345, fit), "analyst", Now, plan.To.AddDays(1));

        var review = reviewed.Value!.Review!;
        double Expected(int c) => (fit.Periods[10].Channels[c] * 5 / 7) + fit.Periods[11].Channels[c] + (fit.Periods[12].Channels[c] * 2 / 7);
        Assert.Equal(Expected(0), review.Channels[0].Measured!.Value, 9);
        Assert.Equal(Expected(1), review.Channels[1].Measured!.Value, 9);
        Assert.Null(review.Channels[2].Measured);
        Assert.Equal((-0.1, 0.2), (review.Channels[0].SpendError!.Value, review.Channels[1].SpendError!.Value), new ToleranceComparer(1e-12));
        Assert.Null(review.Channels[2].SpendError);
        Assert.Equal((Expected(0) / 1) - 1, review.Channels[0].Error!.Value, 9);
        Assert.Equal(Expected(0) <= 2, review.Channels[0].Inside);
        Assert.True(review.Channels[1].Inside);
        Assert.Equal(Expected(0) + Expected(1), review.MeasuredMedia, 9);
        Assert.Equal((fit.Periods[10].Fitted * 5 / 7) + fit.Periods[11].Fitted + (fit.Periods[12].Fitted * 2 / 7), review.FittedOutcome, 6);
        Assert.Equal((12345.0, plan.To.AddDays(3), MixPlanStatus.Reviewed), (review.ActualOutcome, review.DataThrough, reviewed.Value.Status));
    }

    [Fact]
    public void Accuracy_CountsLinesInsideTheirInterval_AndTakesMedianErrors()
    {
        static MixPlan Reviewed(double mediaError, double actualSpendShare, params bool[] inside)
        {
            var plan = Plan(MixPlanStatus.Reviewed);
            var lines = plan.Lines.Select((l, i) => new MixPlanLineReview(l.Channel, l.Planned, l.Planned * actualSpendShare, null, l.Forecast, 1, 0, inside[i])).ToList();
            return plan with { Review = new MixPlanReview(Now, "a", plan.To, lines, plan.Forecast, 0, mediaError, false, 0, 0, 0, 0) };
        }

        var accuracy = MixPlans.Accuracy([Reviewed(0.1, 1.2, true, false), Reviewed(-0.3, 0.9, true, true), Reviewed(0.2, 1, false, false), Plan()]);

        Assert.Equal((3, 6, 3), (accuracy.Reviewed, accuracy.Lines, accuracy.Inside));
        Assert.Equal(0.5, accuracy.InsideShare!.Value, 12);
        Assert.Equal(0.2, accuracy.MedianMediaError!.Value, 12);
        Assert.Equal(0.1, accuracy.MedianSpendError!.Value, 9);
        Assert.Equal(new MixPlanAccuracy(0, 0, 0, null, null, null), MixPlans.Accuracy([Plan()]));
    }

    [Fact]
    public void ToCampaign_AddsTheChosenChannelLines_KeepsTheCampaignsOwn_AndReplacesOnlyItsOwnOnASecondGo()
    {
        var campaign = new Campaign(
            "spring", "Spring", CampaignType.BrandEvent, "sem", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31),
            budget: [new BudgetLine(BudgetItemKind.Channel, "Search", 10m), new BudgetLine(BudgetItemKind.Cost, "kol_fee", 99m)]);

        var moved = MixPlans.ToCampaign(Plan(MixPlanStatus.Approved), campaign, [], 0.5);

        Assert.True(moved.IsOk);
        var (plan, edited) = moved.Value;
        var note = "from plan plan-2026-03-02 (2026-03-02 to 2026-03-29)";
        Assert.Equal(
            [("channel:search", 10m, (string?)null), ("cost:kol_fee", 99m, null), ("channel:search", 600.28m, note), ("channel:social", 899.72m, note)],
            edited.Budget.Select(b => (b.Key, b.Planned, b.Note)).ToArray());
        Assert.Equal(["spring"], plan.Campaigns);

        var again = MixPlans.ToCampaign(plan, edited, ["search"], 0.25);
        Assert.Equal(
            [("channel:search", 10m, (string?)null), ("cost:kol_fee", 99m, null), ("channel:social", 899.72m, note), ("channel:search", 300.14m, note)],
            again.Value.Campaign.Budget.Select(b => (b.Key, b.Planned, b.Note)).ToArray());
        Assert.Equal(["spring"], again.Value.Plan.Campaigns);

        Assert.Equal(MixPlanCodes.WrongStatus, MixPlans.ToCampaign(Plan(), campaign, [], 1).Code);
        Assert.Equal(
            [MixPlanCodes.BadShare, MixPlanCodes.UnknownChannel],
            MixPlans.ToCampaign(Plan(MixPlanStatus.InEffect), campaign, ["tv"], 0).Problems.Select(p => p.Code).ToArray());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
