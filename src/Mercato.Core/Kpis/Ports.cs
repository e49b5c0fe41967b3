namespace Mercato.Core.Kpis;

/// <summary>
/// What the store sums for the KPIs: per period of local days in the workspace time zone, the inputs of
/// <see cref="KpiCalculator"/>. All periods of one call come from one state of the data.
/// </summary>
public interface IKpiReader
{
    /// <summary>The figures of each of <paramref name="periods"/>, in their order.</summary>
    Task<IReadOnlyList<KpiFigures>> FiguresAsync(IReadOnlyList<KpiPeriod> periods, TimeZoneInfo zone, CancellationToken cancellationToken);
}
