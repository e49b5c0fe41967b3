using Mercato.Core.DataCenter;
using Mercato.Core.Home;

namespace Mercato.Core.Tests.Home;

public class DataFreshnessTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Fact]
    public void TheLagTable_HasEveryKind_DailyKindsTwoDays_CostsThirtyFive_EventKindsNone()
    {
        Assert.Equal(DataKinds.All.Select(k => k.Name), DataFreshness.Rules.Select(r => r.Kind));
        var table = DataFreshness.Rules.ToDictionary(r => r.Kind, r => (r.Rhythm, r.LagDays));
        foreach (var daily in new[] { "spend", "touchpoints", "conversions", "clicks", "activity", "social", "appstore", "store", "mentions", "influencer_snapshots" })
        {
            Assert.Equal((DataRhythm.Daily, (int?)2), table[daily]);
        }

        Assert.Equal((DataRhythm.Monthly, (int?)35), table["costs"]);
        foreach (var irregular in new[] { "livestreams", "influencer_posts", "influencer_followers" })
        {
            Assert.Equal((DataRhythm.Irregular, (int?)null), table[irregular]);
        }

        Assert.Equal(DataRhythm.Irregular, DataFreshness.RuleOf("something_new").Rhythm);
    }

    [Fact]
    public void ADailyKind_IsLate_FromTheThirdDayAfterItsLastDate()
    {
        Assert.Equal(new FreshnessCheck("spend", new(2026, 12, 4), new(2026, 12, 4), 2, 2, false), DataFreshness.Check("spend", new(2026, 12, 4), Today));
        Assert.Equal(new FreshnessCheck("spend", new(2026, 12, 3), new(2026, 12, 3), 3, 2, true), DataFreshness.Check("spend", new(2026, 12, 3), Today));
        Assert.Equal(new FreshnessCheck("spend", new(2026, 12, 7), new(2026, 12, 7), -1, 2, false), DataFreshness.Check("spend", new(2026, 12, 7), Today));
    }

    [Fact]
    public void Costs_CoverTheirWholeMonth_AndAreLateThirtySixDaysAfterItsEnd()
    {
        // November's costs (dated 2026-11-01) cover the month through 2026-11-30: 6 days on 2026-12-06.
        Assert.Equal(new FreshnessCheck("costs", new(2026, 11, 1), new(2026, 11, 30), 6, 35, false), DataFreshness.Check("costs", new(2026, 11, 1), Today));
        // October's cover through 2026-10-31: 35 days on 2026-12-05 (not late), 36 on 2026-12-06 (late).
        Assert.False(DataFreshness.Check("costs", new(2026, 10, 1), new(2026, 12, 5))!.Late);
        Assert.Equal(new FreshnessCheck("costs", new(2026, 10, 1), new(2026, 10, 31), 36, 35, true), DataFreshness.Check("costs", new(2026, 10, 1), Today));
        // February of a leap year ends on the 29th.
        Assert.Equal(new DateOnly(2028, 2, 29), DataFreshness.Check("costs", new(2028, 2, 1), Today)!.CoveredThrough);
    }

    [Fact]
    public void KindsWithoutRows_AndIrregularKinds_AreNeverChecked()
    {
        Assert.Null(DataFreshness.Check("spend", null, Today));
        Assert.Null(DataFreshness.Check("livestreams", new(2020, 1, 1), Today));
        Assert.Null(DataFreshness.Check("influencer_followers", new(2020, 1, 1), Today));
    }

    [Fact]
    public void Late_ListsOnlyLateKinds_MostOverdueFirst_TiesByName()
    {
        var late = DataFreshness.Late(
            [
                ("spend", new DateOnly(2026, 11, 30)),        // 6 days, 4 over
                ("touchpoints", new DateOnly(2026, 11, 30)),  // 6 days, 4 over
                ("activity", new DateOnly(2026, 12, 5)),      // 1 day: fresh
                ("mentions", new DateOnly(2026, 10, 1)),      // 66 days, 64 over
                ("costs", new DateOnly(2026, 9, 1)),          // through 09-30: 67 days, 32 over
                ("store", null),                              // never imported
                ("livestreams", new DateOnly(2025, 1, 1)),    // irregular
            ],
            Today);
        Assert.Equal(["mentions", "costs", "spend", "touchpoints"], late.Select(l => l.Kind));
        Assert.Equal([66, 67, 6, 6], late.Select(l => l.AgeDays));
    }
}
