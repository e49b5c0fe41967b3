using System.Globalization;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;

namespace Mercato.Core.Tests.Demo;

public class DemoCompanyTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly YearMonth LastMonth = new(2026, 3);
    private static readonly Lazy<(List<IFact> Facts, DemoGroundTruth Truth)> SmallRun = new(() => Run(7));

    private static List<IFact> Facts => SmallRun.Value.Facts;

    private static DemoGroundTruth Truth => SmallRun.Value.Truth;

    private static (List<IFact> Facts, DemoGroundTruth Truth) Run(int seed)
    {
        var sink = new ListSink();
        var truth = DemoCompany.Generate(new DemoOptions(seed, DemoScale.Small, LastMonth), sink);
        return (sink.Facts, truth);
    }

    private static string Json(DemoGroundTruth truth) => JsonSerializer.Serialize(truth);

    [Fact]
    public void Generate_SameSeed_GivesIdenticalFactsAndTruth()
    {
        var again = Run(7);

        Assert.Equal(Facts.Select(f => f.Key), again.Facts.Select(f => f.Key));
        Assert.Equal(Facts, again.Facts);
        Assert.Equal(Json(Truth), Json(again.Truth));
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentFactsAndTruth()
    {
        var other = Run(8);

        Assert.NotEqual(Facts.Select(f => f.Key), other.Facts.Select(f => f.Key));
        Assert.NotEqual(Json(Truth), Json(other.Truth));
    }

    [Fact]
    public void Generate_CoversTwelveMonthsAndNothingOutside()
    {
        var first = LastMonth.AddMonths(-11);
        var start = new DateTimeOffset(first.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(LastMonth.AddMonths(1).FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var expected = Enumerable.Range(0, 12).Select(first.AddMonths).ToArray();

        Assert.Equal(first, Truth.FirstMonth);
        Assert.Equal(LastMonth, Truth.LastMonth);
        foreach (var kind in new[] { typeof(Touchpoint), typeof(Conversion), typeof(ActivityEvent) })
        {
            var instants = Facts.Where(f => f.GetType() == kind).Select(Instant).ToList();
            Assert.All(instants, t => Assert.InRange(t, start, end.AddSeconds(-1)));
            Assert.Equal(expected, instants.Select(t => YearMonth.Of(DateOnly.FromDateTime(t.UtcDateTime))).Distinct().Order());
        }

        Assert.Equal(expected, Facts.OfType<SpendFact>().Select(s => YearMonth.Of(s.Date)).Distinct().Order());
        Assert.Equal(expected, Facts.OfType<CostFact>().Select(c => c.Month).Distinct().Order());
        Assert.Equal(expected, Truth.Months.Select(m => m.Month));
    }

    [Fact]
    public void Generate_TimestampsAreUtcWholeSeconds()
    {
        foreach (var fact in Facts.Where(f => f is Touchpoint or Conversion or ActivityEvent))
        {
            var t = Instant(fact);
            Assert.Equal(TimeSpan.Zero, t.Offset);
            Assert.Equal(0, t.Ticks % TimeSpan.TicksPerSecond);
        }
    }

    [Fact]
    public void Channels_CoverEveryGroupExceptUnassigned_AndGuessMapsEachNameToItsGroup()
    {
        foreach (var channel in DemoCompany.Channels)
        {
            Assert.Equal(channel.Group, ChannelGroups.Guess(channel.Name));
            Assert.False(string.IsNullOrWhiteSpace(channel.Description));
        }

        var expected = ChannelGroups.All.Where(g => g != ChannelGroup.Unassigned);
        Assert.Equal(expected, DemoCompany.Channels.Select(c => c.Group).Distinct().Order());
    }

    [Fact]
    public void Generate_EveryGroupExceptUnassigned_HasAChannelWithTouchpoints()
    {
        var groups = Facts.OfType<Touchpoint>().Select(t => ChannelGroups.Guess(t.Channel)).Distinct().Order();

        Assert.Equal(ChannelGroups.All.Where(g => g != ChannelGroup.Unassigned), groups);
        Assert.All(Truth.Channels, c => Assert.True(c.Touchpoints > 0, c.Channel));
    }

    [Fact]
    public void Generate_EveryFact_RoundTripsThroughItsKindsParser()
    {
        var errors = new List<FieldError>();
        foreach (var fact in Facts)
        {
            var (kind, values) = Row(fact);
            var parsed = kind.Parse(values, ParseContext.Utc, errors);

            Assert.True(errors.Count == 0, $"{kind.Name}: {string.Join("; ", errors)}");
            Assert.Equal(fact, parsed);
        }
    }

    [Fact]
    public void Generate_IdentitiesAreUniqueWithinEachKind()
    {
        foreach (var group in Facts.GroupBy(f => f.GetType()))
        {
            var keys = group.Select(f => f.Key).ToList();
            Assert.True(keys.Count == keys.Distinct().Count(), group.Key.Name);
        }
    }

    [Fact]
    public void Generate_TouchpointsExerciseBothIdentityPaths_AndReferralsCarryStaffCodes()
    {
        var touchpoints = Facts.OfType<Touchpoint>().ToList();
        var withId = touchpoints.Count(t => t.TouchpointId is not null);

        Assert.InRange(withId, touchpoints.Count / 2, touchpoints.Count - 1);
        Assert.All(touchpoints.Where(t => t.TouchpointId is not null), t => Assert.StartsWith("tp-", t.TouchpointId, StringComparison.Ordinal));
        var referrals = touchpoints.Where(t => t.Type == TouchpointType.Referral).ToList();
        Assert.NotEmpty(referrals);
        Assert.All(referrals, t =>
        {
            Assert.Equal("staff_referral", t.Channel);
            Assert.Matches("^STAFF-[0-9]{3}$", t.ReferralCode);
        });
        Assert.All(touchpoints.Where(t => t.Type != TouchpointType.Referral && t.Channel != "kol"), t => Assert.Null(t.ReferralCode));

        // KOL touches carry the referral code of the influencer running on their day and campaign (DemoInfluencers).
        var influencerCodes = DemoInfluencers.Build(Truth).SelectMany(i => i.Codes.Referral).ToHashSet(StringComparer.Ordinal);
        Assert.All(touchpoints.Where(t => t.Channel == "kol"), t => Assert.Contains(t.ReferralCode!, influencerCodes));
    }

    [Fact]
    public void Generate_EachUsersTouchpointsAreInIncreasingTime_AndConversionsFollowATouch()
    {
        var lastTouch = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var fact in Facts)
        {
            switch (fact)
            {
                case Touchpoint t:
                    if (lastTouch.TryGetValue(t.UserId, out var previous))
                    {
                        Assert.True(t.Timestamp > previous, t.UserId);
                    }

                    lastTouch[t.UserId] = t.Timestamp;
                    break;
                case Conversion c:
                    Assert.True(c.Timestamp > lastTouch[c.UserId], c.ConversionId);
                    Assert.True(c.Timestamp - lastTouch[c.UserId] <= TimeSpan.FromDays(3), c.ConversionId);
                    Assert.InRange(c.Cost!.Value, c.Revenue * 0.4m - 0.01m, c.Revenue * 0.6m + 0.01m);
                    break;
            }
        }
    }

    [Fact]
    public void Generate_SpendHasClicksWithinImpressions_AndOneFactPerSlotAndDay()
    {
        var spend = Facts.OfType<SpendFact>().ToList();

        Assert.All(spend, s => Assert.True(s.Clicks <= s.Impressions && s.Spend >= 0));
        Assert.Equal(spend.Count, spend.Select(s => (s.Date, s.Channel, s.Campaign)).Distinct().Count());
        var impressions = spend.GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Impressions!.Value));
        foreach (var channel in Truth.Channels.Where(c => c.Spend > 0))
        {
            Assert.Equal(channel.Touchpoints, impressions[channel.Channel]);
        }
    }

    [Fact]
    public void Generate_ActivityIsOneToThreeTimesTouchpoints_WithFallingRetention()
    {
        var activity = Facts.OfType<ActivityEvent>().ToList();
        var touchpoints = Facts.OfType<Touchpoint>().Count();

        Assert.InRange(activity.Count, touchpoints, 3 * touchpoints);
        Assert.Equal(["install", "login", "post", "share", "signup", "view"], activity.Select(a => a.Event).Distinct().Order(StringComparer.Ordinal));
        Assert.All(activity.Where(a => a.Event is "view" or "share"), a => Assert.StartsWith("article-", a.ContentId, StringComparison.Ordinal));

        static int Day(DateTimeOffset t) => (int)(t.ToUnixTimeSeconds() / 86_400);
        var signup = activity.Where(a => a.Event is "signup" or "install").ToDictionary(a => a.UserId, a => Day(a.Timestamp), StringComparer.Ordinal);
        var active = activity.Select(a => (a.UserId, Day: Day(a.Timestamp))).ToHashSet();
        int Retained(int day) => signup.Count(s => active.Contains((s.Key, s.Value + day)));

        Assert.Equal(Truth.Totals.SignedUpUsers, signup.Count);
        Assert.True(Retained(1) > Retained(7), "day 1 > day 7");
        Assert.True(Retained(7) > Retained(30), "day 7 > day 30");
        Assert.True(Retained(30) > 0, "day 30 > 0");
    }

    [Fact]
    public void GroundTruth_TotalsMatchTheFactsEmitted()
    {
        var totals = Truth.Totals;

        Assert.Equal(totals.Touchpoints, Facts.OfType<Touchpoint>().Count());
        Assert.Equal(totals.Conversions, Facts.OfType<Conversion>().Count());
        Assert.Equal(totals.ActivityEvents, Facts.OfType<ActivityEvent>().Count());
        Assert.Equal(totals.SpendFacts, Facts.OfType<SpendFact>().Count());
        Assert.Equal(totals.CostFacts, Facts.OfType<CostFact>().Count());
        Assert.Equal(totals.Revenue, Facts.OfType<Conversion>().Sum(c => c.Revenue));
        Assert.Equal(totals.ProductCost, Facts.OfType<Conversion>().Sum(c => c.Cost!.Value));
        Assert.Equal(totals.Users, Facts.OfType<Touchpoint>().Select(t => t.UserId).Distinct().Count());
        Assert.InRange(totals.Users, 2_000, 2_400);
        Assert.Equal(totals.Journeys, totals.AcquisitionJourneys + totals.RepeatJourneys);
        Assert.True(totals.RepeatJourneys > 0);
        Assert.Equal(totals.Touchpoints, Truth.Channels.Sum(c => c.Touchpoints));
        Assert.Equal(totals.Touchpoints, Truth.Months.Sum(m => m.Touchpoints));
        Assert.Equal(totals.Conversions, Truth.Months.Sum(m => m.Conversions));
        Assert.Equal(totals.ExpectedConversions, Truth.Months.Sum(m => m.ExpectedConversions), 1e-6);
    }

    [Fact]
    public void GroundTruth_SpendEqualsTheSpendFactsPerChannelAndMonth()
    {
        var spend = Facts.OfType<SpendFact>().ToList();
        foreach (var channel in Truth.Channels)
        {
            Assert.Equal(spend.Where(s => s.Channel == channel.Channel).Sum(s => s.Spend), channel.Spend);
        }

        foreach (var cell in Truth.ChannelMonths)
        {
            Assert.Equal(spend.Where(s => s.Channel == cell.Channel && YearMonth.Of(s.Date) == cell.Month).Sum(s => s.Spend), cell.Spend);
        }

        Assert.Equal(spend.Sum(s => s.Spend), Truth.Totals.Spend);
        Assert.Equal(0m, Truth.Channels.Single(c => c.Channel == "direct").Spend);
    }

    [Fact]
    public void GroundTruth_CostsEqualTheCostFactsPerChannelAndMonth()
    {
        var costs = Facts.OfType<CostFact>().ToList();
        foreach (var channel in Truth.Channels)
        {
            Assert.Equal(costs.Where(c => c.Channel == channel.Channel).Sum(c => c.Amount), channel.ChannelCosts);
        }

        foreach (var cell in Truth.ChannelMonths)
        {
            Assert.Equal(costs.Where(c => c.Channel == cell.Channel && c.Month == cell.Month).Sum(c => c.Amount), cell.ChannelCosts);
        }

        Assert.Equal(costs.Where(c => c.Channel is null).Sum(c => c.Amount), Truth.Totals.DepartmentCosts);
        Assert.Contains(costs, c => c.Channel is null && c.Category == CostCategory.Staff);
        Assert.Contains(costs, c => c.Channel is null && c.Category == CostCategory.Tools);
        Assert.Contains(costs, c => c.Channel == "kol" && c.Category == CostCategory.KolFee);
        Assert.Contains(costs, c => c.Channel == "livestream" && c.Category == CostCategory.LivestreamCommission);
        Assert.Contains(costs, c => c.Channel == "exhibition" && c.Category == CostCategory.Event && c.Amount > 0);
    }

    [Fact]
    public void GroundTruth_DirectHasNoIncrementalConversions_AndNullRoi()
    {
        var direct = Truth.Channels.Single(c => c.Channel == "direct");

        Assert.True(direct.Touchpoints > 0);
        Assert.Equal(0.0, direct.IncrementalConversions, 1e-12);
        Assert.Null(direct.Roi);
    }

    [Fact]
    public void GroundTruth_HighLiftChannel_HasMoreIncrementalConversionsPerTouchThanLowLift()
    {
        static double PerTouch(DemoChannelTruth c) => c.IncrementalConversions / c.Touchpoints;
        var ordered = Truth.Channels.Where(c => c.Lift > 0).OrderBy(c => c.Lift).ToList();
        var weakest = ordered[0];
        var strongest = ordered[^1];

        Assert.Equal("douyin_ads", weakest.Channel);
        Assert.True(PerTouch(strongest) > 5 * PerTouch(weakest));
        Assert.True(PerTouch(Truth.Channels.Single(c => c.Channel == "baidu_sem")) > PerTouch(weakest));

        // Per touch, the increment is the lift discounted by the rest of the journey: just below the lift itself.
        Assert.All(ordered, c => Assert.InRange(PerTouch(c), 0.5 * c.Lift, c.Lift));
    }

    [Fact]
    public void GroundTruth_ConversionsEmitted_AreWithinFiveSigmaOfTheExpectation()
    {
        var totals = Truth.Totals;
        var sigma = Math.Sqrt(totals.ConversionVariance);

        Assert.True(sigma > 0);
        Assert.InRange(totals.Conversions, totals.ExpectedConversions - (5 * sigma), totals.ExpectedConversions + (5 * sigma));
    }

    [Fact]
    public void GroundTruth_Roi_IsTheFormulaRecomputedFromTheFacts()
    {
        var kol = Truth.Channels.Single(c => c.Channel == "kol");
        var spend = Facts.OfType<SpendFact>().Where(s => s.Channel == "kol").Sum(s => s.Spend);
        var costs = Facts.OfType<CostFact>().Where(c => c.Channel == "kol").Sum(c => c.Amount);
        var outlay = (double)(spend + costs);

        Assert.True(outlay > 0);
        Assert.Equal<double?>((kol.IncrementalGrossProfit - outlay) / outlay, kol.Roi);
        Assert.Equal(kol.IncrementalRevenue * Truth.Model.ExpectedGrossMargin, kol.IncrementalGrossProfit, 1e-6);
        Assert.Equal(kol.IncrementalConversions, Truth.ChannelMonths.Where(m => m.Channel == "kol").Sum(m => m.IncrementalConversions), 1e-9);
    }

    [Fact]
    public void GroundTruth_CrisisMonth_HasFarFewerExpectedConversionsThanATypicalMonth()
    {
        var crisis = Truth.Months.Single(m => m.Month == Truth.CrisisMonth);
        var others = Truth.Months.Where(m => m.Month != Truth.CrisisMonth).Select(m => m.ExpectedConversions).Order().ToList();

        Assert.Equal(LastMonth.AddMonths(-4), Truth.CrisisMonth);
        Assert.True(crisis.ExpectedConversions < 0.75 * others[others.Count / 2], "crisis below three quarters of the median month");
        Assert.Contains(Truth.Model.MonthFactors, f => f.Month == Truth.CrisisMonth && f.Factor < 1);
        Assert.Contains(Truth.Campaigns, c => c.Campaign == "recall-rumour-response");
    }

    [Fact]
    public void GroundTruth_RoundTripsThroughSystemTextJson()
    {
        var json = Json(Truth);
        var back = JsonSerializer.Deserialize<DemoGroundTruth>(json);

        Assert.NotNull(back);
        Assert.Equal(json, Json(back));
    }

    [Fact]
    public void Generate_InvalidLastMonth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoCompany.Generate(new DemoOptions(1, DemoScale.Small, default), new ListSink()));
    }

    private static DateTimeOffset Instant(IFact fact) => fact switch
    {
        Touchpoint t => t.Timestamp,
        Conversion c => c.Timestamp,
        ActivityEvent a => a.Timestamp,
        _ => throw new ArgumentException("no instant", nameof(fact)),
    };

    // Each fact written as the text of a CSV row, in the order of its kind's fields.
    private static (DataKind Kind, string?[] Values) Row(IFact fact) => fact switch
    {
        SpendFact s => (DataKinds.Spend, [s.Date.ToString("yyyy-MM-dd", Inv), s.Channel, s.Campaign, Money(s.Spend), Count(s.Impressions), Count(s.Clicks), Count(s.Conversions), Count(s.Installs)]),
        Touchpoint t => (DataKinds.Touchpoints, [t.TouchpointId, t.UserId, Time(t.Timestamp), t.Channel, t.Campaign, t.Type.Word(), t.ReferralCode]),
        Conversion c => (DataKinds.Conversions, [c.ConversionId, c.UserId, Time(c.Timestamp), Money(c.Revenue), c.Cost is { } cost ? Money(cost) : null]),
        CostFact c => (DataKinds.Costs, [c.Month.ToString(), c.Channel, c.Category.Word(), Money(c.Amount), c.Kind.Word(), c.Campaign]),
        ActivityEvent a => (DataKinds.Activity, [a.UserId, Time(a.Timestamp), a.Event, Count(a.SessionSeconds), a.ContentId]),
        SocialFact s => (DataKinds.Social, [Day(s.Date), s.Platform, s.Account, Count(s.Followers), Count(s.Reads), Count(s.Interactions), Count(s.Posts)]),
        AppStoreFact a => (DataKinds.AppStore, [Day(a.Date), a.Store, Count(a.Impressions), Count(a.ProductPageViews), Count(a.Installs)]),
        StoreSalesFact s => (DataKinds.Store, [Day(s.Date), s.Store, Count(s.Visitors), Count(s.Orders), Money(s.Gmv), s.Refunds is { } r ? Money(r) : null]),
        _ => throw new ArgumentException("unknown fact", nameof(fact)),
    };

    private static string Money(decimal amount) => amount.ToString(Inv);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    private static string? Count(long? count) => count?.ToString(Inv);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);

    private sealed class ListSink : IDemoSink
    {
        public List<IFact> Facts { get; } = [];

        public void Add(IFact fact) => Facts.Add(fact);
    }
}
