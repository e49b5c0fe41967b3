using Mercato.Core.Kpis;
using Mercato.Core.Organization;

namespace Mercato.Features.Targets;

/// <summary>What setting targets did.</summary>
/// <param name="Added">Targets that were new.</param>
/// <param name="Updated">Targets whose value was replaced.</param>
public sealed record TargetsSaved(int Added, int Updated);

/// <summary>
/// KPI targets per unit and month or quarter, for every front door: validated all together against the workspace's
/// structure and the KPI catalog (<see cref="KpiTargets.Validate"/>), saved all or none.
/// </summary>
public sealed class TargetUseCases(IDocumentStore documents, ICurrentUser user)
{
    /// <summary>Targets, optionally of one unit, period or KPI, by unit, KPI and period.</summary>
    public async Task<IReadOnlyList<KpiTarget>> ListAsync(string? unit, Period? period, string? kpi, CancellationToken cancellationToken) =>
        [.. (await documents.ValuesAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false))
            .Where(t => (unit is null || t.Unit == unit) && (period is null || t.Period == period) && (kpi is null || t.Kpi == kpi))
            .OrderBy(t => t.Unit, StringComparer.Ordinal).ThenBy(t => t.Kpi, StringComparer.Ordinal).ThenBy(t => t.Period.ToString(), StringComparer.Ordinal)];

    /// <summary>
    /// Adds or replaces targets (keyed by KPI, unit and period): all of them, or none and every problem (paths
    /// <c>targets[i].field</c>). A target may be set for a KPI of the structure or of the catalog, for a unit of the structure.
    /// </summary>
    public async Task<Outcome<TargetsSaved>> SetAsync(IReadOnlyList<TargetInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var structure = (await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false))?.Value;
        var validation = KpiTargets.Validate(inputs, structure, KpiCatalog.All.Select(k => k.Id));
        if (!validation.IsValid)
        {
            return Outcome<TargetsSaved>.Invalid([.. validation.Problems.Select(p => new Problem(p.Path, p.Code, p.Args))]);
        }

        var stored = (await documents.ListAsync(OrganizationDocuments.Targets, cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => OrganizationDocuments.TargetId(t.Value.Kpi, t.Value.Unit, t.Value.Period), t => t.Version, StringComparer.Ordinal);
        // The last of two inputs for the same target wins, as saving them one after another would.
        var targets = validation.Targets.GroupBy(t => OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period), StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var commit = await documents.CommitAsync(
            [.. targets.Select(t => DocumentChange.Put(OrganizationDocuments.Targets, t, stored.GetValueOrDefault(OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period))))],
            user.Name, cancellationToken).ConfigureAwait(false);
        if (!commit.Committed)
        {
            return Outcome<TargetsSaved>.MovedMeanwhile();
        }

        var updated = targets.Count(t => stored.ContainsKey(OrganizationDocuments.TargetId(t.Kpi, t.Unit, t.Period)));
        return Outcome<TargetsSaved>.Ok(new TargetsSaved(targets.Count - updated, updated));
    }

    /// <summary>Removes one target; not found when there is none.</summary>
    public async Task<Outcome> DeleteAsync(string kpi, string unit, Period period, CancellationToken cancellationToken)
    {
        var id = OrganizationDocuments.TargetId(kpi, unit, period);
        if (await documents.GetAsync(OrganizationDocuments.Targets, id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return Outcome.NotFound(ApiCodes.TargetNotFound, MessageArgs.Of(("kpi", kpi), ("unit", unit), ("period", period.ToString())));
        }

        var commit = await documents.CommitAsync([DocumentChange.Delete(OrganizationDocuments.Targets, id, stored.Version)], user.Name, cancellationToken)
            .ConfigureAwait(false);
        return commit.Committed ? Outcome.Ok() : Outcome.MovedMeanwhile();
    }
}
