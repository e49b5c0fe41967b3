using System.Text.Json;
using Mercato.Core.Measurement.Cohorts;
using Mercato.Core.Measurement.Roi;

namespace Mercato.Core.Tests.Measurement.Cohorts;

public class GuidanceTests
{
    // Every month below spends 100 with no other cost, so ROI = (revenue − 100) / 100: revenue 90 → −10%, 130 → +30%.

    [Theory]
    [InlineData(0, null)]
    [InlineData(2, null)]
    [InlineData(5, null)]
    [InlineData(0, 5)]
    [InlineData(5, 5)]
    [InlineData(5, 30)]
    public void Guidance_OneBadMonthAmongGoodOnes_IsNeverCut(int badMonth, int? payback)
    {
        // Five months at +30% and one at −100% (revenue 0), wherever it falls, whatever the payback outlook.
        var revenues = Enumerable.Repeat(130d, 6).ToArray();
        revenues[badMonth] = 0;

        var guidance = Guidance.Advise("a", Months(revenues), payback);

        Assert.NotEqual(GuidanceLevel.Cut, guidance.Level);
    }

    [Fact]
    public void Guidance_OneBadMonthInTheMiddle_KeepsTheChannel()
    {
        // ROI 30, 25, −40, 30, 35, 40 %: cumulative (30 + 25 − 40 + 30 + 35 + 40) / 600 = 120/600 = 20%, latest +40%.
        // Slope: x − x̄ = −2.5 … 2.5, Σ(x − x̄)y = −0.75 − 0.375 + 0.2 + 0.15 + 0.525 + 1.0 = 0.75, Σ(x − x̄)² = 17.5
        // → +0.0428… a month: not falling. No payback outlook → not scale, nothing to watch → keep.
        var months = Months(130, 125, 60, 130, 135, 140);

        var keep = Guidance.Advise("a", months, null);
        Assert.Equal(GuidanceLevel.Keep, keep.Level);
        Assert.Equal(0.75 / 17.5, keep.RoiTrend!.Value, 12);
        Assert.Equal(120d / 600d, keep.CumulativeRoi);
        Assert.Equal(0, keep.NegativeMonthsInARow);

        // With cohorts paying back by month 5 it is even a candidate for more budget.
        Assert.Equal(GuidanceLevel.Scale, Guidance.Advise("a", months, 5).Level);
    }

    [Fact]
    public void Guidance_OneBadLatestMonth_IsWatch_WithAPlainSentence()
    {
        var guidance = Guidance.Advise("a", Months(130, 125, 130, 135, 140, 60), null);

        Assert.Equal(GuidanceLevel.Watch, guidance.Level);
        Assert.Equal(1, guidance.NegativeMonthsInARow);
        Assert.Equal(new YearMonth(2026, 6), guidance.LatestMonth);
        Assert.Equal(-0.4, guidance.LatestRoi);
        Assert.Equal(GuidanceCodes.BadMonth, guidance.Reason.Code);
        Assert.Equal(new object?[] { -40.0, "2026-06", 20.0 }, Args(guidance, "latest", "month", "cumulative"));
    }

    [Fact]
    public void Guidance_TwoNegativeMonthsFallingWithoutPayback_IsWatchNotCut()
    {
        // ROI +20%, −10%, −20%: falling hard and no payback in sight, but only two bad months in a row.
        var guidance = Guidance.Advise("a", Months(120, 90, 80), null);

        Assert.Equal(GuidanceLevel.Watch, guidance.Level);
        Assert.Equal(2, guidance.NegativeMonthsInARow);
    }

    [Fact]
    public void Guidance_NegativeFourMonthsFallingWithoutPayback_IsCut()
    {
        // ROI −10, −20, −30, −40 %: slope −0.1 a month (x̄ = −1.5, Σ(x − x̄)y = −0.5, Σ(x − x̄)² = 5), no payback.
        var guidance = Guidance.Advise("a", Months(90, 80, 70, 60), null);

        Assert.Equal(GuidanceLevel.Cut, guidance.Level);
        Assert.Equal(4, guidance.NegativeMonthsInARow);
        Assert.Equal(-0.1, guidance.RoiTrend!.Value, 12);
        Assert.Equal(-100d / 400d, guidance.CumulativeRoi);
        Assert.Equal(GuidanceCodes.Cut, guidance.Reason.Code);
        Assert.Equal(new object?[] { 4L, -40.0, -10.0, "none", null }, Args(guidance, "run", "latest", "trend", "payback_state", "payback"));
    }

