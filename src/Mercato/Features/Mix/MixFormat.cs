using System.Globalization;

namespace Mercato.Features.Mix;

/// <summary>
/// The mix model's figures as the page and the CLI print them, in the culture of the language in effect. A value that rounds to zero prints as 0, never
/// "-0": a sum of centred controls or a contribution of −0.3 is nothing, not a negative figure.
/// </summary>
internal static class MixFormat
{
    /// <summary>Thousands grouped, <paramref name="decimals"/> decimals: 12,345.</summary>
    public static string Number(double value, int decimals = 0) =>
        Rounded(value, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>No grouping, <paramref name="decimals"/> decimals: 0.01.</summary>
    public static string Fixed(double value, int decimals = 2) =>
        Rounded(value, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>Rounded as the format rounds (half away from zero), with the sign of a zero dropped.</summary>
    private static double Rounded(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }
}
