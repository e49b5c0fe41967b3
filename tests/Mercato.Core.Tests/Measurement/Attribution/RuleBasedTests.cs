using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using static Mercato.Core.Tests.Measurement.Attribution.Journeys;

namespace Mercato.Core.Tests.Measurement.Attribution;

public class RuleBasedTests
{
    // Totals: 9 conversions, revenue 580. "social>display" never converts, so social and display there earn nothing;
    // "Direct" differs from "direct" as a label (ordinal) but both are direct for last-non-direct (ignoring case).
    private static readonly JourneyPath[] Paths =
    [
        P("search>social>search>email", 4, 400, nonConversions: 2),
        P("direct>email>direct", 2, 100),
        P("display", 1, 50),
        P("social>display", 0, nonConversions: 4),
        P("Direct", 1, 20),
        P("email>search", 1, 10),
    ];

    [Fact]
    public void FirstTouch_CreditsEachJourneyToItsFirstTouch()
    {
        // search 4 (400); direct 2 (100); display 1 (50); Direct 1 (20); email 1 (10); social only second or in a
        // non-converting path: 0.
        var result = FirstTouch.Attribute(Paths);

        Assert.Equal("first", result.Model);
        Assert.Equal(9, result.TotalConversions);
        Assert.Equal(580m, result.TotalRevenue);
        AssertCredits(result,
            ("Direct", 1, 20), ("direct", 2, 100), ("display", 1, 50), ("email", 1, 10), ("search", 4, 400), ("social", 0, 0));
    }

    [Fact]
    public void LastTouch_CreditsEachJourneyToItsLastTouch()
    {
        // email 4 (400); direct 2 (100); display 1 (50); Direct 1 (20); search 1 (10).
        AssertCredits(LastTouch.Attribute(Paths),
            ("Direct", 1, 20), ("direct", 2, 100), ("display", 1, 50), ("email", 4, 400), ("search", 1, 10), ("social", 0, 0));
    }

    [Fact]
    public void LastNonDirect_SkipsDirectIgnoringCase_AndFallsBackToTheLastTouch()
    {
        // direct>email>direct: email 2 (100); email 4 (400) from the first path, so email 6 (500); "Direct" alone is all
        // direct, so its last touch keeps it: Direct 1 (20); display 1 (50); search 1 (10).
        AssertCredits(LastNonDirectTouch.Attribute(Paths),
            ("Direct", 1, 20), ("direct", 0, 0), ("display", 1, 50), ("email", 6, 500), ("search", 1, 10), ("social", 0, 0));
    }

    [Fact]
    public void LastNonDirect_UsesTheGivenDirectLabels()
    {
        // Direct = {EMAIL, direct}: search>social>search>email → search 4 (400); direct>email>direct is all direct → its
        // last touch direct 2 (100); email>search → search 1 (10); so search 5 (410).
        var result = LastNonDirectTouch.Attribute(Paths, new HashSet<string>(["EMAIL", "direct"], StringComparer.Ordinal));

        AssertCredits(result,
            ("Direct", 1, 20), ("direct", 2, 100), ("display", 1, 50), ("email", 0, 0), ("search", 5, 410), ("social", 0, 0));
    }

    [Fact]
    public void Linear_SplitsEquallyOverEveryTouch_RepeatsIncluded()
    {
        // search>social>search>email: 1/4 each of 4 (400): search 2 (200), social 1 (100), email 1 (100).
        // direct>email>direct: direct 2/3·2 = 4/3 (200/3), email 2/3 (100/3).
        // email>search: 1/2 each of 1 (10). display 1 (50), Direct 1 (20).
        // email = 1 + 2/3 + 1/2 = 13/6, revenue 100 + 100/3 + 5 = 415/3; search = 2.5 (205).
        AssertCredits(LinearTouch.Attribute(Paths),
            ("Direct", 1, 20), ("direct", 4.0 / 3, 200.0 / 3), ("display", 1, 50), ("email", 13.0 / 6, 415.0 / 3),
            ("search", 2.5, 205), ("social", 1, 100));
    }

    [Fact]
    public void Linear_PathABA_GivesATwoThirds()
    {
        AssertCredits(LinearTouch.Attribute([P("a>b>a", 3, 30)]), ("a", 2, 20), ("b", 1, 10));
    }

    [Fact]
    public void PositionBased_Gives40First40Last20Middle_OneTouchAll_TwoTouchesHalf()
    {
        // search>social>search>email (4, 400): search 0.4 + 0.1 = 0.5 → 2 (200); social 0.1 → 0.4 (40); email 0.4 → 1.6 (160).
        // direct>email>direct (2, 100): direct 0.8 → 1.6 (80); email 0.2 → 0.4 (20).
        // email>search (1, 10): 0.5 each. display 1 (50), Direct 1 (20): one touch takes all.
        // email = 1.6 + 0.4 + 0.5 = 2.5 (185); search = 2.5 (205).
        AssertCredits(PositionBased.Attribute(Paths),
            ("Direct", 1, 20), ("direct", 1.6, 80), ("display", 1, 50), ("email", 2.5, 185), ("search", 2.5, 205), ("social", 0.4, 40));
    }

