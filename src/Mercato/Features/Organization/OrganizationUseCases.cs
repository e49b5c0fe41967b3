using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Organization;
using Mercato.Features.Access;
using Mercato.Features.Measurement;
using Mercato.Features.Settings;

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

/// <summary>What saving a structure did.</summary>
/// <param name="Name">The structure's name.</param>
/// <param name="Units">Its units.</param>
/// <param name="Ownerships">Its ownerships.</param>
/// <param name="Kpis">Its KPI assignments.</param>
/// <param name="TargetsRemoved">Targets of units it no longer has, removed with it.</param>
public sealed record OrgSaved(string Name, int Units, int Ownerships, int Kpis, int TargetsRemoved);

/// <summary>Every KPI for a period (optionally of one unit), in catalog order.</summary>
public sealed record KpiScorecard(string Period, string TimeZone, string? Unit, IReadOnlyList<KpiLine> Kpis);

/// <summary>
/// The organization area: the stored structure, KPI figures from the store with their owners, targets, status and trend,
/// and the health of every unit on the org chart. KPI figures come from <see cref="KpiInputs"/> (the store and the listening documents); <c>roi</c> and
/// <c>roas</c> from the measurement ROI report (default model) summed over the period's channels and months. Read by whoever
/// reads reports; the structure is written by whoever writes the organization.
/// </summary>
public sealed class OrganizationUseCases(
    IDocumentStore documents, KpiInputs kpis, IChannelMoneyReader money, MeasurementUseCases measurement, SettingsUseCases settings,
    ICurrentUser user, TimeProvider time, OutcomeLog log, AccessGuard guard, DataVersionCache cache)
{
    /// <summary>How many periods a trend looks back over, the current one included.</summary>
    public const int HistoryPeriods = Scorecards.TrendWindow;

    /// <summary>The workspace's structure with its version, or null when it has none yet.</summary>
    public Task<Versioned<OrgStructure>?> GetAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return GetCoreAsync(cancellationToken);
    }

    /// <summary>The workspace's structure, or null.</summary>
    public async Task<OrgStructure?> StructureAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return await StructureCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<Versioned<OrgStructure>?> GetCoreAsync(CancellationToken cancellationToken) =>
        documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken);

    private async Task<OrgStructure?> StructureCoreAsync(CancellationToken cancellationToken) => (await GetCoreAsync(cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>
    /// Makes <paramref name="structure"/> the workspace's: invalid with every problem (nothing changes); refused
    /// (<see cref="ApiCodes.StructureExists"/>) when the workspace has one and <paramref name="replace"/> is false; moved
    /// meanwhile when <paramref name="expectedVersion"/> is given and the stored one is another. Targets of units the new
    /// structure lacks are removed with it, in the same commit.
    /// </summary>
    public async Task<Outcome<OrgSaved>> SaveAsync(OrgStructure structure, bool replace, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await SaveCoreAsync(structure, replace, expectedVersion, cancellationToken).ConfigureAwait(false), "structure save", structure.Name);

    private async Task<Outcome<OrgSaved>> SaveCoreAsync(OrgStructure structure, bool replace, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(structure);
        guard.Require(Permission.WriteOrganization);
        var problems = structure.Validate();
        if (problems.Count > 0)
        {
            return Outcome<OrgSaved>.Invalid([.. problems.Select(p => new Problem(p.Path, p.Code, p.Args))]);
        }

        var current = await GetCoreAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null && !replace)
        {
            return Outcome<OrgSaved>.Refused(ApiCodes.StructureExists, MessageArgs.Of(("name", current.Value.Name)));
        }

        var orphans = KpiTargets.Orphans(await documents.ValuesAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false), structure);
        List<DocumentChange> changes =
        [
            DocumentChange.Put(OrganizationDocuments.Structure, structure, expectedVersion ?? current?.Version ?? 0),
            .. orphans.Select(t => DocumentChange.Delete(OrganizationDocuments.Targets, OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period))),
        ];
        var commit = await documents.CommitAsync(changes, user, cancellationToken).ConfigureAwait(false);
        return commit.Committed
            ? Outcome<OrgSaved>.Ok(new OrgSaved(structure.Name, structure.Units.Count, structure.Ownerships.Count, structure.Kpis.Count, orphans.Count))
            : Outcome<OrgSaved>.MovedMeanwhile();
    }

    /// <summary>Removes the structure and every target (targets belong to its units); not found when there is none.</summary>
    public async Task<Outcome> DeleteAsync(CancellationToken cancellationToken) =>
        log.Noted(await DeleteCoreAsync(cancellationToken).ConfigureAwait(false), "structure delete", "the structure");

    private async Task<Outcome> DeleteCoreAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteOrganization);
        if (await GetCoreAsync(cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return Outcome.NotFound(OrgHostCodes.NoStructure);
        }

        var targets = await documents.ValuesAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false);
        var commit = await documents.CommitAsync(
            [
                DocumentChange.Delete(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, current.Version),
                .. targets.Select(t => DocumentChange.Delete(OrganizationDocuments.Targets, OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period))),
            ],
            user, cancellationToken).ConfigureAwait(false);
        return commit.Committed ? Outcome.Ok() : Outcome.MovedMeanwhile();
    }

    /// <summary>
    /// A structure named for comparison or display: <c>current</c> (the workspace's), a template, or, when
    /// <paramref name="allowFiles"/>, a YAML or JSON file; not found with the reason otherwise.
    /// </summary>
    public async Task<Outcome<OrgStructure>> ResolveAsync(string name, bool allowFiles, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var structure = OrgSources.Resolve(await StructureCoreAsync(cancellationToken).ConfigureAwait(false), name, allowFiles, out var problem);
        return structure is not null ? Outcome<OrgStructure>.Ok(structure) : Outcome<OrgStructure>.NotFound(problem!.Code, problem.Args);
    }

    /// <summary>The period to show when none is asked for: the last month with data, else the current month.</summary>
    public async Task<Period> DefaultPeriodAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var months = await MonthsAsync(cancellationToken).ConfigureAwait(false);
        return months.Count > 0
            ? Period.Of(months[^1])
            : Period.Of(YearMonth.Of(LocalTime.Today(time, await settings.ZoneAsync(cancellationToken).ConfigureAwait(false))));
    }

    /// <summary>
    /// The months with spend, costs or conversions (<see cref="IChannelMoneyReader.MonthsAsync"/>: scans of the three
    /// tables, 40 ms each on the large demo, and every org page asks twice), kept until one of those kinds changes.
    /// </summary>
    private Task<IReadOnlyList<YearMonth>> MonthsAsync(CancellationToken cancellationToken) =>
        cache.GetAsync("months with spend, costs or conversions", TimeZoneInfo.Utc,
            [Core.DataCenter.DataKinds.Spend, Core.DataCenter.DataKinds.Costs, Core.DataCenter.DataKinds.Conversions],
            () => money.MonthsAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The periods to offer: every month with measurement data and the quarters they fall in, newest first, plus
    /// <paramref name="chosen"/> when it is not among them.
    /// </summary>
    public async Task<IReadOnlyList<Period>> PeriodChoicesAsync(Period chosen, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var months = (await MonthsAsync(cancellationToken).ConfigureAwait(false)).Select(Period.Of).ToList();
        var quarters = months.Select(m => Period.Quarter(m.Year, (m.Number + 2) / 3)).Distinct();
        return [.. months.Concat(quarters).Append(chosen).Distinct().OrderDescending()];
    }

    /// <summary>Every KPI for <paramref name="period"/>; with <paramref name="unit"/>, only the KPIs that unit answers for.</summary>
    public async Task<KpiScorecard> ScorecardAsync(Period period, string? unit, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return await ScorecardCoreAsync(period, unit, cancellationToken).ConfigureAwait(false);
    }

    private async Task<KpiScorecard> ScorecardCoreAsync(Period period, string? unit, CancellationToken cancellationToken)
    {
        var structure = await StructureCoreAsync(cancellationToken).ConfigureAwait(false);
        var targets = (await documents.ValuesAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false))
            .Where(t => (unit is null || t.Unit == unit) && t.Period == period)
            .ToDictionary(t => (t.Kpi, t.Unit));
        var periods = Enumerable.Range(0, HistoryPeriods).Select(i => period.Add(-i)).Reverse().ToList();
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var history = periods.Zip(await ReportsAsync(periods, zone, cancellationToken).ConfigureAwait(false), (p, r) => (Period: p, Report: r)).ToList();
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

        return new KpiScorecard(period.ToString(), zone.Id, unit, lines);
    }

    /// <summary>
    /// Every KPI for <paramref name="period"/> of one unit (null for all): not found when the unit is not in the structure.
    /// </summary>
    public async Task<Outcome<KpiScorecard>> UnitScorecardAsync(Period period, string? unit, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if (unit is not null && (await StructureCoreAsync(cancellationToken).ConfigureAwait(false))?.FindUnit(unit) is null)
        {
            return Outcome<KpiScorecard>.NotFound(ApiCodes.UnitNotFound, MessageArgs.Of(("unit", unit)));
        }

        return Outcome<KpiScorecard>.Ok(await ScorecardCoreAsync(period, unit, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The org chart's colours for <paramref name="period"/>: each unit's own KPIs and its whole subtree's.</summary>
    public async Task<IReadOnlyList<UnitChartHealth>> ChartAsync(Period period, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return await ChartCoreAsync(await ScorecardCoreAsync(period, null, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The org chart's colours from a scorecard of every KPI already computed (no second computation).</summary>
    public async Task<IReadOnlyList<UnitChartHealth>> ChartAsync(KpiScorecard scorecard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        guard.Require(Permission.ReadReports);
        return await ChartCoreAsync(scorecard, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<UnitChartHealth>> ChartCoreAsync(KpiScorecard scorecard, CancellationToken cancellationToken)
    {
        if (await StructureCoreAsync(cancellationToken).ConfigureAwait(false) is not { } structure)
        {
            return [];
        }

        var period = Period.Parse(scorecard.Period);
        var lines = scorecard.Kpis.Where(k => k.Unit is not null).Select(k => new ScorecardLine(
            k.Id, k.Unit!, period, k.Direction, (double?)k.Value, k.Target, k.Attainment, k.Status, k.Trend));
        return Scorecards.Chart(structure, lines);
    }

    /// <summary>
    /// The KPI reports of <paramref name="periods"/>, from one state of the data, with roi and roas filled from the
    /// measurement ROI report; a figure of its own, kept until the data, the zone, the watch list or a crisis case changes.
    /// </summary>
    private async Task<IReadOnlyList<KpiReport>> ReportsAsync(IReadOnlyList<Period> periods, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (_, listening) = await kpis.ListeningAsync(cancellationToken).ConfigureAwait(false);
        return await cache.FigureAsync("kpi reports " + string.Join(',', periods) + " " + listening, zone, async () =>
        {
            // The ROI report (journeys over every touchpoint) and the KPI pass (every activity event) read different tables and
            // each keeps one core busy for seconds the first time after an import: run them side by side.
            var roi = Task.Run(() => measurement.RoiAsync(new RoiRequest(), cancellationToken), cancellationToken);
            var figures = await kpis.FiguresAsync([.. periods.Select(KpiPeriod.For)], zone, cancellationToken).ConfigureAwait(false);
            var channels = (await roi.ConfigureAwait(false)).Value!.Channels;
            return (IReadOnlyList<KpiReport>)[.. periods.Zip(figures, (period, f) => Filled(period, KpiCalculator.Compute(f), channels))];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every catalog KPI for one period of local days, from the store's figures (no roi and roas filling).</summary>
    public async Task<KpiReport> KpisAsync(KpiPeriod period, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        return KpiCalculator.Compute((await kpis.FiguresAsync([period], zone, cancellationToken).ConfigureAwait(false))[0]);
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
