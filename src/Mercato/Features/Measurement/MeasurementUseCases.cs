using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Core.Measurement.Cohorts;
using Mercato.Core.Measurement.Incrementality;
using Mercato.Core.Measurement.Roi;
using Mercato.Features.Access;
using Mercato.Features.Ads;

namespace Mercato.Features.Measurement;

/// <summary>What an attribution report asks for.</summary>
public sealed record AttributionRequest(
    AttributionModel Model,
    int MarkovOrder = 1,
    DateOnly? From = null,
    DateOnly? To = null,
    JourneyLabel By = JourneyLabel.Channel,
    int LookbackDays = 30,
    double HalfLifeDays = 7,
    bool IncludeInvalidClicks = false)
{
    /// <summary>The models' options of this request.</summary>
    public AttributionOptions Options => new(MarkovOrder, HalfLifeDays);

    /// <summary>What is wrong with the request: the options' bounds (<see cref="AttributionOptions.Problems"/>) and a range that ends before it starts.</summary>
    public IReadOnlyList<Problem> Problems()
    {
        List<Problem> problems = [.. Options.Problems(LookbackDays)];
        if (From is { } f && To is { } t && t < f)
        {
            problems.Add(Problem.Of("to", CommonCodes.EndBeforeStart, ("start", f), ("end", t)));
        }

        return problems;
    }
}

/// <summary>One label's credit in a report.</summary>
public sealed record LabelCredit(string Label, double Conversions, double Revenue);

/// <summary>
/// The attribution report: <c>{"model":..,"totalConversions":..,"totalRevenue":..,"channels":[{"channel","conversions","revenue"}]}</c>
/// (or <c>campaigns</c> when by campaign), plus the conversions no touch led to, which no model can credit.
/// </summary>
public sealed record AttributionReport(
    string Model,
    int? Order,
    string By,
    string? From,
    string? To,
    int LookbackDays,
    long TotalConversions,
    decimal TotalRevenue,
    long ConversionsWithoutTouches,
    decimal RevenueWithoutTouches,
    IReadOnlyList<LabelCredit> Credits,
    string Description,
    InvalidClickNote InvalidClicks)
{
    /// <summary>
    /// The report as the documented JSON: <c>channels</c> with a <c>channel</c> per credit (or <c>campaigns</c> and
    /// <c>campaign</c> when by campaign), then the other fields.
    /// </summary>
    public IDictionary<string, object?> Shape()
    {
        var list = By == "channel" ? "channels" : "campaigns";
        return new Dictionary<string, object?>
        {
            ["model"] = Model,
            ["order"] = Order,
            ["by"] = By,
            ["from"] = From,
            ["to"] = To,
            ["lookbackDays"] = LookbackDays,
            ["totalConversions"] = TotalConversions,
            ["totalRevenue"] = TotalRevenue,
            ["conversionsWithoutTouches"] = ConversionsWithoutTouches,
            ["revenueWithoutTouches"] = RevenueWithoutTouches,
            [list] = Credits.Select(c => new Dictionary<string, object> { [By] = c.Label, ["conversions"] = c.Conversions, ["revenue"] = c.Revenue }),
            ["description"] = Description,
            ["invalidClicks"] = InvalidClicks,
        };
    }
}

/// <summary>
/// What a journey report did with the clicks the invalid-traffic rules flagged (docs/ads.md, Measurement stays clean).
/// </summary>
/// <param name="Excluded">Whether flagged clicks were left out (the default) or counted as touches.</param>
/// <param name="Flagged">Flagged clicks with a user id in the journeys' touch window (the touches that could be left out).</param>
/// <param name="LeftOut">Touchpoints actually left out: those with a flagged click's user, channel and instant.</param>
public sealed record InvalidClickNote(bool Excluded, int Flagged, long LeftOut)
{
    /// <summary>The note of a scan over <paramref name="query"/> that gave <paramref name="paths"/>.</summary>
    public static InvalidClickNote Of(JourneyQuery query, JourneyPaths paths)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(paths);
        return new(query.Exclude is not null, query.Exclude?.Count ?? 0, paths.TouchesLeftOut);
    }

    /// <summary>The note in a sentence for the command line; null when no click was flagged and none is counted.</summary>
    public string? Sentence() => Excluded
        ? Flagged == 0 ? null : Words.W("measurement.report.invalid_left_out", ("left_out", LeftOut), ("flagged", (long)Flagged))
        : Words.W("measurement.report.invalid_counted");
}