    [Fact]
    public void PositionBased_SpreadsTwentyPercentOverSeveralMiddleTouches()
    {
        // a>b>c>d>e (10): a 4, e 4, b c d 2/3 each.
        AssertCredits(PositionBased.Attribute([P("a>b>c>d>e", 10)]),
            ("a", 4, 0), ("b", 2.0 / 3, 0), ("c", 2.0 / 3, 0), ("d", 2.0 / 3, 0), ("e", 4, 0));
    }

    [Fact]
    public void TimeDecay_WeightsHalveEveryHalfLife()
    {
        // Half-life 7: ages 14, 7, 0 weigh 1/4, 1/2, 1 (sum 7/4): shares 1/7, 2/7, 4/7 of 2 conversions and 70:
        // search (1 + 4)/7 → 10/7 (50), email 2/7 → 4/7 (20). display alone takes its 1 (10).
        var paths = new[]
        {
            T(2, 70, ("search", 14), ("email", 7), ("search", 0)),
            T(1, 10, ("display", 3.5)),
        };

        var result = TimeDecay.Attribute(paths);

        Assert.Equal("time-decay", result.Model);
        Assert.Equal(3, result.TotalConversions);
        Assert.Equal(80m, result.TotalRevenue);
        AssertCredits(result, ("display", 1, 10), ("email", 4.0 / 7, 20), ("search", 10.0 / 7, 50));
    }

    [Fact]
    public void TimeDecay_ShorterHalfLife_FavoursRecentTouches()
    {
        // Half-life 3.5: ages 14, 7, 0 weigh 1/16, 1/4, 1 (sum 21/16): shares 1/21, 4/21, 16/21 of 2 conversions and 70:
        // search 17/21 → 34/21 (170/3), email 4/21 → 8/21 (40/3).
        var result = TimeDecay.Attribute([T(2, 70, ("search", 14), ("email", 7), ("search", 0))], halfLifeDays: 3.5);

        AssertCredits(result, ("email", 8.0 / 21, 40.0 / 3), ("search", 34.0 / 21, 170.0 / 3));
    }

    [Fact]
    public void TimeDecay_VeryOldJourneys_StillSplitByRelativeAge()
    {
        // 2^(−10000/7) underflows to 0, but only relative ages matter: ages 10007 and 10000 weigh 1/2 and 1 → 1/3, 2/3.
        var result = TimeDecay.Attribute([T(3, 30, ("a", 10_007), ("b", 10_000))]);

        AssertCredits(result, ("a", 1, 10), ("b", 2, 20));
    }

    [Fact]
    public void TimeDecay_RejectsNonPositiveHalfLifeAndNegativeAges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeDecay.Attribute([T(1, 1, ("a", 1))], 0));
        Assert.Throws<ArgumentException>(() => TimeDecay.Attribute([T(1, 1, ("a", -1))]));
    }

    [Fact]
    public void Models_WorkOnCampaignLabels()
    {
        // Labels are opaque: campaign codes work as channel names do.
        var result = LastTouch.Attribute([P("CN-2026-SPRING>(no campaign)>CN-2026-618", 2, 200)]);

        AssertCredits(result, ("(no campaign)", 0, 0), ("CN-2026-618", 2, 200), ("CN-2026-SPRING", 0, 0));
    }

    [Fact]
    public void Paths_WithoutTouchesOrWithNegativeCounts_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => LinearTouch.Attribute([new JourneyPath([], 1, 1, 0)]));
        Assert.Throws<ArgumentException>(() => LinearTouch.Attribute([P("a", -1)]));
        Assert.Throws<ArgumentException>(() => LinearTouch.Attribute([P("a", 1, -5)]));
        Assert.Throws<ArgumentException>(() => LinearTouch.Attribute([P("a", 0, 5)]));
        Assert.Throws<ArgumentException>(() => MarkovChain.Attribute([P("a", 1, nonConversions: -1)]));
    }

    [Fact]
    public void NoPaths_GiveEmptyCreditsAndZeroTotals()
    {
        foreach (var model in AttributionModels.All)
        {
            var result = AttributionModels.Attribute(model, [], []);
            Assert.Empty(result.Credits);
            Assert.Equal(0, result.TotalConversions);
            Assert.Equal(0m, result.TotalRevenue);
        }
    }
}
