using Mercato.Core.Organization;
using Mercato.Features.Organization;

namespace Mercato.Tests;

/// <summary>How KPI values read in tables and pages: invariant culture, counts whole, ratios as percentages.</summary>
public class KpiFormatTests
{
    [Theory]
    [InlineData("count", 1234.0, "1,234")]
    [InlineData("minutes", 3.24, "3.2 min")]
    [InlineData("money", 1234.5, "1,234.50")]
    [InlineData("per_user", 1.5, "1.50")]
    [InlineData("ratio", 0.1234, "12.3 %")]
    public void Value_WritesEachMeasureItsWay(string measure, double value, string expected) =>
        Assert.Equal(expected, KpiFormat.Value(measure, value));

    [Fact]
    public void MissingValues_StatusesAndTrends_ReadAsWords()
    {
        Assert.Equal("-", KpiFormat.Value("ratio", (double?)null));
        Assert.Equal("95 %", KpiFormat.Attainment(0.95));
        Assert.Equal("-", KpiFormat.Attainment(null));
        Assert.Equal("no data", KpiFormat.Status(KpiStatus.NoData));
        Assert.Equal("off track", KpiFormat.Status(KpiStatus.OffTrack));
        Assert.Equal("-", KpiFormat.Trend(new Trend(TrendDirection.Unknown, null, 1)));
        Assert.Equal("worsening", KpiFormat.Trend(new Trend(TrendDirection.Worsening, -2, 6)));
    }
}
