using System.Text.Json;
using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class ScorecardsTests
{
    private static readonly Period Mar = Period.Parse("2026-03");

    [Theory]
    // Higher is better: actual / target.
    [InlineData(100, 100, 1.0, KpiStatus.OnTrack)]
    [InlineData(95, 100, 0.95, KpiStatus.OnTrack)]
    [InlineData(94.99, 100, 0.9499, KpiStatus.AtRisk)]
    [InlineData(80, 100, 0.8, KpiStatus.AtRisk)]
    [InlineData(79.99, 100, 0.7999, KpiStatus.OffTrack)]
    [InlineData(0, 100, 0.0, KpiStatus.OffTrack)]
    [InlineData(150, 100, 1.5, KpiStatus.OnTrack)]
    [InlineData(-20, 100, 0.0, KpiStatus.OffTrack)]
    [InlineData(5000, 100, 10.0, KpiStatus.OnTrack)]
    [InlineData(0, 0, 1.0, KpiStatus.OnTrack)]
    [InlineData(3, 0, 10.0, KpiStatus.OnTrack)]
    [InlineData(-1, 0, 0.0, KpiStatus.OffTrack)]
    public void HigherIsBetter_AttainmentAndStatus(double actual, double target, double attainment, KpiStatus status)
    {
        Assert.Equal(attainment, Scorecards.Attainment(actual, target, Direction.Higher)!.Value, 12);
        Assert.Equal(status, Scorecards.Status(actual, target, Direction.Higher));
    }

    [Theory]
    // Lower is better: target / actual. A CPA target of 50: 50 is exactly on target, 52.63 is 95%, 62.5 is 80%.
    [InlineData(50, 50, 1.0, KpiStatus.OnTrack)]
    [InlineData(40, 50, 1.25, KpiStatus.OnTrack)]
    [InlineData(50 / 0.95, 50, 0.95, KpiStatus.OnTrack)]
    [InlineData(53, 50, 50.0 / 53, KpiStatus.AtRisk)]
    [InlineData(62.5, 50, 0.8, KpiStatus.AtRisk)]
    [InlineData(62.6, 50, 50 / 62.6, KpiStatus.OffTrack)]
    [InlineData(0, 50, 10.0, KpiStatus.OnTrack)]
    [InlineData(0, 0, 1.0, KpiStatus.OnTrack)]
    [InlineData(5, 0, 0.0, KpiStatus.OffTrack)]
    [InlineData(1, 100, 10.0, KpiStatus.OnTrack)]
    public void LowerIsBetter_AttainmentAndStatus(double actual, double target, double attainment, KpiStatus status)
    {
        Assert.Equal(attainment, Scorecards.Attainment(actual, target, Direction.Lower)!.Value, 12);
        Assert.Equal(status, Scorecards.Status(actual, target, Direction.Lower));
    }

    [Fact]
    public void Thresholds_AreExactlyTheConstants()
    {
        Assert.Equal(0.95, Scorecards.OnTrackAt);
        Assert.Equal(0.80, Scorecards.AtRiskAt);
        Assert.Equal(KpiStatus.OnTrack, Scorecards.StatusOf(0.95));
        Assert.Equal(KpiStatus.AtRisk, Scorecards.StatusOf(Math.BitDecrement(0.95) - 1e-8));
        Assert.Equal(KpiStatus.AtRisk, Scorecards.StatusOf(0.80));
        Assert.Equal(KpiStatus.OffTrack, Scorecards.StatusOf(0.80 - 1e-8));
        // Floating-point noise at a threshold does not flip the status: 0.95 computed as 0.1 * 9.5 is on track.
        Assert.Equal(KpiStatus.OnTrack, Scorecards.StatusOf(0.1 * 9.5));
    }

    [Fact]
    public void NoTarget_AndNoData()
    {
        Assert.Equal(KpiStatus.NoTarget, Scorecards.Status(10, null, Direction.Higher));
        Assert.Equal(KpiStatus.NoTarget, Scorecards.Status(null, null, Direction.Higher));
        Assert.Equal(KpiStatus.NoData, Scorecards.Status(null, 10, Direction.Higher));
        Assert.Equal(KpiStatus.NoData, Scorecards.Status(double.NaN, 10, Direction.Lower));
        Assert.Null(Scorecards.Attainment(null, 10, Direction.Higher));
        Assert.Null(Scorecards.Attainment(10, null, Direction.Higher));
    }

    [Fact]
    public void NegativeTarget_IsABug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Scorecards.Attainment(1, -1, Direction.Higher));

    [Fact]
    public void Trend_LeastSquaresOverTheLastSixPeriods()
    {
        // Eight months; only the last six count: 10, 12, 14, 16, 18, 20 has slope 2 per month.
        var history = Enumerable.Range(0, 8).Select(i => new PeriodValue(Period.Parse("2025-08").Add(i), i < 2 ? 1000 : 10 + 2 * (i - 2)));

        var trend = Scorecards.TrendOf(history, Direction.Higher);

        Assert.Equal(TrendDirection.Improving, trend.Direction);
        Assert.Equal(2, trend.Slope!.Value, 12);
        Assert.Equal(6, trend.Points);
        Assert.Equal(TrendDirection.Worsening, Scorecards.TrendOf(history, Direction.Lower).Direction);
    }

    [Fact]
    public void Trend_MissingPeriodsKeepTheirPlace_AndNullsAreSkipped()
    {
        // Values at months 0, 1 and 3 (month 2 missing): 0, 1, 3 lie on slope 1 exactly.
        var history = new[]
        {
            new PeriodValue(Period.Parse("2026-01"), 0),
            new PeriodValue(Period.Parse("2026-02"), 1),
            new PeriodValue(Period.Parse("2026-03"), null),
            new PeriodValue(Period.Parse("2026-04"), 3),
        };

        var trend = Scorecards.TrendOf(history, Direction.Higher);

        Assert.Equal(1, trend.Slope!.Value, 12);
        Assert.Equal(3, trend.Points);
    }

    [Fact]
    public void Trend_FlatWithinOnePercentOfTheLevel_UnknownWithOnePoint()
    {
        var flat = new[] { new PeriodValue(Period.Parse("2026-Q1"), 100), new PeriodValue(Period.Parse("2026-Q2"), 101) };
        var rising = new[] { new PeriodValue(Period.Parse("2026-Q1"), 100), new PeriodValue(Period.Parse("2026-Q2"), 102.1) };

        Assert.Equal(TrendDirection.Flat, Scorecards.TrendOf(flat, Direction.Higher).Direction);
        Assert.Equal(TrendDirection.Improving, Scorecards.TrendOf(rising, Direction.Higher).Direction);
        Assert.Equal(TrendDirection.Unknown, Scorecards.TrendOf(flat.Take(1), Direction.Higher).Direction);
        Assert.Equal(TrendDirection.Flat, Scorecards.TrendOf([new(Mar, 0), new(Mar.Next(), 0)], Direction.Higher).Direction);
    }

    [Fact]
    public void Trend_RefusesMixedPeriodKinds() =>
        Assert.Throws<ArgumentException>(() => Scorecards.TrendOf([new(Mar, 1), new(Period.Parse("2026-Q2"), 2)], Direction.Higher));

    [Fact]
    public void Line_CombinesActualTargetAndHistory()
    {
        var line = Scorecards.Line("cpa", "online_promotion", Mar, Direction.Lower, 40, 50,
            [new(Period.Parse("2026-01"), 60), new(Period.Parse("2026-02"), 50), new(Period.Parse("2026-04"), 1)]);

        Assert.Equal(1.25, line.Attainment);
        Assert.Equal(KpiStatus.OnTrack, line.Status);
        Assert.Equal(TrendDirection.Improving, line.Trend.Direction);
        Assert.Equal(-10, line.Trend.Slope!.Value, 12);
        Assert.Equal(3, line.Trend.Points);
    }

    [Fact]
    public void Health_WorstStatusColoursTheUnit()
    {
        Assert.Equal(HealthColour.Red, Scorecards.Health([KpiStatus.OnTrack, KpiStatus.OffTrack, KpiStatus.AtRisk]).Colour);
        Assert.Equal(HealthColour.Amber, Scorecards.Health([KpiStatus.OnTrack, KpiStatus.AtRisk, KpiStatus.NoData]).Colour);
        Assert.Equal(HealthColour.Green, Scorecards.Health([KpiStatus.OnTrack, KpiStatus.NoTarget, KpiStatus.NoData]).Colour);
        Assert.Equal(HealthColour.Grey, Scorecards.Health([KpiStatus.NoTarget, KpiStatus.NoData]).Colour);
        Assert.Equal(HealthColour.Grey, Scorecards.Health([]).Colour);

        var health = Scorecards.Health([KpiStatus.OnTrack, KpiStatus.OnTrack, KpiStatus.OnTrack, KpiStatus.AtRisk, KpiStatus.NoData]);
        Assert.Equal(0.75, health.OnTrackShare);
        Assert.Equal(1, health.NoData);
    }

    [Fact]
    public void Chart_RollsHealthUpTheTree()
    {
        var s = Template("recommended");
        var lines = new[]
        {
            Scorecards.Line("retention_d7", "user_ops", Mar, Direction.Higher, 0.15, 0.20),
            Scorecards.Line("gmv", "store_ops", Mar, Direction.Higher, 100, 100),
            Scorecards.Line("cpa", "online_promotion", Mar, Direction.Lower, 60, 50),
        };

        var chart = Scorecards.Chart(s, lines).ToDictionary(h => h.Unit);

        Assert.Equal(HealthColour.Red, chart["user_ops"].Own.Colour);
        Assert.Equal(HealthColour.Green, chart["store_ops"].Own.Colour);
        Assert.Equal(HealthColour.Grey, chart["operations"].Own.Colour);
        Assert.Equal(HealthColour.Red, chart["operations"].Overall.Colour);
        Assert.Equal(HealthColour.Amber, chart["marketing"].Overall.Colour);
        Assert.Equal(HealthColour.Red, chart["company"].Overall.Colour);
        Assert.Equal(HealthColour.Grey, chart["sales"].Overall.Colour);
        Assert.Equal(s.Units.Select(u => u.Id), Scorecards.Chart(s, lines).Select(h => h.Unit));
    }

    [Fact]
    public void Words_InJson()
    {
        Assert.Equal("[\"on_track\",\"at_risk\",\"off_track\",\"no_target\",\"no_data\"]", JsonSerializer.Serialize(Enum.GetValues<KpiStatus>()));
        Assert.Equal("[\"higher\",\"lower\"]", JsonSerializer.Serialize(Enum.GetValues<Direction>()));
        Assert.Equal("[\"green\",\"amber\",\"red\",\"grey\"]", JsonSerializer.Serialize(Enum.GetValues<HealthColour>()));
        Assert.Contains("\"period\":\"2026-03\"", JsonSerializer.Serialize(Scorecards.Line("dau", "u", Mar, Direction.Higher, 1, 1), new JsonSerializerOptions(JsonSerializerDefaults.Web)), StringComparison.Ordinal);
    }
}
