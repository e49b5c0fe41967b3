using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mercato.Core.Access;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Crisis;
using Mercato.Core.Home;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Mix;
using Mercato.Core.Organization;
using Mercato.Features.Access;
using Mercato.Features.Alerts;
using Mercato.Features.Campaigns;
using Mercato.Features.Crisis;
using Mercato.Features.Imports;
using Mercato.Features.Measurement;
using Mercato.Features.Mix;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Features.Settings;
using Mercato.Features.Targets;

namespace Mercato.Features.Home;

/// <summary>One headline figure of the month with the months it is compared with, its last twelve months and its page.</summary>
/// <param name="Id">spend, revenue, gross_profit, net_return, roi, conversions or new_users.</param>
/// <param name="Value">This month's value; null when the month has no data for it.</param>
/// <param name="Previous">The month before's, or null.</param>
/// <param name="YearAgo">The same month a year earlier's, or null.</param>
/// <param name="Last12">The last twelve months' values, oldest first, this month last (null: no data that month).</param>
/// <param name="Link">The page that explains it.</param>
public sealed record HomeFigure(string Id, decimal? Value, decimal? Previous, decimal? YearAgo, IReadOnlyList<decimal?> Last12, string Link)
{
    /// <summary>This month against the month before.</summary>
    public MonthChange AgainstPrevious => MonthChange.Of(Value, Previous);

    /// <summary>This month against the same month a year earlier.</summary>
    public MonthChange AgainstYearAgo => MonthChange.Of(Value, YearAgo);
}

/// <summary>A unit whose KPIs need attention (red or amber on the org chart's own-KPI health).</summary>
/// <param name="Id">The unit's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Health">Its own KPIs' health.</param>
public sealed record HomeUnit(string Id, string Name, UnitHealth Health);

/// <summary>The units' KPI health of the month, counted as the scorecards page counts it.</summary>
/// <param name="Period">The period, <c>YYYY-MM</c>.</param>
/// <param name="HasStructure">Whether the workspace has an organization structure (without one no KPI has an owner).</param>
/// <param name="OnTrack">Owned KPIs on track.</param>
/// <param name="AtRisk">Owned KPIs at risk.</param>
/// <param name="OffTrack">Owned KPIs off track.</param>
/// <param name="NoTarget">Owned KPIs without a target.</param>
/// <param name="NoData">Owned KPIs with a target but no value.</param>
/// <param name="Unowned">KPIs nobody answers for.</param>
/// <param name="Units">The units that are red or amber, red first, then by name.</param>
public sealed record HomeHealth(string Period, bool HasStructure, int OnTrack, int AtRisk, int OffTrack, int NoTarget, int NoData, int Unowned, IReadOnlyList<HomeUnit> Units);

/// <summary>A campaign in flight: its next lifecycle step and what that step still needs, its budget used and its leads.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Next">The step an advance would move it to.</param>
/// <param name="Needs">The gates of that step that are still closed (empty: it may move).</param>
/// <param name="Planned">Its planned budget.</param>
/// <param name="Actual">Its actual spend and costs so far.</param>
/// <param name="Used">Actual ÷ planned, or null without a plan.</param>
/// <param name="Leads">The names of its squads' leads; empty for one who does not read people.</param>
public sealed record HomeCampaign(Campaign Campaign, CampaignStage? Next, IReadOnlyList<LifecycleRefusal> Needs, decimal Planned, decimal Actual, double? Used, IReadOnlyList<string> Leads);

/// <summary>The channels that moved most between the month before and this month (<see cref="ChannelMovers"/>).</summary>
/// <param name="Comparable">Whether both months have rows in the ROI report; without, there is nothing to compare and both lists are empty.</param>
/// <param name="BySpend">The largest spend moves.</param>
/// <param name="ByRoi">The largest ROI moves among material channels.</param>
public sealed record HomeMovers(bool Comparable, IReadOnlyList<ChannelMove> BySpend, IReadOnlyList<ChannelMove> ByRoi);

