using System.Globalization;
using Mercato.Core.Organization;

namespace Mercato.Features.Organization;

/// <summary>
/// How KPI values, targets and statuses are written for people (tables and pages; JSON keeps raw numbers): numbers in the
/// culture of the language in effect, the words from the catalogues.
/// </summary>
public static class KpiFormat
{
    /// <summary>A value in its measure: counts whole, ratios as percentages, money with two decimals.</summary>
    public static string Value(string measure, double? value) => value is not { } v
        ? "-"
        : measure switch
        {
            "count" => v.ToString("N0", CultureInfo.CurrentCulture),
            "ratio" => Percent(v, 1),
            "minutes" => Words.W("organization.format.minutes", ("value", v.ToString("N1", CultureInfo.CurrentCulture))),
            "hours" => Words.W("organization.format.hours", ("value", v.ToString("N1", CultureInfo.CurrentCulture))),
            _ => v.ToString("N2", CultureInfo.CurrentCulture),
        };

    public static string Value(string measure, decimal? value) => Value(measure, (double?)value);

    /// <summary>Attainment as a percentage of target.</summary>
    public static string Attainment(double? attainment) => attainment is { } a ? Percent(a, 0) : "-";

    /// <summary>A share as a percentage with <paramref name="decimals"/> decimals, as the catalogue writes one ("12.3 %", "12.3%").</summary>
    /// <remarks>The number is .NET's percent format ("P", which rounds the share's own digits) without its sign, so
    /// 0.4275 reads 42.7 as it always did; the catalogue places the sign.</remarks>
    public static string Percent(double share, int decimals)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.PercentSymbol = "";
        format.PercentPositivePattern = 1;
        format.PercentNegativePattern = 1;
        return Words.W("organization.format.percent", ("value", share.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), format)));
    }

    /// <summary>The status in words.</summary>
    public static string Status(KpiStatus status) => OrgText.Term("kpi_status", EnumWords.Word(status), status switch
    {
        KpiStatus.OnTrack => "on track",
        KpiStatus.AtRisk => "at risk",
        KpiStatus.OffTrack => "off track",
        KpiStatus.NoData => "no data",
        _ => "no target",
    });

    /// <summary>The trend in words.</summary>
    public static string Trend(Trend trend) => trend.Direction is TrendDirection.Unknown
        ? "-"
        : OrgText.Term("trend_direction", EnumWords.Word(trend.Direction), EnumWords.Word(trend.Direction));

    /// <summary>Which way is better, in words.</summary>
    public static string Better(Direction direction) => OrgText.Term("direction", EnumWords.Word(direction), EnumWords.Word(direction));
}
