using Mercato.Core.AdMonitoring;
using Mercato.Core.Anomalies;

namespace Mercato.Features.Ads;

/// <summary>
/// Ad monitoring's words for its enumerations and rule codes as people read them, in the language in effect (this folder's
/// <c>Words.resx</c>: <c>ads.pacing_status.on_pace</c>, <c>ads.metric.cpc</c>, ...). Files, JSON and data attributes keep
/// <see cref="EnumWords"/> and the codes.
/// </summary>
internal static class AdWords
{
    /// <summary>The word of <paramref name="value"/> of one of the feature's enumerations.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Words.W(Kind<T>() + "." + EnumWords.Word(value));

    /// <summary>The words of an invalid-traffic rule code (<c>click_injection</c>), or the code itself when the catalogue lacks it.</summary>
    public static string Rule(string code)
    {
        var key = "ads.rule." + code;
        return Words.Template(key) is null ? code : Words.W(key);
    }

    /// <summary>The words of a level of the invalid-traffic table (<c>channel</c>, <c>campaign</c>, <c>placement</c>).</summary>
    public static string Level(string level)
    {
        var key = "ads.level." + level;
        return Words.Template(key) is null ? level : Words.W(key);
    }

    /// <summary>A delivery scope (<c>channel:baidu_sem</c>, <c>campaign:bp-launch</c>) for a page: its kind in words, its name as data.</summary>
    public static Microsoft.AspNetCore.Components.MarkupString Scope(string scope)
    {
        var (kind, name) = Split(scope);
        return Words.WM("ads.scope." + kind, ("name", name));
    }

    /// <summary>A delivery scope as plain text, for the command line.</summary>
    public static string ScopeText(string scope)
    {
        var (kind, name) = Split(scope);
        return Words.W("ads.scope." + kind, ("name", name));
    }

    private static (string Kind, string Name) Split(string scope)
    {
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && scope[..colon] is "channel" or "campaign" ? (scope[..colon], scope[(colon + 1)..]) : ("other", scope);
    }

    private static string Kind<T>()
        where T : struct, Enum => typeof(T).Name switch
        {
            nameof(PacingStatus) => "ads.pacing_status",
            nameof(DeliveryMetric) => "ads.metric",
            nameof(BuyingModel) => "ads.buying_model",
            nameof(AnomalyDirection) => "anomalies.direction",
            var other => throw new ArgumentOutOfRangeException(nameof(T), other, "no words for this enumeration"),
        };
}
