using Mercato.Core.Access;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Mercato.Features.Access;

namespace Mercato.Features.Targets;

/// <summary>What setting targets did.</summary>
/// <param name="Added">Targets that were new.</param>
/// <param name="Updated">Targets whose value was replaced.</param>
public sealed record TargetsSaved(int Added, int Updated);

/// <summary>
/// KPI targets per unit and month or quarter, for every front door: validated all together against the workspace's
/// structure and the KPI catalog (<see cref="KpiTargets.Validate"/>), saved all or none. Targets are read by whoever reads
/// reports and written by whoever writes the work of the target's unit.
/// </summary>
public sealed class TargetUseCases(IDocumentStore documents, ICurrentUser user, OutcomeLog log, AccessGuard guard)
{
    /// <summary>Targets, optionally of one unit, period or KPI, by unit, KPI and period.</summary>
    public async Task<IReadOnlyList<KpiTarget>> ListAsync(string? unit, Period? period, string? kpi, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return [.. (await ListVersionedCoreAsync(unit, period, kpi, cancellationToken).ConfigureAwait(false)).Select(t => t.Value)];
    }

    /// <summary>
    /// Targets as <see cref="ListAsync"/> lists them, each with the version a change or a removal names
    /// (<see cref="SetAsync(TargetInput, long?, CancellationToken)"/>, <see cref="DeleteAsync(string, string, Period, long?, CancellationToken)"/>).
    /// </summary>
    public Task<IReadOnlyList<Versioned<KpiTarget>>> ListVersionedAsync(string? unit, Period? period, string? kpi, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return ListVersionedCoreAsync(unit, period, kpi, cancellationToken);
    }