    [Fact]
    public void Guidance_NegativeThreeMonthsFlat_IsCutOnlyWhenPaybackIsBeyondTwelveMonths()
    {
        // ROI −10% three months running, flat trend (slope 0).
        var months = Months(90, 90, 90);

        Assert.Equal(GuidanceLevel.Cut, Guidance.Advise("a", months, null).Level);
        Assert.Equal(GuidanceLevel.Cut, Guidance.Advise("a", months, 13).Level);
        Assert.Equal(new object?[] { "late", 13L }, Args(Guidance.Advise("a", months, 13), "payback_state", "payback"));

        var inSight = Guidance.Advise("a", months, Guidance.PaybackHorizonMonths);
        Assert.Equal(GuidanceLevel.Watch, inSight.Level);
        Assert.Equal(GuidanceCodes.NegativeButPayback, inSight.Reason.Code);
        Assert.Equal(new object?[] { "expected", 12L }, Args(inSight, "payback_state", "payback"));
    }

    [Fact]
    public void Guidance_NegativeThreeMonthsButImproving_IsWatch()
    {
        // ROI −40, −30, −20 %: slope +0.1 a month > 0.01, so not cut even without payback.
        var guidance = Guidance.Advise("a", Months(60, 70, 80), null);

        Assert.Equal(GuidanceLevel.Watch, guidance.Level);
        Assert.Equal(3, guidance.NegativeMonthsInARow);
        Assert.Equal(GuidanceCodes.NegativeButImproving, guidance.Reason.Code);
        Assert.Equal(new object?[] { 10.0 }, Args(guidance, "trend"));
    }

