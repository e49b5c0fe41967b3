using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Organization;
using Mercato.Storage.Kpis;
using Mercato.Storage.Organization;
using Mercato.Storage.Sqlite;
using Mercato.Features.Measurement;

namespace Mercato.Features.Organization;

/// <summary>One KPI of a scorecard: its definition, owner, value with the inputs behind it, target, status and trend.</summary>
/// <param name="Id">The KPI id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Unit">The org unit that answers for it, or null when nobody does.</param>
/// <param name="UnitName">That unit's name.</param>
/// <param name="Value">Its value in the period, or null (see <paramref name="Reason"/>).</param>
/// <param name="Target">The unit's target for the period, or null.</param>
/// <param name="Status">On track, at risk, off track, no target or no data (docs/organization.md).</param>
/// <param name="Attainment">Actual against target, oriented so that 1 is on target.</param>
/// <param name="Trend">The least-squares trend over the last periods.</param>
/// <param name="Measure">What the value counts: count, ratio, minutes, money or per_user.</param>
/// <param name="Direction">higher or lower is better.</param>
/// <param name="Function">The function the KPI belongs to.</param>
/// <param name="Reason">Why there is no value (a <see cref="KpiCodes"/> code with its arguments).</param>
/// <param name="Inputs">The figures the value is computed from (numerator first for ratios).</param>
/// <param name="History">The values of the last periods, oldest first, this one last.</param>
/// <param name="Formula">The formula in words (docs/kpis.md).</param>
public sealed record KpiLine(
    string Id,
    string Name,
    string? Unit,
    string? UnitName,
    decimal? Value,
    double? Target,
    KpiStatus Status,
    double? Attainment,
    Trend Trend,
    string Measure,
    Direction Direction,
    string Function,
    Message? Reason,
    IReadOnlyList<KpiInput> Inputs,
    IReadOnlyList<PeriodValue> History,
    string Formula);

/// <summary>Every KPI for a period (optionally of one unit), in catalog order.</summary>
public sealed record KpiScorecard(string Period, string TimeZone, string? Unit, IReadOnlyList<KpiLine> Kpis);

/// <summary>
/// The organization area: the stored structure, KPI figures from the store with their owners, targets, status and trend,
/// and the health of every unit on the org chart. KPI figures come from <see cref="KpiQueries"/>; <c>roi</c> and
/// <c>roas</c> from the measurement ROI report (default model) summed over the period's channels and months.
/// </summary>
public sealed class OrgService(MercatoStore store, KpiQueries kpis, MeasurementService measurement)
{
    /// <summary>How many periods a trend looks back over, the current one included.</summary>
    public const int HistoryPeriods = Scorecards.TrendWindow;

    public OrgStore Org { get; } = new(store);

    /// <summary>The period to show when none is asked for: the last month with data, else the current month.</summary>
    public Period DefaultPeriod()
    {
        var months = new Mercato.Storage.Measurement.MeasurementQueries(store).Months();
        return months.Count > 0 ? Period.Of(months[^1]) : Period.Of(YearMonth.Of(DateOnly.FromDateTime(store.Time.GetUtcNow().UtcDateTime)));
    }

    /// <summary>Every KPI for <paramref name="period"/>; with <paramref name="unit"/>, only the KPIs that unit answers for.</summary>
    public KpiScorecard Scorecard(Period period, string? unit = null)
    {
        var structure = Org.Structure();
        var targets = Org.Targets(unit, period).ToDictionary(t => (t.Kpi, t.Unit));
        var periods = Enumerable.Range(0, HistoryPeriods).Select(i => period.Add(-i)).Reverse().ToList();
        var history = periods.Zip(Reports(periods), (p, r) => (Period: p, Report: r)).ToList();
        var current = history[^1].Report;
        var lines = new List<KpiLine>();
        foreach (var definition in KpiCatalog.All)
        {
            var owner = structure?.Kpis.FirstOrDefault(k => k.Kpi == definition.Id)?.Unit;
            if (unit is not null && owner != unit)
            {
                continue;
            }

            var result = current[definition.Id];
            var direction = definition.Direction == KpiDirection.HigherIsBetter ? Direction.Higher : Direction.Lower;
            var series = history.Select(h => new PeriodValue(h.Period, (double?)h.Report[definition.Id].Value)).ToList();
            double? target = owner is not null && targets.TryGetValue((definition.Id, owner), out var t) ? t.Value : null;
            var line = Scorecards.Line(definition.Id, owner ?? "", period, direction, (double?)result.Value, target, series);
            lines.Add(new KpiLine(
                definition.Id, definition.Name, owner, owner is null ? null : structure!.FindUnit(owner)?.Name,
                result.Value, target, line.Status, line.Attainment, line.Trend,
                definition.Unit.Word(), direction, definition.FunctionId,
                result.Reason, result.Inputs, series, definition.Formula));
        }

        return new KpiScorecard(period.ToString(), store.TimeZone.Id, unit, lines);
    }

    /// <summary>The org chart's colours for <paramref name="period"/>: each unit's own KPIs and its whole subtree's.</summary>
    public IReadOnlyList<UnitChartHealth> Chart(Period period) => Chart(Scorecard(period));

    /// <summary>The org chart's colours from a scorecard of every KPI already computed (no second computation).</summary>
    public IReadOnlyList<UnitChartHealth> Chart(KpiScorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        if (Org.Structure() is not { } structure)
        {
            return [];
        }

        var period = Period.Parse(scorecard.Period);
        var lines = scorecard.Kpis.Where(k => k.Unit is not null).Select(k => new ScorecardLine(
            k.Id, k.Unit!, period, k.Direction, (double?)k.Value, k.Target, k.Attainment, k.Status, k.Trend));
        return Scorecards.Chart(structure, lines);
    }

    /// <summary>The KPI reports of <paramref name="periods"/>, from one state of the data, with roi and roas filled from the measurement ROI report.</summary>
    private IReadOnlyList<KpiReport> Reports(IReadOnlyList<Period> periods)
    {
        // The ROI report (journeys over every touchpoint) and the KPI pass (every activity event) read different tables and
        // each keeps one core busy for seconds the first time after an import: run them side by side.
        var roi = Task.Run(() => measurement.Roi(new RoiRequest()));
        var reports = kpis.Compute(periods.Select(KpiPeriod.For).ToList());
        var channels = roi.GetAwaiter().GetResult().Channels;
        return periods.Zip(reports, (period, report) => Filled(period, report, channels)).ToList();
    }

    private static KpiReport Filled(Period period, KpiReport report, IReadOnlyList<ChannelMonthRoi> channels)
    {
        var rows = channels.Where(r => period.Contains(r.Month)).ToList();
        var spend = rows.Sum(r => r.Spend);
        var cost = rows.Sum(r => r.TotalCost());
        var revenue = rows.Sum(r => r.Revenue);
        var net = rows.Sum(r => r.NetReturn);
        KpiResult Fill(KpiResult k) => k.Id switch
        {
            "roi" => KpiCalculator.Quotient(k.Id, new("net return", net), new("spend + allocated costs", cost), new Message(KpiCodes.NoSpendOrCosts)),
            "roas" => KpiCalculator.Quotient(k.Id, new("attributed revenue", revenue), new("media spend", spend), new Message(KpiCodes.NoMediaSpend)),
            _ => k,
        };
        return report with { Kpis = report.Kpis.Select(Fill).ToList() };
    }
}