/// <summary>
/// The home page: how we are doing and what needs the person who reads it. Each part is null when the person may not
/// read what its page shows (docs/home.md, Who sees what).
/// </summary>
/// <param name="Month">The month shown: the latest month with data (this month when there is none).</param>
/// <param name="Today">Today in the workspace time zone.</param>
/// <param name="Zone">The workspace time zone.</param>
/// <param name="Figures">The headline figures the person may read: money ones with <see cref="Permission.ReadMoney"/>, activity ones with <see cref="Permission.ReadReports"/>.</param>
/// <param name="Health">The units' KPI health.</param>
/// <param name="Alerts">The open alerts (new or acknowledged), newest first.</param>
/// <param name="Cases">The crisis cases not closed, newest first.</param>
/// <param name="Campaigns">The campaigns in flight the person sees.</param>
/// <param name="Plans">The budget plans (mix plans) in draft, waiting for approval.</param>
/// <param name="Late">The data kinds later than their usual lag, most overdue first.</param>
/// <param name="Movers">The top movers among channels.</param>
/// <param name="SeesPeople">Whether people's names (owners, leads) may be shown.</param>
public sealed record HomeReport(
    YearMonth Month,
    DateOnly Today,
    TimeZoneInfo Zone,
    IReadOnlyList<HomeFigure> Figures,
    HomeHealth? Health,
    IReadOnlyList<AlertEntry>? Alerts,
    IReadOnlyList<CrisisEntry>? Cases,
    IReadOnlyList<HomeCampaign>? Campaigns,
    IReadOnlyList<MixPlan>? Plans,
    IReadOnlyList<FreshnessCheck>? Late,
    HomeMovers? Movers,
    bool SeesPeople)
{
    /// <summary>The month before <see cref="Month"/>.</summary>
    public YearMonth Previous => Month.AddMonths(-1);

    /// <summary>The same month a year earlier.</summary>
    public YearMonth YearAgo => Month.AddMonths(-12);

    /// <summary>Whether any headline figure has a value this month.</summary>
    public bool HasData => Figures.Any(f => f.Value is not null);
}