/// <summary>What an ROI report asks for: a month range and the model that places conversions.</summary>
/// <param name="From">First month; null for the first month with data.</param>
/// <param name="To">Last month; null for the last month with data.</param>
/// <param name="Model">The attribution model that places conversions and revenue.</param>
/// <param name="LookbackDays">How far before a conversion a touch still counts.</param>
/// <param name="Incremental">Place the lift model's incremental conversions, revenue and product cost instead of an
/// attribution model's (<see cref="MeasurementUseCases.LiftModelName"/>); <paramref name="Model"/> is then ignored.</param>
/// <param name="IncludeInvalidClicks">Count the clicks the invalid-traffic rules flagged as touches (left out by default).</param>
public sealed record RoiRequest(
    YearMonth? From = null, YearMonth? To = null, AttributionModel Model = MeasurementUseCases.DefaultRoiModel, int LookbackDays = 30,
    bool Incremental = false, bool IncludeInvalidClicks = false)
{
    /// <summary>Parses a ROI model name: an attribution model's, or <see cref="MeasurementUseCases.LiftModelName"/>.</summary>
    public static bool TryParseModel(string? text, out AttributionModel model, out bool incremental)
    {
        incremental = string.Equals(text?.Trim(), MeasurementUseCases.LiftModelName, StringComparison.OrdinalIgnoreCase);
        model = MeasurementUseCases.DefaultRoiModel;
        return incremental || AttributionModels.TryParse(text, out model);
    }

    /// <summary>Every name <see cref="TryParseModel"/> takes.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. AttributionModels.All.Select(AttributionModels.Name), MeasurementUseCases.LiftModelName];
}

/// <summary>The ROI report: one row per channel and month, cumulative ROI, and where department-wide costs went.</summary>
public sealed record RoiReport(
    string From,
    string To,
    string Model,
    IReadOnlyList<ChannelMonthRoi> Channels,
    IReadOnlyList<ChannelCumulativeRoi> Cumulative,
    IReadOnlyList<MonthAllocation> Allocations,
    string AllocationRule,
    InvalidClickNote InvalidClicks);

/// <summary>
/// The lift model's fit: the base conversion chance of a new customer's journey, the extra chance of a returning
/// customer's, and each channel's per-touch lift with its incremental conversions and revenue.
/// </summary>
public sealed record LiftReport(
    double BaseProbability,
    double ReturningCustomerProbability,
    IReadOnlyList<LabelIncrementality> Labels,
    double LogLikelihood,
    int Iterations,
    bool Converged);

/// <summary>The cohort report: LTV curves with payback, and guidance per channel that reads trend and payback.</summary>
public sealed record CohortReport(
    string Model,
    string LastMonth,
    IReadOnlyList<CohortCurve> Cohorts,
    IReadOnlyList<ChannelGuidance> Guidance,
    string AcquisitionCostRule,
    string GuidanceRules);

