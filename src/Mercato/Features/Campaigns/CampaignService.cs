using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Attribution;
using Mercato.Storage.Campaigns;
using Mercato.Storage.Kpis;
using Mercato.Storage.Measurement;
using Mercato.Storage.Sqlite;
using Mercato.Features.Measurement;

namespace Mercato.Features.Campaigns;

/// <summary>An evaluation with the notes that say where its supplied figures came from.</summary>
/// <param name="Report">The core's report.</param>
/// <param name="Notes">Where the attributed figures, the KPI actuals and the cost actuals came from, one message each (<see cref="CampaignNoteCodes"/>).</param>
public sealed record CampaignEvaluationResult(EvaluationReport Report, IReadOnlyList<Message> Notes);

/// <summary>The brand board with the step-8 details and the notes on where the supplied evidence came from.</summary>
/// <param name="Board">The core's board.</param>
/// <param name="Concentration">Step 8 in detail: the top campaign, its share, the channel counts.</param>
/// <param name="Notes">Where the evidence values came from (<see cref="CampaignNoteCodes"/>).</param>
public sealed record BrandReport(BrandBoard Board, SpendConcentration Concentration, IReadOnlyList<Message> Notes);

/// <summary>
/// Campaign evaluation, budget actuals and the 9+1 brand board from the store: <see cref="CampaignQueries"/> aggregates the
/// facts, <see cref="MeasurementService"/> credits campaigns, <see cref="KpiQueries"/> computes catalog KPIs, and the pure
/// core (<see cref="CampaignEvaluation"/>, <see cref="Budgets"/>, <see cref="BrandCycle"/>) finishes. The CLI, the API and
/// the pages call the same methods (docs/campaigns.md, "Evaluation, budgets and the brand board from the store").
/// </summary>
public sealed class CampaignService(MercatoStore store, CampaignStore campaigns, KpiQueries kpis, MeasurementService measurement)
{
    /// <summary>The model an evaluation uses unless told otherwise: the ROI default (order-1 Markov).</summary>
    public const AttributionModel DefaultModel = MeasurementService.DefaultRoiModel;

    /// <summary>Brand evidence read from catalog KPIs over the board's window: evidence id → KPI id.</summary>
    public static IReadOnlyDictionary<string, string> BrandKpis { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["stories_published"] = "content_published",
        ["story_shares"] = "content_shares",
        ["followers_gained"] = "followers_gained",
        ["community_interactions"] = "social_interactions",
        ["retention_d30"] = "retention_d30",
        ["gmv"] = "gmv",
        ["aov"] = "aov",
    };

    /// <summary>Where cost lines take their actual from.</summary>
    public static Message CostNote { get; } = new(CampaignNoteCodes.CostActuals);

    private readonly CampaignQueries _queries = new(store);
    private readonly Mercato.Hosting.DataVersionCache _cache = new(store);

    /// <summary>The store's campaign documents.</summary>
    public CampaignStore Campaigns => campaigns;


    /// <summary>Parses <c>YYYY-MM-DD..YYYY-MM-DD</c> (a range written as <see cref="DateRange.ToString"/>); null text is no range.</summary>
    public static bool TryParseRange(string? text, out DateRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Trim().Split("..");
        if (parts.Length == 2 && Periods.TryDay(parts[0].Trim(), out var from) && Periods.TryDay(parts[1].Trim(), out var to))
        {
            range = new DateRange(from!.Value, to!.Value);
            return true;
        }

        return false;
    }

    /// <summary>Parses an attribution model name; null or empty text is <see cref="DefaultModel"/>.</summary>
    public static bool TryParseModel(string? text, out AttributionModel model)
    {
        model = DefaultModel;
        return string.IsNullOrWhiteSpace(text) || AttributionModels.TryParse(text, out model);
    }

    /// <summary>The attribution model names an evaluation takes.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. AttributionModels.All.Select(AttributionModels.Name)];

    /// <summary>Problems of a chosen baseline for campaign <paramref name="id"/> (<see cref="CampaignEvaluation.CheckBaseline"/>); empty for an unknown id.</summary>
    public IReadOnlyList<Problem> CheckBaseline(string id, DateRange? baseline) =>
        campaigns.Campaign(id) is { } c ? CampaignEvaluation.CheckBaseline(c, baseline) : [];

