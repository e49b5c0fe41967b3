using System.Text.Json.Serialization;

namespace Mercato.Core.Kpis;

/// <summary>One named number a KPI value is computed from, so that a reader can check it.</summary>
public sealed record KpiInput(string Name, decimal Value);

/// <summary>
/// A KPI's value for a period. <see cref="Value"/> is null when the data to compute it is absent, and then
/// <see cref="Reason"/> says what is missing (a <see cref="KpiCodes"/> code with its arguments). For a quotient the first
/// input is the numerator and the second the denominator.
/// </summary>
public sealed record KpiResult(string Id, decimal? Value, IReadOnlyList<KpiInput> Inputs, Message? Reason)
{
    /// <summary>The KPI's definition.</summary>
    [JsonIgnore]
    public KpiDefinition Definition => KpiCatalog.Find(Id) ?? throw new InvalidOperationException("not a catalog KPI: " + Id);
}

/// <summary>Every KPI of the catalog for one period, in catalog order.</summary>
/// <param name="Period">The local days.</param>
/// <param name="TimeZone">The workspace time zone they are local to.</param>
/// <param name="Kpis">One result per catalog KPI.</param>
public sealed record KpiReport(KpiPeriod Period, string TimeZone, IReadOnlyList<KpiResult> Kpis)
{
    /// <summary>The result of one KPI.</summary>
    /// <exception cref="KeyNotFoundException">The id is not in the catalog.</exception>
    public KpiResult this[string id] =>
        Kpis.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal)) ?? throw new KeyNotFoundException("no KPI " + id);
}
