using Mercato.Core.Campaigns;

namespace Mercato.Core.Organization;

/// <summary>A target for one KPI, one unit and one period.</summary>
/// <param name="Kpi">The KPI's id.</param>
/// <param name="Unit">The unit's id.</param>
/// <param name="Period">A month or a quarter.</param>
/// <param name="Value">The target value, finite and not negative, in the KPI's own unit (a rate as a fraction, money in the workspace currency).</param>
public sealed record KpiTarget(string Kpi, string Unit, Period Period, double Value);

/// <summary>A target as a person or a file gives it, before validation.</summary>
/// <param name="Kpi">The KPI's id.</param>
/// <param name="Unit">The unit's id.</param>
/// <param name="Period"><c>YYYY-MM</c> or <c>YYYY-Qn</c>.</param>
/// <param name="Value">The target value.</param>
public sealed record TargetInput(string? Kpi, string? Unit, string? Period, double Value);

/// <summary>The targets that passed validation, or the problems; never both (nothing partial).</summary>
/// <param name="Targets">The validated targets, in input order; empty when there are problems.</param>
/// <param name="Problems">Each problem with its path (<c>targets[2].period</c>).</param>
public sealed record TargetValidation(IReadOnlyList<KpiTarget> Targets, IReadOnlyList<OrgProblem> Problems)
{
    /// <summary>Whether every target is valid.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Validation of targets against a structure.</summary>
public static class KpiTargets
{
    /// <summary>
    /// Validates <paramref name="inputs"/>: the KPI must be known (<paramref name="knownKpis"/>, by default the structure's
    /// KPI assignments and <see cref="OrgCatalog.KpiIds"/>), the unit must be a unit of <paramref name="structure"/>, the
    /// period a month or a quarter, the value finite and not negative, and each KPI, unit and period given once.
    /// Without a structure no target is valid: targets belong to units.
    /// </summary>
    public static TargetValidation Validate(IReadOnlyList<TargetInput> inputs, OrgStructure? structure, IEnumerable<string>? knownKpis = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = new List<OrgProblem>();
        if (structure is null)
        {
            problems.Add(new("targets", OrgCodes.NoStructure));
            return new TargetValidation([], problems);
        }

        var kpis = (knownKpis ?? structure.Kpis.Select(k => k.Kpi).Concat(OrgCatalog.KpiIds)).ToHashSet(StringComparer.Ordinal);
        var units = structure.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string, Period), int>();
        var targets = new List<KpiTarget>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var t = inputs[i];
            var path = OrgValidation.P("targets", i);
            if (t is null)
            {
                problems.Add(new(path, CommonCodes.NullItem));
                continue;
            }

            var before = problems.Count;
            if (string.IsNullOrEmpty(t.Kpi))
            {
                problems.Add(new(path + ".kpi", CommonCodes.Required));
            }
            else if (!kpis.Contains(t.Kpi))
            {
                problems.Add(OrgProblem.Of(path + ".kpi", CampaignCodes.UnknownKpi, ("kpi", t.Kpi)));
            }

            if (string.IsNullOrEmpty(t.Unit))
            {
                problems.Add(new(path + ".unit", CommonCodes.Required));
            }
            else if (!units.Contains(t.Unit))
            {
                problems.Add(OrgProblem.Of(path + ".unit", OrgCodes.UnknownUnitIn, ("unit", t.Unit), ("structure", structure.Name)));
            }

            if (!Period.TryParse(t.Period, out var period))
            {
                problems.Add(OrgProblem.Of(path + ".period", OrgCodes.NotAPeriod, ("value", t.Period)));
            }

            if (!double.IsFinite(t.Value))
            {
                problems.Add(new(path + ".value", CommonCodes.NotFinite));
            }
            else if (t.Value < 0)
            {
                problems.Add(new(path + ".value", CommonCodes.Negative));
            }

            if (problems.Count > before)
            {
                continue;
            }

            if (!seen.TryAdd((t.Kpi!, t.Unit!, period), i))
            {
                problems.Add(OrgProblem.Of(path, OrgCodes.TargetTwice, ("other", OrgValidation.P("targets", seen[(t.Kpi!, t.Unit!, period)]))));
                continue;
            }

            targets.Add(new KpiTarget(t.Kpi!, t.Unit!, period, t.Value));
        }

        return problems.Count > 0 ? new TargetValidation([], problems) : new TargetValidation(targets, []);
    }

    /// <summary>
    /// The targets that belong to no unit of <paramref name="structure"/>: saving a structure removes them with it, since a
    /// target is a unit's.
    /// </summary>
    public static IReadOnlyList<KpiTarget> Orphans(IEnumerable<KpiTarget> targets, OrgStructure structure)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(structure);
        var units = structure.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        return [.. targets.Where(t => !units.Contains(t.Unit))];
    }
}