    private async Task<IReadOnlyList<Versioned<KpiTarget>>> ListVersionedCoreAsync(string? unit, Period? period, string? kpi, CancellationToken cancellationToken) =>
        [.. (await documents.ListAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false))
            .Where(t => (unit is null || t.Value.Unit == unit) && (period is null || t.Value.Period == period) && (kpi is null || t.Value.Kpi == kpi))
            .OrderBy(t => t.Value.Unit, StringComparer.Ordinal).ThenBy(t => t.Value.Kpi, StringComparer.Ordinal)
            .ThenBy(t => t.Value.Period.ToString(), StringComparer.Ordinal)];

    /// <summary>
    /// The problems of <paramref name="inputs"/> as <see cref="SetAsync(IReadOnlyList{TargetInput}, CancellationToken)"/>
    /// would find them (paths <c>targets[i].field</c>), saving nothing: for a form that reports every field at once even
    /// when one of them could not be read.
    /// </summary>
    public async Task<IReadOnlyList<Problem>> ProblemsAsync(IReadOnlyList<TargetInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        guard.Require(Permission.ReadReports);
        return Problems(Validate(inputs, await StructureAsync(cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>
    /// Adds or replaces targets (keyed by KPI, unit and period): all of them, or none and every problem (paths
    /// <c>targets[i].field</c>). A target may be set for a KPI of the catalog (the KPIs Mercato computes, so the scorecard can score it), for a unit of the structure.
    /// </summary>
    public Task<Outcome<TargetsSaved>> SetAsync(IReadOnlyList<TargetInput> inputs, CancellationToken cancellationToken) =>
        SaveAsync(inputs, null, cancellationToken);

    /// <summary>
    /// Adds or replaces one target as <see cref="SetAsync(IReadOnlyList{TargetInput}, CancellationToken)"/> does; moved
    /// meanwhile when <paramref name="expectedVersion"/> is given and is not the stored target's version (0 or a missing
    /// target: it must not exist yet).
    /// </summary>
    public Task<Outcome<TargetsSaved>> SetAsync(TargetInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SaveAsync([input], expectedVersion, cancellationToken);
    }

    /// <summary>Removes one target; not found when there is none.</summary>
    public Task<Outcome> DeleteAsync(string kpi, string unit, Period period, CancellationToken cancellationToken) =>
        DeleteAsync(kpi, unit, period, null, cancellationToken);

    /// <summary>
    /// Removes one target: not found when there is none; moved meanwhile when <paramref name="expectedVersion"/> is given
    /// and is not the stored one.
    /// </summary>
    public async Task<Outcome> DeleteAsync(string kpi, string unit, Period period, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await DeleteCoreAsync(kpi, unit, period, expectedVersion, cancellationToken).ConfigureAwait(false), "target remove", $"{kpi}|{unit}|{period}");

    private async Task<Outcome> DeleteCoreAsync(string kpi, string unit, Period period, long? expectedVersion, CancellationToken cancellationToken)
    {
        await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(unit), cancellationToken).ConfigureAwait(false);
        var id = OrganizationDocuments.TargetId(kpi, unit, period);
        if (await documents.GetAsync(OrganizationDocuments.Targets, id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return Outcome.NotFound(ApiCodes.TargetNotFound, MessageArgs.Of(("kpi", kpi), ("unit", unit), ("period", period.ToString())));
        }

        var commit = await documents.CommitAsync([DocumentChange.Delete(OrganizationDocuments.Targets, id, expectedVersion ?? stored.Version)], user, cancellationToken)
            .ConfigureAwait(false);
        return commit.Committed ? Outcome.Ok() : Outcome.MovedMeanwhile();
    }

    /// <summary>Saves validated targets; <paramref name="expectedVersion"/> applies to every one of them (one target in practice).</summary>
    private async Task<Outcome<TargetsSaved>> SaveAsync(IReadOnlyList<TargetInput> inputs, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await SaveCoreAsync(inputs, expectedVersion, cancellationToken).ConfigureAwait(false), "targets set", $"{inputs?.Count ?? 0} targets");

    private async Task<Outcome<TargetsSaved>> SaveCoreAsync(IReadOnlyList<TargetInput> inputs, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        // Each target is the work of its unit (a blank unit, which validation refuses, asks for the whole workspace).
        foreach (var unit in inputs.Select(i => string.IsNullOrEmpty(i?.Unit) ? null : i.Unit).Distinct(StringComparer.Ordinal))
        {
            await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(unit), cancellationToken).ConfigureAwait(false);
        }

        var validation = Validate(inputs, await StructureAsync(cancellationToken).ConfigureAwait(false));
        if (!validation.IsValid)
        {
            return Outcome<TargetsSaved>.Invalid(Problems(validation));
        }

        var stored = (await documents.ListAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => OrganizationDocuments.TargetId(t.Value.Kpi, t.Value.Unit, t.Value.Period), t => t.Version, StringComparer.Ordinal);
        // The last of two inputs for the same target wins, as saving them one after another would.
        var targets = validation.Targets.GroupBy(t => OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period), StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var commit = await documents.CommitAsync(
            [.. targets.Select(t => DocumentChange.Put(OrganizationDocuments.Targets, t,
                expectedVersion ?? stored.GetValueOrDefault(OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period))))],
            user, cancellationToken).ConfigureAwait(false);
        if (!commit.Committed)
        {
            return Outcome<TargetsSaved>.MovedMeanwhile();
        }

        var updated = targets.Count(t => stored.ContainsKey(OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period)));
        return Outcome<TargetsSaved>.Ok(new TargetsSaved(targets.Count - updated, updated));
    }

    private async Task<OrgStructure?> StructureAsync(CancellationToken cancellationToken) =>
        (await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false))?.Value;

    private static TargetValidation Validate(IReadOnlyList<TargetInput> inputs, OrgStructure? structure) =>
        KpiTargets.Validate(inputs, structure, KpiCatalog.All.Select(k => k.Id));

    private static List<Problem> Problems(TargetValidation validation) => [.. validation.Problems.Select(p => new Problem(p.Path, p.Code, p.Args))];
}
