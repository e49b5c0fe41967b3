namespace Mercato.Tests;

/// <summary>How figures are written for people (Shared/Figures), exactly.</summary>
public class FiguresTests
{
    [Theory]
    [InlineData(0.1234, 1, "12.3%")]
    [InlineData(0.00126, 2, "0.13%")]
    [InlineData(-1.0, 1, "-100.0%")]
    public void Percent_HasTheGivenDecimals(double share, int decimals, string text) => Assert.Equal(text, Figures.Percent(share, decimals));

    [Fact]
    public void Percent_OfNothing_IsEmpty() => Assert.Equal("", Figures.Percent(null));

    [Theory]
    [InlineData("4.1025641", "4.10")]
    [InlineData("0.000210299", "0.00021")]
    [InlineData("0.00011231", "0.000112")]
    [InlineData("0", "0.00")]
    [InlineData("12345.678", "12,345.68")]
    public void Unit_KeepsSmallCostsReadable(string value, string text) =>
        Assert.Equal(text, Figures.Unit(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
