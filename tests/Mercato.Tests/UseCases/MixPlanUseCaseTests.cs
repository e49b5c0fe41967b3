using System.Globalization;
using System.Text;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Mix;
using Mercato.Core.Organization;
using Mercato.Features.Campaigns;
using Mercato.Features.Imports;
using Mercato.Features.Mix;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Storage.Import;
using Microsoft.Extensions.DependencyInjection;
using static Mercato.Tests.UseCases.Samples;

namespace Mercato.Tests.UseCases;

/// <summary>
/// The plan loop through its use case on a workspace whose data the mix model can fit: saved from a proposal, approved only
/// by a head of the owning unit or above, in effect, refused a review until the period's data is in, then reviewed against
/// the imported actuals, and put on a campaign's budget lines.
/// </summary>
public abstract class MixPlanUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APlan_GoesFromDraftToReview_OnlyItsBudgetOwnerApproves_AndTheReviewWaitsForThePeriodsData()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "analyst");
        await MixPlanSamples.SeedOrganizationAsync(w.Services);
        var (spend, conversions) = MixPlanSamples.Simulated(weeks: 160);
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Spend, spend.Where(r => r.Day < MixPlanSamples.FirstMonday.AddDays(7 * 150)).Select(r => r.Csv), "date,channel,spend");
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Conversions, conversions.Where(r => r.Day < MixPlanSamples.FirstMonday.AddDays(7 * 150)).Select(r => r.Csv), "conversion_id,user_id,timestamp,revenue");

        var mix = w.Get<MixUseCases>();
        var plans = w.Get<MixPlanUseCases>();
        var options = new MixOptions { Replicates = 20 };
        var report = Expect.Ok(await mix.FitWorkspaceAsync(MixOutcomeKind.Revenue, options, Ct));
        var current = report.Fit.Channels.Sum(c => c.CurrentSpend) * 4;
        var proposal = Expect.Ok(MixUseCases.Propose(report, new MixBudgetRequest(current, 4, [])));
        var dates = MixPlanUseCases.PlanningDates("4", report.Fit)!.Value;
        Assert.Equal((MixPlanSamples.FirstMonday.AddDays(7 * 150), MixPlanSamples.FirstMonday.AddDays((7 * 154) - 1)), (dates.Start, dates.End));

        Expect.Refused(await plans.SaveAsync(report, proposal, dates, "Q4 online", "nowhere", Ct), MixPlanCodes.UnknownOwner, Expect.Args(("unit", "nowhere")));
        var draft = Expect.Ok(await plans.SaveAsync(report, proposal, dates, "Q4 online", "online_promotion", Ct));
        Assert.Equal(("plan-2025-11-17", MixPlanStatus.Draft, "analyst"), (draft.Id, draft.Status, draft.CreatedBy));
        Assert.Equal(proposal.Channels.Sum(c => c.Proposed), draft.Planned, 6);

        Expect.Refused(await plans.StartAsync(draft.Id, null, Ct), MixPlanCodes.WrongStatus, Expect.Args(("plan", draft.Id), ("status", "draft"), ("expected", "approved")));
        Expect.Refused(await plans.ApproveAsync(draft.Id, "ann", null, null, Ct), MixPlanCodes.NotBudgetOwner,
            Expect.Args(("person", "ann"), ("unit", "online_promotion"), ("owners", new List<string> { "sun-tao (online_promotion)", "lin-hui (marketing)" })));
        Expect.Refused(await plans.ApproveAsync(draft.Id, "zoe", null, null, Ct), MixPlanCodes.UnknownPerson, Expect.Args(("person", "zoe")));
        Expect.MovedMeanwhile(await plans.ApproveAsync(draft.Id, "lin-hui", null, 7, Ct), Expect.Args(("plan", draft.Id)));
        w.Clock.Advance(TimeSpan.FromHours(1));
        var approved = Expect.Ok(await plans.ApproveAsync(draft.Id, "lin-hui", "go", 1, Ct));
        Assert.Equal(new MixPlanApproval("lin-hui", "Lin Hui", "marketing", TestWorkspace.Start.AddHours(1), "go"), approved.Approval);
        Expect.Refused(await plans.RemoveAsync(draft.Id, null, Ct), MixPlanCodes.WrongStatus, Expect.Args(("plan", draft.Id), ("status", "approved"), ("expected", "draft")));

        Expect.Ok(await plans.StartAsync(draft.Id, null, Ct));
        Expect.Refused(await plans.ReviewAsync(draft.Id, null, Ct), MixPlanCodes.DataMissing, Expect.Args(("through", "2025-11-16"), ("to", dates.End)));

        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Spend, spend.Where(r => r.Day >= MixPlanSamples.FirstMonday.AddDays(7 * 150)).Select(r => r.Csv), "date,channel,spend");
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Conversions, conversions.Where(r => r.Day >= MixPlanSamples.FirstMonday.AddDays(7 * 150)).Select(r => r.Csv), "conversion_id,user_id,timestamp,revenue");
        var reviewed = Expect.Ok(await plans.ReviewAsync(draft.Id, null, Ct));

        var review = reviewed.Review!;
        Assert.Equal((MixPlanStatus.Reviewed, MixPlanSamples.FirstMonday.AddDays((7 * 160) - 1)), (reviewed.Status, review.DataThrough));
        foreach (var line in review.Channels)
        {
            var actual = spend.Where(r => r.Channel == line.Channel && dates.Contains(r.Day)).Sum(r => r.Spend);
            Assert.Equal(actual, line.ActualSpend, 6);
            Assert.NotNull(line.Measured);
            Assert.Equal(line.Forecast.Covers(line.Measured!.Value), line.Inside);
        }

        var observed = conversions.Where(r => dates.Contains(r.Day)).Sum(r => r.Revenue);
        Assert.Equal(observed, review.ActualOutcome, 6);
        Assert.InRange(review.FittedOutcome / review.ActualOutcome, 0.8, 1.25);
        Assert.Equal(review.Channels.Sum(l => l.Measured!.Value), review.MeasuredMedia, 6);

        var book = await plans.ListAsync(Ct);
        Assert.Equal((1, 3), (book.Accuracy.Reviewed, book.Accuracy.Lines));
        Assert.Equal(review.Channels.Count(l => l.Inside), book.Accuracy.Inside);
        Assert.Equal(Math.Abs(review.MediaError!.Value), book.Accuracy.MedianMediaError!.Value, 9);
    }

    [Fact]
    public async Task TheWorkspacesOwnEvents_AreFittedAsControls_AndRemovedWhole()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "analyst");
        var (spend, conversions) = MixPlanSamples.Simulated(weeks: 150);
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Spend, spend.Select(r => r.Csv), "date,channel,spend");
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Conversions, conversions.Select(r => r.Csv), "conversion_id,user_id,timestamp,revenue");
        var mix = w.Get<MixUseCases>();
        var options = new MixOptions { Replicates = 0 };
        Assert.DoesNotContain("brand_day", Expect.Ok(await mix.FitWorkspaceAsync(MixOutcomeKind.Revenue, options, Ct)).Controls);

        Expect.Ok(await mix.AddEventAsync(new MixEvent("brand_day", new DateOnly(2024, 5, 20), new DateOnly(2024, 5, 22)), Ct));
        Expect.Ok(await mix.AddEventAsync(new MixEvent("brand_day", new DateOnly(2025, 5, 20), new DateOnly(2025, 5, 21)), Ct));
        Expect.Invalid(
            await mix.AddEventAsync(new MixEvent("618", new DateOnly(2025, 6, 1), new DateOnly(2025, 5, 1)), Ct),
            Problem.Of("name", MixCodes.EventReserved, ("name", "618")),
            Problem.Of("last", MixCodes.EventBadDates, ("first", new DateOnly(2025, 6, 1)), ("last", new DateOnly(2025, 5, 1)), ("max", MixEvents.MaxDays)));

        Assert.Equal(2, (await mix.EventsAsync(Ct)).Count);
        Assert.Contains("brand_day", Expect.Ok(await mix.FitWorkspaceAsync(MixOutcomeKind.Revenue, options, Ct)).Controls);

        Assert.Equal(2, Expect.Ok(await mix.RemoveEventAsync("brand_day", null, Ct)).Count);
        Expect.NotFound(await mix.RemoveEventAsync("brand_day", null, Ct), MixCodes.EventNotFound, Expect.Args(("name", "brand_day"), ("first", null)));
        var one = await mix.RemoveEventAsync("brand_day", new DateOnly(2026, 5, 20), Ct);
        Expect.NotFound(one, MixCodes.EventNotFound, Expect.Args(("name", "brand_day"), ("first", new DateOnly(2026, 5, 20))));
        Assert.Equal("no event \"brand_day\" starting on 2026-05-20", Mercato.Shared.Messages.Text(one, System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal("没有从 2026-05-20 开始的事件“brand_day”", Mercato.Shared.Messages.Text(one, System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        Assert.DoesNotContain("brand_day", Expect.Ok(await mix.FitWorkspaceAsync(MixOutcomeKind.Revenue, options, Ct)).Controls);
    }

    [Fact]
    public async Task AnApprovedPlan_SetsACampaignsChannelLines_InOneCommit_KeepingItsOtherLines()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "analyst");
        await MixPlanSamples.SeedOrganizationAsync(w.Services);
        Expect.Ok(await w.Get<CampaignUseCases>().SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));
        var (spend, conversions) = MixPlanSamples.Simulated(weeks: 150);
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Spend, spend.Select(r => r.Csv), "date,channel,spend");
        await MixPlanSamples.ImportAsync(w.Services, DataKinds.Conversions, conversions.Select(r => r.Csv), "conversion_id,user_id,timestamp,revenue");
        var report = Expect.Ok(await w.Get<MixUseCases>().FitWorkspaceAsync(MixOutcomeKind.Revenue, new MixOptions { Replicates = 10 }, Ct));
        var proposal = Expect.Ok(MixUseCases.Propose(report, new MixBudgetRequest(report.Fit.Channels.Sum(c => c.CurrentSpend) * 4, 4, [])));
        var plans = w.Get<MixPlanUseCases>();
        var plan = Expect.Ok(await plans.SaveAsync(report, proposal, MixPlanUseCases.PlanningDates("2026-01", report.Fit)!.Value, "January", "online_promotion", Ct));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)), (plan.From, plan.To));

        Expect.Refused(await plans.ToCampaignAsync(plan.Id, Launch.Id, [], 1, Ct), MixPlanCodes.WrongStatus,
            Expect.Args(("plan", plan.Id), ("status", "draft"), ("expected", "approved, in-effect")));
        Expect.Ok(await plans.ApproveAsync(plan.Id, "sun-tao", null, null, Ct));
        Expect.Invalid(await plans.ToCampaignAsync(plan.Id, Launch.Id, ["tv"], 1.5, Ct),
            Problem.Of("share", MixPlanCodes.BadShare, ("value", 1.5)), Problem.Of("channels", MixPlanCodes.UnknownChannel, ("channel", "tv")));
        Expect.NotFound(await plans.ToCampaignAsync(plan.Id, "nope", [], 1, Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "nope")));

        var campaign = Expect.Ok(await plans.ToCampaignAsync(plan.Id, Launch.Id, ["search"], 0.5, Ct));

        var search = plan.Lines.Single(l => l.Channel == "search").Planned;
        Assert.Equal(
            [.. Launch.Budget.Select(b => (b.Key, b.Planned)), ("channel:search", Math.Round((decimal)(search * 0.5), 2))],
            campaign.Budget.Select(b => (b.Key, b.Planned)).ToArray());
        var stored = Expect.Ok(await w.Get<CampaignUseCases>().GetAsync(Launch.Id, Ct));
        Assert.Equal(campaign.Budget, stored.Value.Budget);
        Assert.Equal(["bp-launch"], Expect.Ok(await plans.GetAsync(plan.Id, Ct)).Value.Campaigns);
    }
}