/// <summary>
/// Composes the home page from the use cases of the pages it links to (docs/home.md): the ROI report (Measurement) for
/// money, the KPI figures (Organization) for conversions and new users, the scorecard for KPI health, the alert center,
/// crisis cases, campaigns with their lifecycle gates and budget checks, mix plans, the sources report for freshness.
/// Guard first: each part is read only when the person holds what its page asks (<see cref="AccessGuard"/>), so a viewer
/// sees no names of people and an agency only its campaigns. The costly reads (the ROI report, the scorecard, the KPI
/// figures, the sources report, each campaign's budget check) are kept until the data or what they read changes
/// (<see cref="DataVersionCache"/>), so a warm page reads documents and cached results only.
/// </summary>
public sealed class HomeUseCases(
    MeasurementUseCases measurement, OrganizationUseCases organization, KpiInputs kpis, TargetUseCases targets, AlertUseCases alerts,
    CrisisUseCases crisis, CampaignUseCases campaigns, WorkspaceDocuments workspace, PeopleUseCases people, MixPlanUseCases plans,
    ImportUseCases imports, SettingsUseCases settings, DataVersionCache cache, TimeProvider time, AccessGuard guard)
{
    /// <summary>The figures of the headline, in the order shown.</summary>
    public static IReadOnlyList<string> FigureIds { get; } = ["spend", "revenue", "gross_profit", "net_return", "roi", "conversions", "new_users"];

    /// <summary>How many months a sparkline shows.</summary>
    public const int SparkMonths = 12;

    /// <summary>The home page for the acting person; refused only for one who may read none of its parts.</summary>
    /// <exception cref="AccessDeniedException">The person reads neither reports nor any campaign.</exception>
    public async Task<HomeReport> ReportAsync(CancellationToken cancellationToken)
    {
        var reports = guard.SeesReports;
        var money = guard.SeesMoney;
        if (!reports && !money)
        {
            // Nothing but campaigns: an agency sees the ones it is named on (refused when it is named on none).
            guard.RequireCampaignReads();
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var today = LocalTime.Today(time, zone);
        var roi = money ? RoiAsync(cancellationToken) : null;
        var month = reports
            ? (await organization.DefaultPeriodAsync(cancellationToken).ConfigureAwait(false)).FirstMonth
            : roi is not null && YearMonth.TryParse((await roi.ConfigureAwait(false)).To, out var last) ? last : YearMonth.Of(today);
        var health = reports ? HealthAsync(Period.Of(month), zone, cancellationToken) : null;

        var figures = new List<HomeFigure>();
        HomeMovers? movers = null;
        if (roi is not null)
        {
            var report = await roi.ConfigureAwait(false);
            figures.AddRange(MoneyFigures(report.Channels, month));
            movers = Movers(report.Channels, month);
        }

        if (reports)
        {
            figures.AddRange(await ActivityFiguresAsync(month, zone, health!, cancellationToken).ConfigureAwait(false));
        }

        return new HomeReport(
            month,
            today,
            zone,
            [.. FigureIds.Select(id => figures.FirstOrDefault(f => f.Id == id)).OfType<HomeFigure>()],
            health is null ? null : await HealthOfAsync(health).ConfigureAwait(false),
            reports ? await OpenAlertsAsync(cancellationToken).ConfigureAwait(false) : null,
            reports ? await OpenCasesAsync(cancellationToken).ConfigureAwait(false) : null,
            guard.ReadsSomeCampaign ? await CampaignsAsync(zone, cancellationToken).ConfigureAwait(false) : null,
            reports ? await DraftPlansAsync(cancellationToken).ConfigureAwait(false) : null,
            reports ? await LateAsync(zone, today, cancellationToken).ConfigureAwait(false) : null,
            movers,
            guard.SeesPeople);
    }

    /// <summary>The ROI report of every month with data (the Measurement page's, default model), kept until the data changes.</summary>
    private Task<RoiReport> RoiAsync(CancellationToken cancellationToken) =>
        cache.FigureAsync("home roi", TimeZoneInfo.Utc, async () => (await measurement.RoiAsync(new RoiRequest(), cancellationToken).ConfigureAwait(false)).Value!, cancellationToken);

    /// <summary>Spend, revenue, gross profit, net return and ROI of the month, summed over the ROI report's channels.</summary>
    private static IEnumerable<HomeFigure> MoneyFigures(IReadOnlyList<ChannelMonthRoi> rows, YearMonth month)
    {
        var byMonth = rows.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => g.ToList());
        var link = "/measurement?month=" + month;
        HomeFigure Figure(string id, Func<List<ChannelMonthRoi>, decimal?> of)
        {
            decimal? At(YearMonth m) => byMonth.TryGetValue(m, out var r) ? of(r) : null;
            return new HomeFigure(id, At(month), At(month.AddMonths(-1)), At(month.AddMonths(-12)), Spark(month, At), link);
        }

        yield return Figure("spend", r => r.Sum(x => x.Spend));
        yield return Figure("revenue", r => r.Sum(x => x.Revenue));
        yield return Figure("gross_profit", r => r.Sum(x => x.GrossProfit));
        yield return Figure("net_return", r => r.Sum(x => x.NetReturn));
        yield return Figure("roi", r => r.Sum(x => x.TotalCost()) is var cost and > 0 ? r.Sum(x => x.NetReturn) / cost : null);
    }

    private static List<decimal?> Spark(YearMonth month, Func<YearMonth, decimal?> at) =>
        [.. Enumerable.Range(1 - SparkMonths, SparkMonths).Select(i => at(month.AddMonths(i)))];

    /// <summary>The channels that moved most from the month before to <paramref name="month"/>.</summary>
    private static HomeMovers Movers(IReadOnlyList<ChannelMonthRoi> rows, YearMonth month)
    {
        List<ChannelMonth> Of(YearMonth m) => [.. rows.Where(r => r.Month == m).Select(r => new ChannelMonth(r.Channel, r.Spend, r.TotalCost(), r.Roi))];
        var before = Of(month.AddMonths(-1));
        var now = Of(month);
        // A month without data is no base: every channel would look new (never a move from 0 that did not happen).
        return before.Count == 0 || now.Count == 0
            ? new HomeMovers(false, [], [])
            : new HomeMovers(true, ChannelMovers.BySpend(before, now), ChannelMovers.ByRoi(before, now));
    }

    /// <summary>
    /// Conversions (all conversions dated in the month, as the KPI figures count them) and new users (the <c>new_users</c>
    /// KPI) of the thirteen months up to <paramref name="month"/>, kept until the data or the zone changes.
    /// </summary>
    private async Task<IEnumerable<HomeFigure>> ActivityFiguresAsync(YearMonth month, TimeZoneInfo zone, Task<ScorecardRead> health, CancellationToken cancellationToken)
    {
        var months = Enumerable.Range(-SparkMonths, SparkMonths + 1).Select(month.AddMonths).ToList();
        var series = await cache.FigureAsync("home kpis " + month, zone, async () =>
        {
            var figures = await kpis.FiguresAsync([.. months.Select(KpiPeriod.Month)], zone, cancellationToken).ConfigureAwait(false);
            return figures.Select(f => (
                Conversions: f.Conversions is { RowsInPeriod: > 0 } c ? (decimal?)c.RowsInPeriod : null,
                NewUsers: KpiCalculator.Compute(f)["new_users"].Value)).ToList();
        }, cancellationToken).ConfigureAwait(false);

        // The pages that show them: new users on the scorecards, conversions among the inputs of CPA on its owner's page.
        var lines = (await health.ConfigureAwait(false)).Scorecard.Kpis;
        var period = "?period=" + month;
        string PageOf(string kpi) => lines.FirstOrDefault(k => k.Id == kpi)?.Unit is { } unit
            ? "/organization/units/" + Uri.EscapeDataString(unit) + period
            : "/organization/scorecards" + period;
        HomeFigure Figure(string id, Func<int, decimal?> at, string link) =>
            new(id, at(SparkMonths), at(SparkMonths - 1), at(0), [.. Enumerable.Range(1, SparkMonths).Select(at)], link);
        return
        [
            Figure("conversions", i => series[i].Conversions, PageOf("cpa")),
            Figure("new_users", i => series[i].NewUsers, "/organization/scorecards" + period),
        ];
    }

    private sealed record ScorecardRead(KpiScorecard Scorecard, OrgStructure? Structure);

    /// <summary>
    /// The scorecard of <paramref name="period"/> (the scorecards page's), kept until the data or what it read changes: the
    /// structure, the period's targets, the watch list and the crisis cases.
    /// </summary>
    private async Task<ScorecardRead> HealthAsync(Period period, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var structure = await organization.GetAsync(cancellationToken).ConfigureAwait(false);
        var periodTargets = await targets.ListVersionedAsync(null, period, null, cancellationToken).ConfigureAwait(false);
        var (_, listening) = await kpis.ListeningAsync(cancellationToken).ConfigureAwait(false);
        var read = new StringBuilder().Append(period).Append('|').Append(structure is null ? "" : System.Text.Json.JsonSerializer.Serialize(structure.Value))
            .Append('|').AppendJoin(';', periodTargets.Select(t => t.Value.ToString())).Append('|').Append(listening).ToString();
        var key = "home scorecard " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(read)));
        var scorecard = await cache.FigureAsync(key, zone, () => organization.ScorecardAsync(period, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new ScorecardRead(scorecard, structure?.Value);
    }

    /// <summary>The counts of the scorecards page and the units that are red or amber.</summary>
    private static async Task<HomeHealth> HealthOfAsync(Task<ScorecardRead> read)
    {
        var (scorecard, structure) = await read.ConfigureAwait(false);
        var owned = scorecard.Kpis.Where(k => k.Unit is not null).ToList();
        int Count(KpiStatus status) => owned.Count(k => k.Status == status);
        var units = structure is null
            ? []
            : owned.GroupBy(k => k.Unit!, StringComparer.Ordinal)
                .Select(g => new HomeUnit(g.Key, structure.FindUnit(g.Key)?.Name ?? g.Key, Scorecards.Health(g.Select(k => k.Status))))
                .Where(u => u.Health.Colour is HealthColour.Red or HealthColour.Amber)
                .OrderBy(u => u.Health.Colour == HealthColour.Red ? 0 : 1).ThenBy(u => u.Name, StringComparer.Ordinal)
                .ToList();
        return new HomeHealth(
            scorecard.Period, structure is not null, Count(KpiStatus.OnTrack), Count(KpiStatus.AtRisk), Count(KpiStatus.OffTrack), Count(KpiStatus.NoTarget),
            Count(KpiStatus.NoData), scorecard.Kpis.Count(k => k.Unit is null), units);
    }

    /// <summary>The alerts still open: new or acknowledged.</summary>
    private async Task<IReadOnlyList<AlertEntry>> OpenAlertsAsync(CancellationToken cancellationToken) =>
        [.. (await alerts.ListAsync(AlertFilter.All, cancellationToken).ConfigureAwait(false)).Where(e => e.Alert.Status is AlertStatus.New or AlertStatus.Acknowledged)];

    /// <summary>The crisis cases not closed.</summary>
    private async Task<IReadOnlyList<CrisisEntry>> OpenCasesAsync(CancellationToken cancellationToken) =>
        [.. (await crisis.ListAsync(null, cancellationToken).ConfigureAwait(false)).Where(e => e.Case.Status != CrisisStatus.Closed)];

    /// <summary>The mix plans in draft: saved from a proposal, waiting for the budget owner's approval.</summary>
    private async Task<IReadOnlyList<MixPlan>> DraftPlansAsync(CancellationToken cancellationToken) =>
        [.. (await plans.ListAsync(cancellationToken).ConfigureAwait(false)).Plans.Select(p => p.Value).Where(p => p.Status == MixPlanStatus.Draft)];

    /// <summary>The data kinds later than their usual lag (<see cref="DataFreshness"/>), from the sources report kept until the data changes.</summary>
    private async Task<IReadOnlyList<FreshnessCheck>> LateAsync(TimeZoneInfo zone, DateOnly today, CancellationToken cancellationToken)
    {
        var sources = await cache.FigureAsync("home sources", zone, () => imports.SourcesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return DataFreshness.Late(sources.Kinds.Select(k => (k.Kind, k.LastDate is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null)), today);
    }

    /// <summary>
    /// The campaigns in flight the person sees, each with the gates of its next step (as the board and the campaign page
    /// check them), its budget check and, for one who reads people, its squads' leads.
    /// </summary>
    private async Task<IReadOnlyList<HomeCampaign>> CampaignsAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var inFlight = CampaignsInFlight.Of(await campaigns.ListAsync(cancellationToken).ConfigureAwait(false));
        if (inFlight.Count == 0)
        {
            return [];
        }

        // The gates read every squad (as the board does); only their leads' names are people's data.
        var squads = await workspace.SquadsAsync(cancellationToken).ConfigureAwait(false);
        var names = guard.SeesPeople ? (await people.PeopleAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal) : null;
        var facts = new LifecycleFacts(squads, zone);
        var now = time.GetUtcNow();
        var result = new List<HomeCampaign>(inFlight.Count);
        foreach (var c in inFlight)
        {
            var next = CampaignLifecycle.Next(c.Stage);
            var budget = await BudgetAsync(c, cancellationToken).ConfigureAwait(false);
            var leads = names is null
                ? []
                : squads.Where(s => s.Serves(c.Id)).SelectMany(s => s.Members).Where(m => m.Role == SquadRole.Lead)
                    .Select(m => names.GetValueOrDefault(m.Person) ?? m.Person).Distinct(StringComparer.Ordinal).ToList();
            result.Add(new HomeCampaign(
                c, next, next is { } n ? CampaignLifecycle.Blockers(c, n, now, facts) : [], budget.Planned, budget.Actual,
                CampaignsInFlight.BudgetUsed(budget.Planned, budget.Actual), leads));
        }

        return result;
    }

    /// <summary>
    /// A campaign's budget check (the campaign page's), kept until the data changes or the campaign's codes, schedule or
    /// budget do: a warm page asks the store nothing per campaign.
    /// </summary>
    private Task<BudgetCheck> BudgetAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var key = new StringBuilder("home budget ").Append(campaign.Id).Append('|').Append(campaign.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append('|').Append(campaign.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|').AppendJoin(',', campaign.Codes)
            .Append('|').AppendJoin(';', campaign.Budget.Select(l => l.Key + "=" + l.Planned.ToString(CultureInfo.InvariantCulture))).ToString();
        return cache.FigureAsync(key, TimeZoneInfo.Utc, () => campaigns.BudgetCheckAsync(campaign, cancellationToken), cancellationToken);
    }
}
