using Dapper;
using Mercato.Core.Organization;
using Mercato.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Organization;

/// <summary>The workspace's structure and when it was saved.</summary>
/// <param name="Structure">The structure (valid: only valid structures are saved).</param>
/// <param name="SavedAt">When it was saved, ISO 8601 UTC.</param>
public sealed record SavedStructure(OrgStructure Structure, string SavedAt);

/// <summary>The outcome of saving a structure.</summary>
/// <param name="Saved">Whether it was saved; false when it has problems (then nothing changed).</param>
/// <param name="Problems">The validation problems, with paths.</param>
/// <param name="TargetsRemoved">Targets of units the new structure no longer has, removed in the same transaction.</param>
public sealed record OrgSaveResult(bool Saved, IReadOnlyList<OrgProblem> Problems, int TargetsRemoved);

/// <summary>The outcome of setting targets: all of them, or none with every problem.</summary>
/// <param name="Added">Targets that were new.</param>
/// <param name="Updated">Targets whose value was replaced.</param>
/// <param name="Problems">The validation problems, with paths (<c>targets[2].period</c>); empty when saved.</param>
public sealed record TargetSaveResult(int Added, int Updated, IReadOnlyList<OrgProblem> Problems)
{
    /// <summary>Whether the targets were saved.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The workspace's organization in the store: one structure, kept as the JSON document of docs/organization.md, and the KPI
/// targets of its units. Every write is one transaction. Saving a structure does not change
/// <see cref="MercatoStore.DataVersion()"/>: that token keys caches of fact aggregates, which do not depend on who owns what.
/// </summary>
public sealed class OrgStore(MercatoStore store)
{
    /// <summary>The saved structure, or null when the workspace has none yet.</summary>
    /// <exception cref="InvalidDataException">The stored document no longer reads as a valid structure.</exception>
    public SavedStructure? Load()
    {
        using var connection = store.OpenConnection();
        return Load(connection, null);
    }

    /// <summary>The saved structure alone, or null.</summary>
    public OrgStructure? Structure() => Load()?.Structure;

    /// <summary>
    /// Replaces the workspace's structure with <paramref name="structure"/> when it is valid; targets of units it no longer
    /// has are removed in the same transaction (their count is returned). An invalid structure changes nothing.
    /// </summary>
    public OrgSaveResult Save(OrgStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var problems = structure.Validate();
        if (problems.Count > 0)
        {
            return new OrgSaveResult(false, problems, 0);
        }

        var document = OrgSerializer.ToJson(structure);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO org_structure (id, name, document, saved_at) VALUES (1, @name, @document, @now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, document = excluded.document, saved_at = excluded.saved_at
            """,
            new { name = structure.Name, document, now = store.Now() },
            tx);
        var units = structure.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = connection.Query<string>("SELECT DISTINCT unit_id FROM kpi_targets", transaction: tx).Where(u => !units.Contains(u)).ToList();
        var removed = orphans.Sum(unit => connection.Execute("DELETE FROM kpi_targets WHERE unit_id = @unit", new { unit }, tx));
        tx.Commit();
        return new OrgSaveResult(true, [], removed);
    }

    /// <summary>Removes the structure and every target (targets belong to its units); false when there was no structure.</summary>
    public bool Delete()
    {
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        var deleted = connection.Execute("DELETE FROM org_structure", transaction: tx);
        connection.Execute("DELETE FROM kpi_targets", transaction: tx);
        tx.Commit();
        return deleted > 0;
    }

    /// <summary>Targets, optionally of one unit, one period or one KPI, ordered by unit, KPI and period text.</summary>
    public IReadOnlyList<KpiTarget> Targets(string? unit = null, Period? period = null, string? kpi = null)
    {
        using var connection = store.OpenConnection();
        return [.. connection.Query<(string Kpi, string Unit, string Period, double Value)>(
                """
                SELECT kpi_id, unit_id, period, value FROM kpi_targets
                WHERE (@unit IS NULL OR unit_id = @unit) AND (@period IS NULL OR period = @period) AND (@kpi IS NULL OR kpi_id = @kpi)
                ORDER BY unit_id, kpi_id, period
                """,
                new { unit, period = period?.ToString(), kpi })
            .Select(r => new KpiTarget(r.Kpi, r.Unit, Period.Parse(r.Period), r.Value))];
    }

    /// <summary>The target of one KPI, unit and period, or null.</summary>
    public KpiTarget? Target(string kpi, string unit, Period period) => Targets(unit, period, kpi).SingleOrDefault();

    /// <summary>
    /// Adds or replaces targets (keyed by KPI, unit and period) after validating every one against the saved structure
    /// (<see cref="KpiTargets.Validate"/>): all are saved, or none and every problem is returned.
    /// </summary>
    /// <param name="inputs">The targets as given.</param>
    /// <param name="knownKpis">The KPI ids that may have targets; by default the structure's KPIs and <see cref="OrgCatalog.KpiIds"/>.</param>
    public TargetSaveResult SetTargets(IReadOnlyList<TargetInput> inputs, IEnumerable<string>? knownKpis = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        var validation = KpiTargets.Validate(inputs, Load(connection, tx)?.Structure, knownKpis);
        if (!validation.IsValid)
        {
            return new TargetSaveResult(0, 0, validation.Problems);
        }

        var now = store.Now();
        int added = 0, updated = 0;
        foreach (var t in validation.Targets)
        {
            var args = new { kpi = t.Kpi, unit = t.Unit, period = t.Period.ToString(), value = t.Value, now };
            var exists = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM kpi_targets WHERE kpi_id = @kpi AND unit_id = @unit AND period = @period", args, tx) > 0;
            connection.Execute(
                """
                INSERT INTO kpi_targets (kpi_id, unit_id, period, value, updated_at) VALUES (@kpi, @unit, @period, @value, @now)
                ON CONFLICT (kpi_id, unit_id, period) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
                args,
                tx);
            if (exists)
            {
                updated++;
            }
            else
            {
                added++;
            }
        }

        tx.Commit();
        return new TargetSaveResult(added, updated, []);
    }

    /// <summary>Removes one target; false when there was none.</summary>
    public bool DeleteTarget(string kpi, string unit, Period period)
    {
        using var connection = store.OpenConnection();
        return connection.Execute(
            "DELETE FROM kpi_targets WHERE kpi_id = @kpi AND unit_id = @unit AND period = @period",
            new { kpi, unit, period = period.ToString() }) > 0;
    }

    private static SavedStructure? Load(SqliteConnection connection, SqliteTransaction? tx)
    {
        var rows = connection.Query<(string Document, string SavedAt)>(
            "SELECT document, saved_at FROM org_structure WHERE id = 1", transaction: tx).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var r = rows[0];
        var read = OrgSerializer.FromJson(r.Document);
        return read.Structure is { } structure
            ? new SavedStructure(structure, r.SavedAt)
            : throw new InvalidDataException("the stored organization structure does not read back: " + string.Join("; ", read.Problems));
    }
}
