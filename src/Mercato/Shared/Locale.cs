using System.Globalization;

namespace Mercato.Shared;

/// <summary>
/// The language and the currency of what runs now (a request, a command): the culture words and numbers follow and the
/// ISO 4217 code money is shown in. Set once per request (<c>RequestLanguage</c>) or per command (<c>CommandRunner</c>).
/// </summary>
public static class Locale
{
    private static readonly AsyncLocal<string?> CurrentCurrency = new();

    /// <summary>The language in effect: <c>zh-CN</c> when the UI culture is Chinese, else <c>en</c>.</summary>
    public static string Language => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? Languages.Chinese : Languages.English;

    /// <summary>The workspace currency in effect (USD unless set).</summary>
    public static string Currency => CurrentCurrency.Value ?? Currencies.Dollar;

    /// <summary>The culture of a language: <c>en</c> or <c>zh-CN</c>.</summary>
    public static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language == Languages.Chinese ? Languages.Chinese : Languages.English);

    /// <summary>Speaks <paramref name="language"/> and shows money in <paramref name="currency"/> from here on, in this flow.</summary>
    public static void Apply(string language, string currency)
    {
        var culture = CultureOf(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        CurrentCurrency.Value = currency;
    }
}
