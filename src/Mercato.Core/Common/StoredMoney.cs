namespace Mercato.Core.Common;

/// <summary>
/// Money as the stores hold it and sum it: whole ten-thousandths of the currency unit in a 64-bit integer, exact under
/// SUM (every amount of the data contracts has at most 4 decimals and is at most 10¹⁴).
/// </summary>
public static class StoredMoney
{
    /// <summary>Units per currency unit.</summary>
    public const decimal Scale = 10_000m;

    /// <summary>An amount in stored units, rounded half to even at the fifth decimal.</summary>
    public static long ToUnits(decimal amount) => (long)decimal.Round(amount * Scale, 0, MidpointRounding.ToEven);

    /// <summary>An amount from stored units.</summary>
    public static decimal FromUnits(long units) => units / Scale;
}
