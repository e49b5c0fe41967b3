using System.Globalization;

namespace Mercato.Shared;

/// <summary>How figures are written for people, the same on the command line and the pages (JSON keeps raw numbers).</summary>
public static class Figures
{
    /// <summary>A day, <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day, or a day and a local hour (<c>yyyy-MM-dd HH:00</c>) for an hourly anomaly.</summary>
    public static string When(DateOnly day, int? hour) =>
        hour is { } h ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + h.ToString("00", CultureInfo.InvariantCulture) + ":00" : Day(day);

    /// <summary>An amount of money with two decimals and thousands separators.</summary>
    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A metric's value: up to four decimals below 1 (a rate), else up to two (a price or a volume).</summary>
    public static string Number(double value) =>
        Math.Abs(value) < 1 ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with <paramref name="decimals"/> decimals (0.1234 → 12.3%); empty for null.</summary>
    public static string Percent(double? share, int decimals = 1) =>
        share is { } s ? (s * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%" : "";

    /// <summary>A cost per unit (per engagement, per touch): money with two decimals, or up to six decimals below 0.01; empty for null.</summary>
    public static string Unit(decimal? value) =>
        value is not { } v ? "" : Math.Abs(v) >= 0.01m || v == 0 ? Money(v) : v.ToString("0.######", CultureInfo.InvariantCulture);
}