    [Fact]
    public void Guidance_NegativeRun_IsBrokenByAMonthWithoutRoi()
    {
        // Jan, Feb, Apr at −10%; March had no row: the run ending in April is 1 month, so no cut.
        var months = new[]
        {
            Month(new YearMonth(2026, 1), 90),
            Month(new YearMonth(2026, 2), 90),
            Month(new YearMonth(2026, 4), 90),
        };

        var guidance = Guidance.Advise("a", months, null);

        Assert.Equal(1, guidance.NegativeMonthsInARow);
        Assert.Equal(GuidanceLevel.Watch, guidance.Level);

        // A March row without costs (no ROI) breaks it the same way.
        var withIdleMarch = months.Append(RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", new YearMonth(2026, 3), 0m, 0, 0, 0, 0m), 0m));
        Assert.Equal(1, Guidance.Advise("a", withIdleMarch, null).NegativeMonthsInARow);
    }

    [Fact]
    public void Guidance_SteadyProfitWithPaybackInSight_IsScale()
    {
        // +30% three months running, payback by month 4.
        var guidance = Guidance.Advise("a", Months(130, 130, 130), 4);

        Assert.Equal(GuidanceLevel.Scale, guidance.Level);
        Assert.Equal(GuidanceCodes.Scale, guidance.Reason.Code);
        Assert.Equal(new object?[] { 30.0, 30.0, 0.0, 4L }, Args(guidance, "cumulative", "latest", "trend", "payback"));
    }

    [Fact]
    public void Guidance_ScaleNeedsHistoryReturnAndPayback_ElseKeep()
    {
        Assert.Equal(GuidanceLevel.Keep, Guidance.Advise("a", Months(130, 130), 4).Level); // two months only
        Assert.Equal(GuidanceLevel.Keep, Guidance.Advise("a", Months(130, 130, 130), null).Level); // no payback in sight
        Assert.Equal(GuidanceLevel.Keep, Guidance.Advise("a", Months(130, 130, 130), 13).Level); // payback too late
        Assert.Equal(GuidanceLevel.Keep, Guidance.Advise("a", Months(110, 110, 110), 4).Level); // cumulative 10% < 20%
        Assert.Equal(GuidanceLevel.Scale, Guidance.Advise("a", Months(120, 120, 120), 4).Level); // exactly 20%
    }

    [Fact]
    public void Guidance_PositiveButFalling_IsWatch()
    {
        // ROI +50, +30, +10 %: slope −0.2 a month.
        var guidance = Guidance.Advise("a", Months(150, 130, 110), 2);

        Assert.Equal(GuidanceLevel.Watch, guidance.Level);
        Assert.Equal(GuidanceCodes.Falling, guidance.Reason.Code);
        Assert.Equal(new object?[] { 10.0, -20.0 }, Args(guidance, "latest", "trend"));
    }

    [Fact]
    public void Guidance_CostlyStartThatRecovers_IsKeep_WhenCohortsPayBackInTime()
    {
        // ROI −50, −20, +10 %: cumulative (−50 − 20 + 10) / 300 = −20%, latest positive, trend +0.3 a month.
        var months = Months(50, 80, 110);

        var keep = Guidance.Advise("a", months, 8);
        Assert.Equal(GuidanceLevel.Keep, keep.Level);
        Assert.Equal(-60d / 300d, keep.CumulativeRoi);
        Assert.Equal(GuidanceCodes.CostlyStart, keep.Reason.Code);

        // Same months, no payback in sight: still no cut, but watch.
        Assert.Equal(GuidanceLevel.Watch, Guidance.Advise("a", months, null).Level);
    }

    [Fact]
    public void Guidance_NoMonthWithCosts_IsKeep()
    {
        var idle = RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", new YearMonth(2026, 1), 0m, 0, 0, 0, 0m), 0m);

        var guidance = Guidance.Advise("a", [idle], null);

        Assert.Equal(GuidanceLevel.Keep, guidance.Level);
        Assert.Null(guidance.LatestMonth);
        Assert.Null(guidance.RoiTrend);
    }

    [Fact]
    public void Guidance_TrendReadsOnlyTheLastSixCalendarMonths()
    {
        // Months 1..3 at −90%, then 6 months at +30%: the trend window (months 4..9) sees a flat +30%.
        var guidance = Guidance.Advise("a", Months(10, 10, 10, 130, 130, 130, 130, 130, 130), null);

        Assert.Equal(0d, guidance.RoiTrend);
    }

    [Fact]
    public void Guidance_SameMonthTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            Guidance.Advise("a", [Month(new YearMonth(2026, 1), 90), Month(new YearMonth(2026, 1), 90)], null));
    }

    [Fact]
    public void AdviseAll_ReadsEachChannelsOwnCohorts()
    {
        // Both channels lose 10% three months running with a flat trend. "a" has a mature cohort projected to pay back at
        // month 9 (300, 100, 60, 80, 100 for 1000); "b" has no cohort at all.
        var jan = new YearMonth(2026, 1);
        var rows = Months(90, 90, 90).Concat(Months("b", 90, 90, 90));
        var cohorts = new[] { CohortAnalysis.Curve(jan, "a", 10, 1000m, [300m, 100m, 60m, 80m, 100m]) };

        var guidance = Guidance.AdviseAll(rows, cohorts);

        Assert.Equal(["a", "b"], guidance.Select(g => g.Channel));
        Assert.Equal(GuidanceLevel.Watch, guidance[0].Level);
        Assert.Equal(9, guidance[0].PaybackOffset);
        Assert.Equal(GuidanceLevel.Cut, guidance[1].Level);
        Assert.Null(guidance[1].PaybackOffset);
    }

    [Fact]
    public void GuidanceLevel_SerializesAsLowerCaseWords()
    {
        Assert.Equal("\"keep\"", JsonSerializer.Serialize(GuidanceLevel.Keep, JsonSerializerOptions.Web));
        Assert.Equal("\"watch\"", JsonSerializer.Serialize(GuidanceLevel.Watch, JsonSerializerOptions.Web));
        Assert.Equal("\"cut\"", JsonSerializer.Serialize(GuidanceLevel.Cut, JsonSerializerOptions.Web));
        Assert.Equal("\"scale\"", JsonSerializer.Serialize(GuidanceLevel.Scale, JsonSerializerOptions.Web));

        var guidance = Guidance.Advise("a", Months(90, 80, 70), null);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(guidance, JsonSerializerOptions.Web));
        Assert.Equal("cut", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("2026-03", json.RootElement.GetProperty("latestMonth").GetString());
    }

    private static ChannelMonthRoi Month(YearMonth month, double revenue, string channel = "a") =>
        RoiCalculator.ForChannelMonth(new ChannelMonthInput(channel, month, 100m, 1, revenue, 0, 0m), 0m);

    private static ChannelMonthRoi[] Months(params double[] revenues) => Months("a", revenues);

    private static ChannelMonthRoi[] Months(string channel, params double[] revenues) =>
        [.. revenues.Select((revenue, i) => Month(new YearMonth(2026, 1).AddMonths(i), revenue, channel))];

    private static object?[] Args(ChannelGuidance guidance, params string[] names) => [.. names.Select(n => guidance.Reason.Args[n])];
}
