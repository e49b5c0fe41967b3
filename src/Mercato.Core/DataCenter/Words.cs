namespace Mercato.Core.DataCenter;

/// <summary>The contract's words for enumerations, as stored and exchanged.</summary>
public static class Words
{
    /// <summary><c>impression</c>, <c>click</c>, <c>visit</c>, <c>referral</c> or <c>other</c>.</summary>
    public static string Word(this TouchpointType type) => TouchpointWords[(int)type];

    private static readonly string[] TouchpointWords = ["other", "impression", "click", "visit", "referral"];

    /// <summary><c>agency</c>, <c>staff</c>, <c>tools</c>, <c>kol_fee</c>, <c>livestream_commission</c>, <c>event</c> or <c>other</c>.</summary>
    public static string Word(this CostCategory category) => CostsKind.Word(category);

    /// <summary><c>fixed</c> or <c>variable</c>.</summary>
    public static string Word(this CostKind kind) => kind == CostKind.Fixed ? "fixed" : "variable";
}
