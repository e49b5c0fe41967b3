using System.Globalization;

namespace Mercato.Shared;

/// <summary>
/// How figures are written for people, the same on the command line and the pages (JSON and CSV keep raw numbers): numbers
/// in the culture of the language in effect (<see cref="Locale"/>), days as ISO dates in every language, money with two
/// decimals in the workspace currency.
/// </summary>
public static class Figures
{
    /// <summary>A day, <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day, or a day and a local hour (<c>yyyy-MM-dd HH:00</c>) for an hourly anomaly.</summary>
    public static string When(DateOnly day, int? hour) =>
        hour is { } h ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + h.ToString("00", CultureInfo.InvariantCulture) + ":00" : Day(day);

    /// <summary>An amount of money with two decimals and thousands separators.</summary>
    public static string Money(decimal value) => value.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>The workspace currency's ISO 4217 code, for a column header ("Spend (CNY)").</summary>
    public static string Currency => Locale.Currency;

    /// <summary>An amount standing alone (a headline figure), with the currency's sign: ¥1,234.50, $1,234.50, €1,234.50, or 1,234.50 CHF.</summary>
    public static string Amount(decimal value)
    {
        var code = Locale.Currency;
        var sign = code switch
        {
            "CNY" => Locale.Language == Languages.Chinese ? "¥" : "CN¥",
            "USD" => Locale.Language == Languages.Chinese ? "US$" : "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "JP¥",
            "HKD" => "HK$",
            _ => null,
        };
        var number = Math.Abs(value).ToString("N2", CultureInfo.CurrentCulture);
        var minus = value < 0 ? CultureInfo.CurrentCulture.NumberFormat.NegativeSign : "";
        return sign is null ? minus + number + "\u00A0" + code : minus + sign + number;
    }

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A metric's value: up to four decimals below 1 (a rate), else up to two (a price or a volume).</summary>
    public static string Number(double value) =>
        Math.Abs(value) < 1 ? value.ToString("0.####", CultureInfo.CurrentCulture) : value.ToString("#,0.##", CultureInfo.CurrentCulture);

    /// <summary>A share as a percentage with <paramref name="decimals"/> decimals (0.1234 → 12.3%); empty for null.</summary>
    public static string Percent(double? share, int decimals = 1) =>
        share is { } s ? (s * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture) + "%" : "";

    /// <summary>A cost per unit (per engagement, per touch): money with two decimals, or up to six decimals below 0.01; empty for null.</summary>
    public static string Unit(decimal? value) =>
        value is not { } v ? "" : Math.Abs(v) >= 0.01m || v == 0 ? Money(v) : v.ToString("0.######", CultureInfo.CurrentCulture);
}
