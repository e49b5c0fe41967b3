using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>Budget pacing on hand-computed cases.</summary>
public class PacingTests
{
    /// <summary>November 2026: the 1st is a Sunday; 30 days.</summary>
    private static readonly PacingPlan November = new(3000m, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    private static List<DailySpend> Daily(DateOnly first, params decimal[] spend) => [.. spend.Select((s, i) => new DailySpend(first.AddDays(i), s))];

    [Fact]
    public void Flat_TenDaysOfThirty_ExpectsAThird_ProjectsThePace_WithABandFromTheDailySpread()
    {
        var spend = Daily(November.Start, 100, 120, 80, 100, 120, 80, 100, 120, 80, 100);
        spend.Add(new DailySpend(new DateOnly(2026, 10, 31), 999));   // before the flight: ignored
        spend.Add(new DailySpend(new DateOnly(2026, 11, 11), 999));   // after the day given: ignored

        var result = Pacing.Compute(November, spend, new DateOnly(2026, 11, 10));

        // expected = 3000 × 10/30 = 1000; projected = 1000 × 30/10 = 3000; s² = 2400/9, R = 20, n = 10:
        // half = 1.96 × √(2400/9 × (20 + 400/10)) = 1.96 × √16000 = 247.9226.
        Assert.Equal((PacingStatus.OnPace, 30, 10, 1000m, 1000m, (double?)1.0), (result.Status, result.FlightDays, result.ElapsedDays, result.Actual, result.Expected, result.PaceRatio));
        Assert.Equal((3000m, 2752.08m, 3247.92m), (result.Projected, result.ProjectedLow, result.ProjectedHigh));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], result.Shape);
    }

    [Fact]
    public void SpendingHalfAgainTheBudget_IsOver_WithANarrowBandWhenSteady()
    {
        var result = Pacing.Compute(November, Daily(November.Start, Enumerable.Repeat(150m, 10).ToArray()), new DateOnly(2026, 11, 10));

        Assert.Equal((PacingStatus.Over, 1500m, 1.5, 4500m, 4500m, 4500m), (result.Status, result.Actual, result.PaceRatio!.Value, result.Projected, result.ProjectedLow, result.ProjectedHigh));
    }

    [Fact]
    public void TheToleranceIsFifteenPercent_EitherWay()
    {
        // expected 1000: 1150 is on pace, 1150.01 over, 850 on pace, 849.99 under.
        PacingStatus At(decimal total) => Pacing.Compute(November, Daily(November.Start, total), new DateOnly(2026, 11, 10)).Status;

        Assert.Equal(
            [PacingStatus.OnPace, PacingStatus.Over, PacingStatus.OnPace, PacingStatus.Under],
            new[] { 1150m, 1150.01m, 850m, 849.99m }.Select(At));
    }

    [Fact]
    public void JudgedOnlyAfterThreeDaysOrAFifthOfTheFlight()
    {
        var lavish = Daily(November.Start, 500, 500, 500);

        Assert.Equal(PacingStatus.NotStarted, Pacing.Compute(November, lavish, new DateOnly(2026, 10, 31)).Status);
        Assert.Equal(PacingStatus.TooEarly, Pacing.Compute(November, lavish, new DateOnly(2026, 11, 2)).Status);
        Assert.Equal(PacingStatus.Over, Pacing.Compute(November, lavish, new DateOnly(2026, 11, 3)).Status);

        // A five-day flight: one day is a fifth.
        var short5 = new PacingPlan(500m, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));
        Assert.Equal(PacingStatus.Over, Pacing.Compute(short5, lavish, new DateOnly(2026, 11, 1)).Status);

        var none = Pacing.Compute(November, lavish, new DateOnly(2026, 10, 31));
        Assert.Equal((0, 0m, 0m, (double?)null, (decimal?)null, (decimal?)null), (none.ElapsedDays, none.Actual, none.Expected, none.PaceRatio, none.Projected, none.ProjectedLow));
    }

    [Fact]
    public void AfterTheFlight_EverythingHasElapsed_AndTheProjectionIsTheActual()
    {
        var result = Pacing.Compute(November, Daily(November.Start, Enumerable.Repeat(90m, 30).ToArray()), new DateOnly(2026, 12, 5));

        Assert.Equal((30, 2700m, 3000m, PacingStatus.OnPace, 2700m, 2700m, 2700m), (result.ElapsedDays, result.Actual, result.Expected, result.Status, result.Projected, result.ProjectedLow, result.ProjectedHigh));
    }

    [Fact]
    public void WeekdayShape_FromHistory_WeighsTheDays()
    {
        // Two past weeks: 200 on weekdays, 100 at weekends. Flight Mon 2 – Sun 15 November, budget 2400; through Saturday 7th.
        var history = Daily(new DateOnly(2026, 10, 19), 200, 200, 200, 200, 200, 100, 100, 200, 200, 200, 200, 200, 100, 100);
        var plan = new PacingPlan(2400m, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 15));
        var spend = Daily(plan.Start, 220, 220, 220, 220, 220, 110);

        var shaped = Pacing.Compute(plan, spend, new DateOnly(2026, 11, 7), history);
        var flat = Pacing.Compute(plan, spend, new DateOnly(2026, 11, 7));

        // Σ_E m = 5 × 200 + 100 = 1100 of Σ_F m = 2400: expected 1100, ratio 1210/1100 = 1.1; projected 1210 × 2400/1100 = 2640.
        Assert.Equal((1210m, 1100m, PacingStatus.OnPace, 2640m), (shaped.Actual, shaped.Expected, shaped.Status, shaped.Projected));
        Assert.Equal(1.1, shaped.PaceRatio!.Value, 12);
        Assert.Equal([7.0 / 6, 7.0 / 6, 7.0 / 6, 7.0 / 6, 7.0 / 6, 7.0 / 12, 7.0 / 12], shaped.Shape.Select(w => Math.Round(w, 12)), new RoundedComparer());

        // Every day spent its weight's share exactly: no spread, the band closes on the projection.
        Assert.Equal((2640m, 2640m), (shaped.ProjectedLow, shaped.ProjectedHigh));

        // Flat, the same spend looks 17.6% over: expected 2400 × 6/14 = 1028.57.
        Assert.Equal((1028.57m, PacingStatus.Over), (flat.Expected, flat.Status));
    }

    [Fact]
    public void AHistoryMissingAWeekday_GivesAFlatShape()
    {
        var history = Daily(new DateOnly(2026, 10, 19), 200, 200, 200, 200, 200, 100, 100, 200, 200, 200, 200, 200, 100);

        Assert.Null(Pacing.WeekdayMeans(history));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], Pacing.Compute(November, [], new DateOnly(2026, 11, 10), history).Shape);
    }

    [Fact]
    public void OverPacing_IsAnAlert_WithTheProjectedOverspendAtStake()
    {
        var through = new DateOnly(2026, 11, 10);
        var over = Pacing.Compute(November, Daily(November.Start, Enumerable.Repeat(150m, 10).ToArray()), through);
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

        var alert = Pacing.Alert("double11-douyin", November, over, through, zone)!;

        Assert.Equal(
            ("pacing:double11-douyin:over:2026-11-01", AlertKind.AdAnomaly, AlertSeverity.Severe, "double11-douyin pacing over", "ad_delivery"),
            (alert.Key, alert.Kind, alert.Severity, alert.Subject, alert.OwnerFunction));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)), alert.Since);
        Assert.Equal((1500.0, 1000.0, 1.5, (decimal?)1500m), (alert.Evidence.Value, alert.Evidence.Expected, alert.Evidence.Score, alert.Evidence.MoneyAtStake));
        Assert.Contains(new KeyValuePair<string, string>("projected_band", "4500..4500"), alert.Evidence.Details);

        var under = Pacing.Compute(November, Daily(November.Start, Enumerable.Repeat(80m, 10).ToArray()), through);
        var underAlert = Pacing.Alert("c", November, under, through, TimeZoneInfo.Utc)!;
        Assert.Equal(("pacing:c:under:2026-11-01", AlertSeverity.Warning, (decimal?)600m), (underAlert.Key, underAlert.Severity, underAlert.Evidence.MoneyAtStake));

        Assert.Null(Pacing.Alert("c", November, Pacing.Compute(November, Daily(November.Start, 1000), through), through, TimeZoneInfo.Utc));
    }

    [Fact]
    public void ABadFlight_IsABug()
    {
        Assert.Throws<ArgumentException>(() => Pacing.Compute(new PacingPlan(1m, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1)), [], new DateOnly(2026, 11, 2)));
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
