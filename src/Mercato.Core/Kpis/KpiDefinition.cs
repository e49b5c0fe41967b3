using System.Text.Json.Serialization;

namespace Mercato.Core.Kpis;

/// <summary>What a KPI's value measures; written <c>count</c>, <c>ratio</c>, <c>minutes</c>, <c>hours</c>, <c>money</c>, <c>per_user</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiUnit>))]
public enum KpiUnit
{
    /// <summary>A number of things (users, events, orders); means of counts (daily active users) are counts too.</summary>
    [JsonStringEnumMemberName("count")]
    Count,

    /// <summary>A share or a quotient of two like quantities, 0.25 meaning 25%.</summary>
    [JsonStringEnumMemberName("ratio")]
    Ratio,

    /// <summary>A duration in minutes.</summary>
    [JsonStringEnumMemberName("minutes")]
    Minutes,

    /// <summary>An amount of money in the workspace currency.</summary>
    [JsonStringEnumMemberName("money")]
    Money,

    /// <summary>A number of things per active user.</summary>
    [JsonStringEnumMemberName("per_user")]
    PerUser,

    /// <summary>A duration in hours.</summary>
    [JsonStringEnumMemberName("hours")]
    Hours,
}

/// <summary>Which way a KPI should move; written <c>higher</c> or <c>lower</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiDirection>))]
public enum KpiDirection
{
    /// <summary>More is better (users, retention, GMV).</summary>
    [JsonStringEnumMemberName("higher")]
    HigherIsBetter,

    /// <summary>Less is better (cost per acquisition).</summary>
    [JsonStringEnumMemberName("lower")]
    LowerIsBetter,
}

/// <summary>Who computes a KPI's value; written <c>store</c> or <c>measurement</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiSource>))]
public enum KpiSource
{
    /// <summary>The KPI engine, from the fact store, for any period.</summary>
    [JsonStringEnumMemberName("store")]
    Store,

    /// <summary>The measurement reports (attribution-based ROI); the KPI engine leaves the value empty for the host to fill.</summary>
    [JsonStringEnumMemberName("measurement")]
    Measurement,
}

/// <summary>A KPI of the catalog.</summary>
/// <param name="Id">Stable snake_case id, e.g. <c>retention_d7</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Unit">What the value measures.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="FunctionId">The function (DOMAIN.md §2 and §3) the KPI belongs to, e.g. <c>user_operations</c>.</param>
/// <param name="Formula">The formula as implemented, in one plain sentence (docs/kpis.md holds the same text).</param>
/// <param name="SourceKinds">The data kinds the value is computed from.</param>
/// <param name="Source">Whether the KPI engine computes it or the measurement reports do.</param>
public sealed record KpiDefinition(
    string Id,
    string Name,
    KpiUnit Unit,
    KpiDirection Direction,
    string FunctionId,
    string Formula,
    IReadOnlyList<string> SourceKinds,
    KpiSource Source = KpiSource.Store)
{
    /// <summary>Whether <paramref name="id"/> is snake_case: lower-case letters and digits in words joined by single '_'.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || id[0] is < 'a' or > 'z' || id[^1] == '_')
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (c == '_' ? id[i - 1] == '_' : c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The words the KPI enumerations are written as in files, JSON and URLs.</summary>
public static class KpiWords
{
    /// <summary><c>count</c>, <c>ratio</c>, <c>minutes</c>, <c>hours</c>, <c>money</c> or <c>per_user</c>.</summary>
    public static string Word(this KpiUnit unit) => unit switch
    {
        KpiUnit.Count => "count",
        KpiUnit.Ratio => "ratio",
        KpiUnit.Minutes => "minutes",
        KpiUnit.Hours => "hours",
        KpiUnit.Money => "money",
        KpiUnit.PerUser => "per_user",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary><c>higher</c> or <c>lower</c> (is better).</summary>
    public static string Word(this KpiDirection direction) => direction == KpiDirection.LowerIsBetter ? "lower" : "higher";

    /// <summary><c>store</c> or <c>measurement</c>.</summary>
    public static string Word(this KpiSource source) => source == KpiSource.Measurement ? "measurement" : "store";
}
