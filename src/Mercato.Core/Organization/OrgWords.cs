using System.Text.Json.Serialization;

namespace Mercato.Core.Organization;

/// <summary>What kind of unit an <see cref="OrgUnit"/> is; written <c>company</c>, <c>center</c>, <c>department</c>, <c>team</c> or <c>module</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitKind>))]
public enum UnitKind
{
    /// <summary>The whole company, usually the root.</summary>
    [JsonStringEnumMemberName("company")]
    Company,

    /// <summary>A grouping of departments (a marketing center, a channel management center).</summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary>A department.</summary>
    [JsonStringEnumMemberName("department")]
    Department,

    /// <summary>A team inside a department.</summary>
    [JsonStringEnumMemberName("team")]
    Team,

    /// <summary>A module of a department (the operations modules of DOMAIN.md §3, where a company calls them so).</summary>
    [JsonStringEnumMemberName("module")]
    Module,
}

/// <summary>The area a function belongs to (DOMAIN.md §1's value model); written in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FunctionArea>))]
public enum FunctionArea
{
    /// <summary>Intangible value: awareness, brand tonality, mindshare.</summary>
    [JsonStringEnumMemberName("marketing")]
    Marketing,

    /// <summary>Short-term user value that lands in product numbers: acquisition, retention, activity, conversion.</summary>
    [JsonStringEnumMemberName("operations")]
    Operations,

    /// <summary>The exchange of value: transactions, business development.</summary>
    [JsonStringEnumMemberName("sales")]
    Sales,

    /// <summary>Tangible value: the product itself.</summary>
    [JsonStringEnumMemberName("product")]
    Product,

    /// <summary>The data center of DOMAIN.md §6: platform, measurement, monitoring.</summary>
    [JsonStringEnumMemberName("data")]
    Data,
}

/// <summary>A unit's role for a function (RACI); written in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RaciRole>))]
public enum RaciRole
{
    /// <summary>Does the work.</summary>
    [JsonStringEnumMemberName("responsible")]
    Responsible,

    /// <summary>Answers for the result; at most one unit per function.</summary>
    [JsonStringEnumMemberName("accountable")]
    Accountable,

    /// <summary>Asked before decisions.</summary>
    [JsonStringEnumMemberName("consulted")]
    Consulted,

    /// <summary>Told after decisions.</summary>
    [JsonStringEnumMemberName("informed")]
    Informed,
}

/// <summary>The words of the organization's enumerations, as written in files, JSON and reports.</summary>
public static class OrgWords
{
    private static readonly string[] KindWords = ["company", "center", "department", "team", "module"];
    private static readonly string[] AreaWords = ["marketing", "operations", "sales", "product", "data"];
    private static readonly string[] RoleWords = ["responsible", "accountable", "consulted", "informed"];

    /// <summary><c>company</c>, <c>center</c>, <c>department</c>, <c>team</c> or <c>module</c>.</summary>
    public static string Word(this UnitKind kind) => KindWords[(int)kind];

    /// <summary><c>marketing</c>, <c>operations</c>, <c>sales</c>, <c>product</c> or <c>data</c>.</summary>
    public static string Word(this FunctionArea area) => AreaWords[(int)area];

    /// <summary><c>responsible</c>, <c>accountable</c>, <c>consulted</c> or <c>informed</c>.</summary>
    public static string Word(this RaciRole role) => RoleWords[(int)role];

    /// <summary>Parses a unit kind word (exact, lower case).</summary>
    public static bool TryParseKind(string? text, out UnitKind kind) => TryParse(text, KindWords, out kind);

    /// <summary>Parses an area word (exact, lower case).</summary>
    public static bool TryParseArea(string? text, out FunctionArea area) => TryParse(text, AreaWords, out area);

    /// <summary>Parses a RACI role word (exact, lower case).</summary>
    public static bool TryParseRole(string? text, out RaciRole role) => TryParse(text, RoleWords, out role);

    /// <summary>The kind words, in order: the expected values of a unit's kind.</summary>
    internal static IReadOnlyList<string> KindWordList => KindWords;

    /// <summary>The area words, in order.</summary>
    internal static IReadOnlyList<string> AreaWordList => AreaWords;

    /// <summary>The RACI role words, in order.</summary>
    internal static IReadOnlyList<string> RoleWordList => RoleWords;

    private static bool TryParse<T>(string? text, string[] words, out T value)
        where T : struct, Enum
    {
        var index = text is null ? -1 : Array.IndexOf(words, text);
        value = index < 0 ? default : (T)(object)index;
        return index >= 0;
    }
}