/// <summary>A workspace the mix model can fit: an organization whose heads are people, and three years of simulated spend and orders.</summary>
public static class MixPlanSamples
{
    public static readonly DateOnly FirstMonday = new(2023, 1, 2);

    private static readonly Person Lin = new("lin-hui", "Lin Hui", "marketing", "CMO");
    private static readonly Person Sun = new("sun-tao", "Sun Tao", "online_promotion", "Head of online promotion");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task SeedOrganizationAsync(IServiceProvider services)
    {
        var template = OrgTemplates.Get("recommended")!;
        var structure = template with
        {
            Units = [.. template.Units.Select(u => u.Id switch
            {
                "marketing" => u with { Head = "Lin Hui, CMO" },
                "online_promotion" => u with { Head = "Sun Tao" },
                _ => u,
            })],
        };
        Expect.Ok(await services.GetRequiredService<OrganizationUseCases>().SaveAsync(structure, replace: false, expectedVersion: null, Ct));
        var people = services.GetRequiredService<PeopleUseCases>();
        foreach (var p in new[] { Lin, Sun, Ann })
        {
            Expect.Ok(await people.SavePersonAsync(p, mustBeNew: true, expectedVersion: null, Ct));
        }
    }

    public static async Task ImportAsync(IServiceProvider services, DataKind kind, IEnumerable<string> rows, string header)
    {
        var text = header + "\n" + string.Join("\n", rows) + "\n";
        var result = await services.GetRequiredService<ImportUseCases>().ImportAsync(
            new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(Encoding.UTF8.GetBytes(text))), Ct);
        Assert.Equal(ImportStatus.Committed, result.Status);
    }

    /// <summary>
    /// Three channels with seeded weekly spend, spread evenly over the week's days; revenue per week = 40,000 + Σ a
    /// saturating response of each channel's spend + noise, as four orders a day (28 a week: above the model's floor).
    /// </summary>
    public static (List<(DateOnly Day, string Channel, double Spend, string Csv)> Spend, List<(DateOnly Day, double Revenue, string Csv)> Conversions) Simulated(int weeks)
    {
        var rng = new Random(11);
        var channels = new (string Name, double Level, double Beta)[] { ("search", 4000, 30000), ("social", 2500, 15000), ("video", 6000, 20000) };
        var spend = new List<(DateOnly, string, double, string)>();
        var conversions = new List<(DateOnly, double, string)>();
        for (var week = 0; week < weeks; week++)
        {
            var revenue = 40000 + (rng.NextDouble() * 2000);
            foreach (var (name, level, beta) in channels)
            {
                var weekly = Math.Round(level * (0.3 + (1.4 * rng.NextDouble())) / 7, 2) * 7;
                revenue += beta * weekly / (weekly + level);
                for (var d = 0; d < 7; d++)
                {
                    var day = FirstMonday.AddDays((7 * week) + d);
                    var amount = Math.Round(weekly / 7, 2);
                    spend.Add((day, name, amount, string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{name},{amount:0.00}")));
                }
            }

            var perOrder = Math.Round(revenue / 28, 2);
            for (var d = 0; d < 7; d++)
            {
                var day = FirstMonday.AddDays((7 * week) + d);
                for (var o = 0; o < 4; o++)
                {
                    conversions.Add((day, perOrder, string.Create(CultureInfo.InvariantCulture, $"o-{week}-{d}-{o},u-{week}-{d}-{o},{day:yyyy-MM-dd}T12:00:00Z,{perOrder:0.00}")));
                }
            }
        }

        return (spend, conversions);
    }
}

public sealed class MixPlanUseCaseTestsOnSqlite : MixPlanUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class MixPlanUseCaseTestsOnPostgres : MixPlanUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