    /// <summary>
    /// Evaluates campaign <paramref name="id"/> over its schedule against <paramref name="baseline"/> (default: the same
    /// number of days just before it) with the attribution <paramref name="model"/>; null for an unknown id.
    /// </summary>
    /// <exception cref="ArgumentException">The baseline is invalid; check it first with <see cref="CheckBaseline"/>.</exception>
    public CampaignEvaluationResult? Evaluate(string id, DateRange? baseline = null, AttributionModel model = DefaultModel)
    {
        if (campaigns.Campaign(id) is not { } c)
        {
            return null;
        }

        var (window, before) = CampaignEvaluation.Windows(c, baseline);
        var notes = new List<Message>();

        var request = new AttributionRequest(model, From: window.Start, To: window.End, By: JourneyLabel.Campaign);
        var attribution = measurement.Attribution(request);
        var codes = c.Codes.ToHashSet(StringComparer.Ordinal);
        var credited = attribution.Credits.Where(x => codes.Contains(x.Label)).ToList();
        var productCosts = measurement.ProductCostCredits(request);
        var productCost = codes.Sum(code => productCosts.GetValueOrDefault(code));
        var attributed = new AttributedFigures(attribution.Model, credited.Sum(x => x.Conversions), credited.Sum(x => x.Revenue), productCost);
        notes.Add(Message.Of(CampaignNoteCodes.Attributed, ("model", attribution.Model), ("from", window.Start), ("to", window.End),
            ("lookback", attribution.LookbackDays), ("codes", c.Codes)));

        var kpiActuals = new Dictionary<string, double>(StringComparer.Ordinal);
        var needed = c.Objectives.Select(o => o.Kpi).Where(k => CampaignMetrics.Find(k) is null).Distinct(StringComparer.Ordinal).ToList();
        if (needed.Count > 0)
        {
            var report = Cached("kpis " + window, () => kpis.Compute(KpiPeriod.Of(window.Start, window.End)));
            foreach (var kpi in needed)
            {
                if (KpiCatalog.Find(kpi) is null)
                {
                    notes.Add(Message.Of(CampaignNoteCodes.NotCatalogKpi, ("kpi", kpi)));
                }
                else if (report[kpi].Value is { } value)
                {
                    kpiActuals[kpi] = (double)value;
                    notes.Add(Message.Of(CampaignNoteCodes.WholeBusinessKpi, ("kpi", kpi), ("from", window.Start), ("to", window.End), ("zone", store.TimeZone.Id)));
                }
                else
                {
                    notes.Add(new Message(CampaignNoteCodes.KpiNoValue,
                        MessageArgs.Of(("kpi", kpi), ("from", window.Start), ("to", window.End)).WithMessage("reason", report[kpi].Reason!)));
                }
            }
        }

        notes.Add(CostNote);
        var input = new EvaluationInput(
            c, _queries.Scope(c.Codes, window), Actuals(c), _queries.Business(window), _queries.Business(before), attributed, baseline, kpiActuals);
        return new CampaignEvaluationResult(CampaignEvaluation.Evaluate(input), notes);
    }

    /// <summary>The budget actuals of a campaign: channel spend from the store over its schedule, and the costs carrying its codes (see <see cref="CostNote"/>).</summary>
    public IReadOnlyList<BudgetActual> Actuals(Campaign campaign) => [.. _queries.ChannelActuals(campaign), .. _queries.CostActuals(campaign)];

    /// <summary>A campaign's budget planned against the store's actuals.</summary>
    public BudgetCheck BudgetCheck(Campaign campaign) => Budgets.Check(campaign, Actuals(campaign));

    /// <summary>The overrun warnings of every stored campaign, by campaign id, then in each check's order.</summary>
    public IReadOnlyList<BudgetWarning> BudgetWarnings() =>
        [.. campaigns.Campaigns().OrderBy(c => c.Id, StringComparer.Ordinal).SelectMany(c => BudgetCheck(c).Warnings)];