/// <summary>
/// Measurement for the CLI, the API and the pages alike: the store aggregates journeys, spend and costs; the Core models
/// place conversions and compute ROI. Journey days are UTC days (docs/measurement.md). Results are kept until the data
/// changes (<see cref="DataVersionCache"/>). Reports need <see cref="Permission.ReadReports"/>; the ROI and cohort reports,
/// whose subject is returns on money, <see cref="Permission.ReadMoney"/>. <see cref="ProductCostCreditsAsync"/>,
/// <see cref="IncrementalAsync"/> and <see cref="AttributionForAsync"/> serve other use cases, which check for their callers.
/// </summary>
public sealed class MeasurementUseCases(
    IJourneyReader journeys, IChannelMoneyReader money, ICohortReader cohorts, InvalidTrafficUseCases invalidTraffic, DataVersionCache cache, TimeProvider time,
    AccessGuard guard)
{
    /// <summary>
    /// The model ROI uses unless told otherwise: the order-1 Markov chain, because it is the only default that weighs
    /// the journeys that did not convert, which is what separates a channel that causes conversions from one that is merely
    /// present in converting journeys.
    /// </summary>
    public const AttributionModel DefaultRoiModel = AttributionModel.Markov;

    /// <summary>The ROI model name of the lift model's incremental figures.</summary>
    public const string LiftModelName = "lift";

    private Task<T> Cached<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => cache.GetAsync(key, TimeZoneInfo.Utc, compute, cancellationToken);

    /// <summary>A report shown as a whole: a page view may show its last result while the next is computed (DataVersionCache.FigureAsync).</summary>
    private Task<T> Figure<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => cache.FigureAsync(key, TimeZoneInfo.Utc, compute, cancellationToken);

    /// <summary>
    /// <paramref name="query"/> with the flagged clicks of its touch window left out, unless <paramref name="includeInvalidClicks"/>
    /// (docs/ads.md, Measurement stays clean).
    /// </summary>
    private async Task<JourneyQuery> CleanAsync(JourneyQuery query, bool includeInvalidClicks, CancellationToken cancellationToken) =>
        includeInvalidClicks
            ? query
            : query with { Exclude = await invalidTraffic.FlaggedTouchesAsync(query.From, query.To, query.LookbackDays, cancellationToken).ConfigureAwait(false) };

    private Task<JourneyPaths> PathsAsync(JourneyQuery query, CancellationToken cancellationToken) =>
        Cached("paths " + query, () => journeys.PathsAsync(query, false, cancellationToken), cancellationToken);

    private Task<IReadOnlyList<TimedPath>> TimedAsync(JourneyQuery query, CancellationToken cancellationToken, bool productCost = false) =>
        Cached("timed " + productCost + " " + query, () => journeys.TimedPathsAsync(query, productCost, cancellationToken), cancellationToken);

    /// <summary>Credits conversions and revenue with one model; invalid when the request's options are out of bounds.</summary>
    public Task<Outcome<AttributionReport>> AttributionAsync(AttributionRequest request, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return AttributionForAsync(request, cancellationToken);
    }

    /// <summary>
    /// <see cref="AttributionAsync"/> without its check, for use cases that checked their own caller (an influencer's
    /// money, a campaign's credit).
    /// </summary>
    internal async Task<Outcome<AttributionReport>> AttributionForAsync(AttributionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problems() is { Count: > 0 } problems)
        {
            return Outcome<AttributionReport>.Invalid(problems);
        }

        return Outcome<AttributionReport>.Ok(await AttributionReportAsync(request, cancellationToken).ConfigureAwait(false));
    }

    private async Task<AttributionReport> AttributionReportAsync(AttributionRequest request, CancellationToken cancellationToken)
    {
        var query = await CleanAsync(new JourneyQuery(request.From, request.To, request.LookbackDays, request.By), request.IncludeInvalidClicks, cancellationToken)
            .ConfigureAwait(false);
        var paths = await PathsAsync(query, cancellationToken).ConfigureAwait(false);
        var timed = request.Model == AttributionModel.TimeDecay ? await TimedAsync(query, cancellationToken).ConfigureAwait(false) : null;
        var options = request.Options;
        var result = paths.Paths.Count == 0 && timed is null
            ? new AttributionResult(AttributionModels.Name(request.Model), 0, 0m, [])
            : AttributionModels.Attribute(request.Model, paths.Paths, timed, options);
        return new AttributionReport(
            AttributionModels.Name(request.Model),
            request.Model == AttributionModel.Markov ? request.MarkovOrder : null,
            request.By switch { JourneyLabel.Channel => "channel", JourneyLabel.Referral => "referral", _ => "campaign" },
            request.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            request.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            request.LookbackDays,
            result.TotalConversions,
            result.TotalRevenue,
            paths.ConversionsWithoutTouches,
            paths.RevenueWithoutTouches,
            result.Credits.Select(c => new LabelCredit(c.Label, c.Conversions, c.Revenue)).ToList(),
            AttributionModels.Describe(request.Model),
            InvalidClickNote.Of(query, paths));
    }

    /// <summary>
    /// The product cost each label is credited under one model: the same journeys as <see cref="AttributionAsync"/> with each
    /// path's product cost in place of its revenue, so product cost splits exactly as revenue does (as the ROI report
    /// credits it). Kept until the data changes. For other use cases (a campaign's evaluation, an influencer's money), which
    /// check for their callers; no front door calls it.
    /// </summary>
    public Task<Dictionary<string, double>> ProductCostCreditsAsync(AttributionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Cached("product cost " + request, async () =>
        {
            var query = await CleanAsync(new JourneyQuery(request.From, request.To, request.LookbackDays, request.By), request.IncludeInvalidClicks, cancellationToken)
                .ConfigureAwait(false);
            var paths = await PathsAsync(query, cancellationToken).ConfigureAwait(false);
            if (!paths.Paths.Any(p => p.Conversions > 0))
            {
                return new Dictionary<string, double>(StringComparer.Ordinal);
            }

            var timed = request.Model == AttributionModel.TimeDecay ? await TimedAsync(query, cancellationToken, productCost: true).ConfigureAwait(false) : null;
            return AttributionModels.Attribute(request.Model, paths.CostPaths(), timed, request.Options).Credits
                .ToDictionary(x => x.Label, x => x.Revenue, StringComparer.Ordinal);
        }, cancellationToken);
    }

    /// <summary>ROI per channel and month: spend, attributed conversions and revenue, product cost, costs, returns; invalid for a range that ends before it starts.</summary>
    public async Task<Outcome<RoiReport>> RoiAsync(RoiRequest request, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadMoney);
        ArgumentNullException.ThrowIfNull(request);
        if (request.From is { } f && request.To is { } t && t.CompareTo(f) < 0)
        {
            return Outcome<RoiReport>.Invalid([Problem.Of("to", CommonCodes.EndBeforeStart, ("start", f.ToString()), ("end", t.ToString()))]);
        }

        if (request.LookbackDays < 1)
        {
            return Outcome<RoiReport>.Invalid([Problem.Of("lookbackDays", AttributionCodes.LookbackOutOfRange, ("value", request.LookbackDays))]);
        }

        return Outcome<RoiReport>.Ok(await Figure(RoiKey(request), () => RoiReportCoreAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The ROI report's key: the request, and this month (the range of a workspace without spend ends in it).</summary>
    private string RoiKey(RoiRequest request) => "roi report " + request + " " + YearMonth.Of(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    /// <summary>The ROI report as a part of another (exact; the same entry as <see cref="RoiAsync"/>'s).</summary>
    private Task<RoiReport> RoiReportAsync(RoiRequest request, CancellationToken cancellationToken) =>
        Cached(RoiKey(request), () => RoiReportCoreAsync(request, cancellationToken), cancellationToken);

    private async Task<RoiReport> RoiReportCoreAsync(RoiRequest request, CancellationToken cancellationToken)
    {
        var months = await money.MonthsAsync(cancellationToken).ConfigureAwait(false);
        var from = request.From ?? (months.Count > 0 ? months[0] : YearMonth.Of(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        var to = request.To ?? (months.Count > 0 ? months[^1] : from);
        if (to.CompareTo(from) < 0)
        {
            // Only one bound was given and the data lies on the wrong side of it: an empty range, nothing to place.
            to = from;
        }

        var monthsQuery = await CleanAsync(new JourneyQuery(from.FirstDay, to.AddMonths(1).FirstDay.AddDays(-1), request.LookbackDays), request.IncludeInvalidClicks,
            cancellationToken).ConfigureAwait(false);
        var byMonth = await Cached("by month " + request.Incremental + " " + monthsQuery,
            () => journeys.PathsByMonthAsync(monthsQuery, request.Incremental, cancellationToken), cancellationToken).ConfigureAwait(false);
        var fit = request.Incremental ? await LiftFitAsync(request.LookbackDays, cancellationToken).ConfigureAwait(false) : null;
        var spend = await money.SpendAsync(from, to, cancellationToken).ConfigureAwait(false);
        var costs = await money.CostsAsync(from, to, cancellationToken).ConfigureAwait(false);
        var inputs = new List<ChannelMonthInput>();
        for (var month = from; month.CompareTo(to) <= 0; month = month.AddMonths(1))
        {
            var revenueCredits = new Dictionary<string, Credit>(StringComparer.Ordinal);
            var costCredits = new Dictionary<string, Credit>(StringComparer.Ordinal);
            if (fit is not null && byMonth.TryGetValue(month, out var monthPaths) && monthPaths.Paths.Any(p => p.Conversions > 0))
            {
                // Incremental: what the fitted lift model says each channel caused this month (docs/measurement.md).
                static Dictionary<string, Credit> Credits(IReadOnlyList<LabelIncrementality> labels) => labels
                    .Where(l => l.Label != JourneyLabels.ReturningCustomer)
                    .ToDictionary(l => l.Label, l => new Credit(l.Label, l.IncrementalConversions, l.IncrementalRevenue), StringComparer.Ordinal);
                revenueCredits = Credits(NoisyOrModel.Evaluate(fit, monthPaths.Paths));
                costCredits = Credits(NoisyOrModel.Evaluate(fit, monthPaths.CostPaths()));
            }
            else if (fit is null && byMonth.TryGetValue(month, out var paths) && paths.Paths.Any(p => p.Conversions > 0))
            {
                var options = new AttributionOptions();
                var monthQuery = await CleanAsync(new JourneyQuery(month.FirstDay, month.AddMonths(1).FirstDay.AddDays(-1), request.LookbackDays),
                    request.IncludeInvalidClicks, cancellationToken).ConfigureAwait(false);
                var timeDecay = request.Model == AttributionModel.TimeDecay;
                var timed = timeDecay ? await TimedAsync(monthQuery, cancellationToken).ConfigureAwait(false) : null;
                revenueCredits = AttributionModels.Attribute(request.Model, paths.Paths, timed, options).Credits.ToDictionary(c => c.Label, StringComparer.Ordinal);
                var costTimed = timeDecay ? await TimedAsync(monthQuery, cancellationToken, productCost: true).ConfigureAwait(false) : null;
                costCredits = AttributionModels.Attribute(request.Model, paths.CostPaths(), costTimed, options).Credits.ToDictionary(c => c.Label, StringComparer.Ordinal);
            }

            var channels = spend.Where(s => s.Month == month).Select(s => s.Channel)
                .Concat(revenueCredits.Keys)
                .Concat(costs.Where(c => c.Month == month && c.Channel is not null).Select(c => c.Channel!))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            foreach (var channel in channels)
            {
                inputs.Add(new ChannelMonthInput(
                    channel,
                    month,
                    spend.Where(s => s.Month == month && s.Channel == channel).Sum(s => s.Spend),
                    revenueCredits.GetValueOrDefault(channel)?.Conversions ?? 0,
                    revenueCredits.GetValueOrDefault(channel)?.Revenue ?? 0,
                    costCredits.GetValueOrDefault(channel)?.Revenue ?? 0,
                    costs.Where(c => c.Month == month && c.Channel == channel).Sum(c => c.Amount)));
            }
        }

        var department = costs.Where(c => c.Channel is null).Select(c => new DepartmentCost(c.Month, c.Amount));
        var computed = RoiCalculator.Compute(inputs, department);

        // How many touches the month scan left out: the same scan over the whole range counts them (cached; none to count without a flagged click).
        var note = monthsQuery.Exclude is { Count: > 0 }
            ? InvalidClickNote.Of(monthsQuery, await PathsAsync(monthsQuery, cancellationToken).ConfigureAwait(false))
            : new InvalidClickNote(monthsQuery.Exclude is not null, 0, 0);
        return new RoiReport(from.ToString(), to.ToString(), request.Incremental ? LiftModelName : AttributionModels.Name(request.Model), computed.Rows,
            RoiCalculator.Cumulative(computed.Rows), computed.Allocations, CostAllocation.Rule, note);
    }

    /// <summary>
    /// The <paramref name="top"/> most travelled journey paths (converting or not; most journeys first, then by path), with
    /// the journeys and distinct paths in all; flagged clicks left out unless <paramref name="includeInvalidClicks"/> (the
    /// note says how many). Only this summary is kept, not every path: the page shows no more.
    /// </summary>
    public async Task<JourneysSummary> JourneysAsync(
        CancellationToken cancellationToken, int lookbackDays = 30, bool includeInvalidClicks = false, int top = JourneysSummary.Shown)
    {
        guard.Require(Permission.ReadReports);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        return await Figure(string.Create(CultureInfo.InvariantCulture, $"journeys {lookbackDays} {includeInvalidClicks} top {top}"), async () =>
        {
            var query = await CleanAsync(new JourneyQuery(LookbackDays: lookbackDays), includeInvalidClicks, cancellationToken).ConfigureAwait(false);
            var paths = await PathsAsync(query, cancellationToken).ConfigureAwait(false);
            var ordered = paths.Paths
                .OrderByDescending(p => p.Conversions + p.NonConversions)
                .ThenBy(p => string.Join(">", p.Touches), StringComparer.Ordinal)
                .Take(top)
                .ToList();
            return new JourneysSummary(paths.Paths.Sum(p => p.Conversions + p.NonConversions), paths.Paths.Count, ordered, InvalidClickNote.Of(query, paths));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every model side by side over the same journeys (Markov at order 1).</summary>
    public async Task<IReadOnlyList<AttributionReport>> CompareModelsAsync(
        CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null, int lookbackDays = 30, bool includeInvalidClicks = false)
    {
        guard.Require(Permission.ReadReports);
        return await Figure(string.Create(CultureInfo.InvariantCulture, $"models {from} {to} {lookbackDays} {includeInvalidClicks}"), async () =>
        {
            var reports = new List<AttributionReport>();
            foreach (var model in AttributionModels.All)
            {
                reports.Add(await AttributionReportAsync(new AttributionRequest(model, 1, from, to, JourneyLabel.Channel, lookbackDays, IncludeInvalidClicks: includeInvalidClicks),
                    cancellationToken).ConfigureAwait(false));
            }

            return (IReadOnlyList<AttributionReport>)reports;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Incremental conversions per channel from the noisy-OR lift model, fitted by maximum likelihood on all journeys
    /// (converting and not); unlike the attribution models it estimates what each channel caused, not where it appeared.
    /// Returning customers get their own base rate: their journeys carry a <see cref="JourneyLabels.ReturningCustomer"/>
    /// touch, whose fitted effect is reported as <see cref="LiftReport.ReturningCustomerProbability"/> and not as a channel.
    /// </summary>
    public Task<LiftReport> LiftAsync(CancellationToken cancellationToken, int lookbackDays = 30)
    {
        guard.Require(Permission.ReadReports);
        return Figure("lift " + lookbackDays.ToString(System.Globalization.CultureInfo.InvariantCulture), async () =>
        {
            if (await LiftFitAsync(lookbackDays, cancellationToken).ConfigureAwait(false) is not { } fit)
            {
                return new LiftReport(0, 0, [], 0, 0, true);
            }

            var returning = fit.Labels.FirstOrDefault(l => l.Label == JourneyLabels.ReturningCustomer);
            return new LiftReport(
                fit.BaseProbability,
                returning?.Probability ?? 0,
                fit.Labels.Where(l => l.Label != JourneyLabels.ReturningCustomer).ToList(),
                fit.LogLikelihood,
                fit.Iterations,
                fit.Converged);
        }, cancellationToken);
    }

    /// <summary>
    /// Incremental conversions and revenue per label of <paramref name="label"/> (referral codes for influencers, as
    /// <c>ref:CODE</c>): the lift model fitted on every journey so labelled, evaluated on the journeys of [from, to] (all of
    /// them when both are null). Empty when there is nothing to fit. Returning customers' own base is left out. For the
    /// influencer audits, which check for their callers; no front door calls it.
    /// </summary>
    public Task<IReadOnlyList<LabelIncrementality>> IncrementalAsync(
        JourneyLabel label, DateOnly? from, DateOnly? to, CancellationToken cancellationToken, int lookbackDays = 30) =>
        Cached(string.Create(CultureInfo.InvariantCulture, $"incremental {label} {from} {to} {lookbackDays}"), async () =>
        {
            if (await LiftFitAsync(lookbackDays, cancellationToken, label).ConfigureAwait(false) is not { } fit)
            {
                return (IReadOnlyList<LabelIncrementality>)[];
            }

            IReadOnlyList<LabelIncrementality> labels = fit.Labels;
            if (from is not null || to is not null)
            {
                var query = await CleanAsync(new JourneyQuery(from, to, lookbackDays, label), false, cancellationToken).ConfigureAwait(false);
                var paths = await journeys.PathsAsync(query, true, cancellationToken).ConfigureAwait(false);
                labels = NoisyOrModel.Evaluate(fit, paths.Paths);
            }

            return [.. labels.Where(l => l.Label != JourneyLabels.ReturningCustomer)];
        }, cancellationToken);

    /// <summary>The lift model fitted on every journey, returning customers marked; null when there is nothing to fit.</summary>
    private async Task<IncrementalityResult?> LiftFitAsync(int lookbackDays, CancellationToken cancellationToken, JourneyLabel label = JourneyLabel.Channel) =>
        (await Cached(string.Create(CultureInfo.InvariantCulture, $"lift fit {lookbackDays}{(label == JourneyLabel.Channel ? "" : " " + label)}"), async () =>
        {
            var query = await CleanAsync(new JourneyQuery(LookbackDays: lookbackDays, Label: label), false, cancellationToken).ConfigureAwait(false);
            var paths = await journeys.PathsAsync(query, true, cancellationToken).ConfigureAwait(false);
            return !paths.Paths.Any(p => p.Conversions > 0) || !paths.Paths.Any(p => p.NonConversions > 0)
                ? new FitBox(null)
                : new FitBox(NoisyOrModel.Fit(paths.Paths));
        }, cancellationToken).ConfigureAwait(false)).Fit;

    private sealed record FitBox(IncrementalityResult? Fit);

    /// <summary>What a cohort's acquisition cost is, for the pages and the docs.</summary>
    public const string AcquisitionCostRule =
        "A cohort's acquisition cost is its channel's spend plus allocated costs in the cohort month, from the ROI report with the same model.";

    /// <summary>Cohorts by first-order month and acquisition channel, with LTV, payback and channel guidance.</summary>
    public async Task<CohortReport> CohortsAsync(CancellationToken cancellationToken, AttributionModel model = DefaultRoiModel, int lookbackDays = 30)
    {
        guard.Require(Permission.ReadMoney);
        var roiRequest = new RoiRequest(Model: model, LookbackDays: lookbackDays);
        return await Figure("cohort report " + RoiKey(roiRequest), async () =>
        {
            var data = await Cached("cohorts " + lookbackDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                () => cohorts.CohortsAsync(lookbackDays, cancellationToken), cancellationToken).ConfigureAwait(false);
            var roi = await RoiReportAsync(roiRequest, cancellationToken).ConfigureAwait(false);
            var costs = roi.Channels.Select(r => new CohortCost(r.Month, r.Channel, r.Spend + r.AllocatedCosts));
            var lastMonth = YearMonth.TryParse(roi.To, out var to) ? to : YearMonth.Of(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            var curves = CohortAnalysis.Build(data.Sizes, data.Profits.Where(p => p.CohortMonth.AddMonths(p.MonthsSinceAcquisition).CompareTo(lastMonth) <= 0),
                costs, lastMonth);
            return new CohortReport(roi.Model, lastMonth.ToString(), curves, Guidance.AdviseAll(roi.Channels, curves), AcquisitionCostRule, Guidance.Rules);
        }, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The journeys page's figure: journeys and distinct paths in all, the most travelled paths, the flagged-click note.</summary>
/// <param name="Journeys">Journeys in all (converting or not).</param>
/// <param name="Paths">Distinct paths in all.</param>
/// <param name="Top">The most travelled paths, most journeys first, then by path.</param>
/// <param name="InvalidClicks">Flagged clicks left out (or kept).</param>
public sealed record JourneysSummary(long Journeys, long Paths, IReadOnlyList<JourneyPath> Top, InvalidClickNote InvalidClicks)
{
    /// <summary>The paths the page draws.</summary>
    public const int Shown = 150;
}
