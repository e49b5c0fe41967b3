using System.Collections.Frozen;

namespace Mercato.Core.Common;

/// <summary>
/// The languages Mercato speaks: English (<c>en</c>, the neutral catalogue) and Simplified Chinese (<c>zh-CN</c>). Words
/// shown to people follow the language; data files, JSON field names and codes never do.
/// </summary>
public static class Languages
{
    /// <summary>English: the neutral language, used when nothing else is asked for.</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>Every language, the neutral one first.</summary>
    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    /// <summary>
    /// The language a tag asks for (a BCP 47 tag, any case, <c>_</c> or <c>-</c>): <c>en</c>, <c>en-US</c>, <c>en-GB</c>
    /// ... are English; <c>zh</c>, <c>zh-CN</c>, <c>zh-Hans</c>, <c>zh-SG</c> are Simplified Chinese. Traditional
    /// Chinese (<c>zh-TW</c>, <c>zh-HK</c>, <c>zh-Hant</c>) and every other language are not spoken: false.
    /// </summary>
    public static bool TryNormalize(string? tag, out string language)
    {
        language = English;
        var parts = (tag ?? "").Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        var primary = parts[0].ToLowerInvariant();
        if (primary == "en")
        {
            return true;
        }

        if (primary != "zh")
        {
            return false;
        }

        var rest = parts.Skip(1).Select(p => p.ToUpperInvariant()).ToArray();
        if (rest.Any(p => p is "TW" or "HK" or "MO" or "HANT"))
        {
            return false;
        }

        language = Chinese;
        return true;
    }
}

/// <summary>The currencies of ISO 4217 that money can be shown in (active codes; funds and metals excluded).</summary>
public static class Currencies
{
    /// <summary>The default of a workspace whose language is Chinese.</summary>
    public const string Yuan = "CNY";

    /// <summary>The default of every other workspace.</summary>
    public const string Dollar = "USD";

    private static readonly FrozenSet<string> Codes = FrozenSet.Create(StringComparer.Ordinal,
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD",
        "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE",
        "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF",
        "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
        "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
        "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR",
        "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK",
        "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
        "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER",
        "ZAR", "ZMW", "ZWG");

    /// <summary>Every code, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Codes.Order(StringComparer.Ordinal)];

    /// <summary>The code in upper case when it is an ISO 4217 currency; false for anything else (<c>RMB</c>, <c>US$</c>, <c>XAU</c>).</summary>
    public static bool TryNormalize(string? code, out string currency)
    {
        currency = (code ?? "").Trim().ToUpperInvariant();
        return Codes.Contains(currency);
    }
}
