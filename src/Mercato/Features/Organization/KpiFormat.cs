using System.Globalization;
using Mercato.Core.Organization;

namespace Mercato.Features.Organization;

/// <summary>How KPI values, targets and statuses are written for people (tables and pages; JSON keeps raw numbers).</summary>
public static class KpiFormat
{
    /// <summary>A value in its measure: counts whole, ratios as percentages, money with two decimals.</summary>
    public static string Value(string measure, double? value) => value is not { } v
        ? "-"
        : measure switch
        {
            "count" => v.ToString("N0", CultureInfo.InvariantCulture),
            "ratio" => v.ToString("P1", CultureInfo.InvariantCulture),
            "minutes" => v.ToString("N1", CultureInfo.InvariantCulture) + " min",
            "hours" => v.ToString("N1", CultureInfo.InvariantCulture) + " h",
            _ => v.ToString("N2", CultureInfo.InvariantCulture),
        };

    public static string Value(string measure, decimal? value) => Value(measure, (double?)value);

    /// <summary>Attainment as a percentage of target.</summary>
    public static string Attainment(double? attainment) =>
        attainment is { } a ? a.ToString("P0", CultureInfo.InvariantCulture) : "-";

    /// <summary>The status in words.</summary>
    public static string Status(KpiStatus status) => status switch
    {
        KpiStatus.OnTrack => "on track",
        KpiStatus.AtRisk => "at risk",
        KpiStatus.OffTrack => "off track",
        KpiStatus.NoData => "no data",
        _ => "no target",
    };

    /// <summary>The trend in words.</summary>
    public static string Trend(Trend trend) => trend.Direction switch
    {
        TrendDirection.Improving => "improving",
        TrendDirection.Worsening => "worsening",
        TrendDirection.Flat => "flat",
        _ => "-",
    };
}