    /// <summary>
    /// The default brand window: the twelve months of data up to the last local day with spend, a touchpoint or a
    /// conversion (the last 365 days, or 366 across a 29 February); today's when the store is empty.
    /// </summary>
    public DateRange DefaultBrandWindow()
    {
        // Two MIN/MAX scans of the fact tables: kept until the data changes.
        var last = Cached("data days", () => new DataSpan(_queries.DataDays())).Days?.End
            ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(store.Time.GetUtcNow(), store.TimeZone).DateTime);
        return new DateRange(last.AddYears(-1).AddDays(1), last);
    }

    /// <summary>
    /// The brand window from optional bounds: <paramref name="to"/> defaults to the last day with data (a year after
    /// <paramref name="from"/> when only that is given), <paramref name="from"/> to a year before the end.
    /// </summary>
    public DateRange BrandWindow(DateOnly? from, DateOnly? to)
    {
        var last = to ?? (from is { } f ? Clamp(f.AddYears(1).AddDays(-1)) : DefaultBrandWindow().End);
        return new DateRange(from ?? Clamp(last.AddYears(-1).AddDays(1)), last);

        static DateOnly Clamp(DateOnly day) => day < DateRange.MinDay ? DateRange.MinDay : day > DateRange.MaxDay ? DateRange.MaxDay : day;
    }

    /// <summary>The brand board over <paramref name="window"/>, every evidence value the store can give filled in.</summary>
    /// <exception cref="ArgumentException">The window ends before it starts.</exception>
    public BrandReport BrandBoard(DateRange window)
    {
        if (!window.IsValid)
        {
            throw new ArgumentException("the window " + window + " ends before it starts", nameof(window));
        }

        var all = campaigns.Campaigns();
        var notes = new List<Message>();
        var values = new List<StepMetricValue>();
        var report = Cached("kpis " + window, () => kpis.Compute(KpiPeriod.Of(window.Start, window.End)));
        foreach (var (metric, kpi) in BrandKpis)
        {
            values.Add(new StepMetricValue(metric, (double?)report[kpi].Value));
            if (report[kpi].Value is null)
            {
                notes.Add(new Message(CampaignNoteCodes.BrandKpiNoValue,
                    MessageArgs.Of(("metric", metric), ("kpi", kpi), ("from", window.Start), ("to", window.End)).WithMessage("reason", report[kpi].Reason!)));
            }
        }

        // Two passes over the touchpoints: kept until the data or the channel groups change.
        var channels = Cached("brand channels " + window + " " + _queries.ChannelGroupsSignature(), () => _queries.ChannelEvidence(window));
        values.Add(new StepMetricValue("search_portal_touchpoints", channels.SearchPortalTouchpoints));
        values.Add(new StepMetricValue("pr_touchpoints", channels.PrTouchpoints));
        values.Add(new StepMetricValue("active_channels", channels.ActiveChannels));
        values.Add(new StepMetricValue("new_channels", channels.NewChannels));
        values.Add(new StepMetricValue("mentions", null));
        notes.Add(new Message(CampaignNoteCodes.NoListeningData));

        var eventCodes = all.Where(c => c.BrandSteps.Contains(6)).SelectMany(c => c.Codes).ToHashSet(StringComparer.Ordinal);
        // Σ over no campaign is 0: the attribution run over the whole window is skipped when no campaign serves step 6.
        var credit = eventCodes.Count == 0 ? new Box(0) : Cached("event conversions " + window + " " + string.Join(",", eventCodes.Order(StringComparer.Ordinal)), () =>
            new Box(measurement.Attribution(new AttributionRequest(DefaultModel, From: window.Start, To: window.End, By: JourneyLabel.Campaign))
                .Credits.Where(x => eventCodes.Contains(x.Label)).Sum(x => x.Conversions)));
        values.Add(new StepMetricValue("event_conversions", credit.Value));
        notes.Add(Message.Of(CampaignNoteCodes.EventConversions, ("model", AttributionModels.Name(DefaultModel))));
        notes.Add(new Message(CampaignNoteCodes.ChannelGroups));

        var spend = _queries.CampaignChannelSpend(all, window);
        var board = BrandCycle.Board(all, window, values, spend, store.TimeZone);
        return new BrandReport(board, BrandCycle.Concentration(spend), notes);
    }

    private T Cached<T>(string key, Func<T> compute)
        where T : class => _cache.Get(key, compute);

    private sealed record Box(double Value);

    private sealed record DataSpan(DateRange? Days);
}

/// <summary>The notes of an evaluation and of the brand board: where their supplied figures came from.</summary>
public static class CampaignNoteCodes
{
    /// <summary>The attributed figures: the <c>model</c>, the window <c>from</c>..<c>to</c>, the <c>lookback</c> and the campaign's <c>codes</c>.</summary>
    public const string Attributed = "note_attributed";

    /// <summary>An objective's <c>kpi</c> is not a catalog KPI, so it has no actual from the data.</summary>
    public const string NotCatalogKpi = "note_not_catalog_kpi";

    /// <summary>An objective's <c>kpi</c> is the whole business's over <c>from</c>..<c>to</c> in the workspace time <c>zone</c>.</summary>
    public const string WholeBusinessKpi = "note_whole_business_kpi";

    /// <summary>An objective's <c>kpi</c> has no value over <c>from</c>..<c>to</c>, for the nested <c>reason</c>.</summary>
    public const string KpiNoValue = "note_kpi_no_value";

    /// <summary>Cost lines take their actual from the costs rows carrying the campaign's codes.</summary>
    public const string CostActuals = "note_cost_actuals";

    /// <summary>A brand <c>metric</c>'s <c>kpi</c> has no value over <c>from</c>..<c>to</c>, for the nested <c>reason</c>.</summary>
    public const string BrandKpiNoValue = "note_brand_kpi_no_value";

    /// <summary>Mentions have no value: no listening data is stored yet.</summary>
    public const string NoListeningData = "note_no_listening_data";

    /// <summary>Event conversions: what the <c>model</c> credits to the campaigns serving step 6.</summary>
    public const string EventConversions = "note_event_conversions";

    /// <summary>Channel groups come from the channel catalog.</summary>
    public const string ChannelGroups = "note_channel_groups";
}
