using Mercato.Core.Campaigns;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class BrandCycleTests
{
    [Fact]
    public void Steps_AreTheNineOfTheDomain()
    {
        Assert.Equal(
            [
                "Tell stories", "Spread information", "Build channels", "Play in circles", "Upgrade the product", "Event marketing",
                "Initiate a call", "Integrated marketing", "Brand upgrade",
            ],
            BrandCycle.Steps.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(1, 9), BrandCycle.Steps.Select(s => s.Number));
        Assert.Equal(9, BrandCycle.Steps.Select(s => s.Id).Distinct().Count());
        var metrics = BrandCycle.Steps.SelectMany(s => s.Evidence).ToList();
        Assert.Equal(metrics.Count, metrics.Select(m => m.Id).Distinct().Count());
        Assert.All(BrandCycle.Steps, s => Assert.NotEmpty(s.Evidence));
        Assert.Equal("When customers search, they find you.", BrandCycle.Find(2)!.Purpose);
        Assert.Null(BrandCycle.Find(0));
        Assert.Null(BrandCycle.Find(10));
    }

    [Fact]
    public void Cycles_CompleteWhenAllNineStepsAreDone_AndStartAgain()
    {
        var campaigns = new[]
        {
            Closed("c1", At(1, 10), steps: [1, 2, 3]),
            Closed("c2", At(2, 10), steps: [4, 5, 6]),
            Closed("c3", At(3, 10), steps: [7, 8, 1]),
            Closed("c4", At(4, 10), steps: [9, 2]), // completes cycle 1; its step 2 does not carry over
            Closed("c5", At(5, 10), steps: [2]),
        };

        var (completedAt, doneBy) = BrandCycle.Cycles(campaigns);

        Assert.Equal([At(4, 10)], completedAt);
        Assert.Equal([2], doneBy.Keys);
        Assert.Equal(["c5"], doneBy[2]);
    }

    [Fact]
    public void Cycles_OrderByClosingTimeThenId_AndIgnoreOpenCampaigns()
    {
        // c-b and c-a close at the same instant; c-a goes first, so c-b completes the cycle.
        var campaigns = new[]
        {
            Closed("c-b", At(2, 1), steps: [5, 6, 7, 8, 9]),
            Closed("c-a", At(2, 1), steps: [1, 2, 3, 4]),
            InStage(new Campaign("open", "open", CampaignType.BrandEvent, "brand", D(1, 1), D(1, 2), brandSteps: [1]), CampaignStage.Evaluation, At(1, 5)),
        };

        var (completedAt, doneBy) = BrandCycle.Cycles(campaigns);

        Assert.Equal([At(2, 1)], completedAt);
        Assert.Empty(doneBy);
    }

    [Fact]
    public void Cycles_TwoFullRounds()
    {
        var all = Enumerable.Range(1, 9).ToArray();

        var (completedAt, _) = BrandCycle.Cycles([Closed("a", At(1, 1), steps: all), Closed("b", At(6, 1), steps: all)]);

        Assert.Equal([At(1, 1), At(6, 1)], completedAt);
    }

    [Fact]
    public void Board_StatesCampaignsAndCycleCount()
    {
        var campaigns = new List<Campaign>
        {
            Closed("all", At(1, 1), steps: [.. Enumerable.Range(1, 9)]),
            Closed("stories", At(2, 1), steps: [1]),
            InStage(new Campaign("portal", "Portal push", CampaignType.ContentSeries, "pr", D(3, 1), D(3, 31), brandSteps: [2]), CampaignStage.Promotion, At(3, 1)),
            new Campaign("idea", "Idea", CampaignType.BrandEvent, "brand", D(6, 1), D(6, 2), brandSteps: [2, 3]),
        };

        var board = BrandCycle.Board(campaigns, new DateRange(D(1, 1), D(12, 31)));

        Assert.Equal((1, 2), (board.CompletedCycles, board.CurrentCycle));
        Assert.Equal([At(1, 1)], board.CompletedAt);
        Assert.Equal(
            [StepState.Done, StepState.InProgress, StepState.InProgress, StepState.NotStarted, StepState.NotStarted, StepState.NotStarted,
             StepState.NotStarted, StepState.NotStarted, StepState.NotStarted],
            board.Steps.Select(s => s.State));
        var two = board.Steps[1];
        Assert.Equal(["all", "idea", "portal"], two.Campaigns);
        Assert.Equal(["idea", "portal"], two.Open);
        Assert.Empty(two.DoneBy);
        Assert.Equal(["stories"], board.Steps[0].DoneBy);
    }

    [Fact]
    public void Board_ACancelledCampaign_ServesNoStep_NotDoneNotOpenNotCounted()
    {
        // "all" completes a cycle before the window; the cancelled exhibition would have served 5 and 7 and been an industry event in March.
        var campaigns = new List<Campaign>
        {
            Closed("all", At(1, 1), steps: [.. Enumerable.Range(1, 9)]),
            CancelledFrom(new Campaign("expo", "Medica", CampaignType.Exhibition, "brand", D(3, 1), D(3, 3), brandSteps: [5, 7, 9]),
                CampaignStage.Promotion, At(3, 2), "venue closed"),
        };

        var board = BrandCycle.Board(campaigns, new DateRange(D(2, 1), D(12, 31)));
        var (completedAt, doneBy) = BrandCycle.Cycles(campaigns);

        Assert.Equal((1, 2), (board.CompletedCycles, board.CurrentCycle));
        Assert.All(board.Steps, s => Assert.Equal(StepState.NotStarted, s.State));
        Assert.All(board.Steps, s => Assert.DoesNotContain("expo", s.Campaigns));
        Assert.All(board.Steps, s => Assert.Empty(s.Open));
        Assert.Equal([At(1, 1)], completedAt);
        Assert.Empty(doneBy);
        var evidence = board.Steps.SelectMany(s => s.Evidence).ToDictionary(e => e.Metric, e => e.Value);
        Assert.Equal(0, evidence["industry_events"]);
        Assert.Equal(0, evidence["upgrades_closed"]);
    }

    [Fact]
    public void Board_NoCampaigns_NothingStarted()
    {
        var board = BrandCycle.Board([], new DateRange(D(1, 1), D(1, 31)));

        Assert.Equal((0, 1), (board.CompletedCycles, board.CurrentCycle));
        Assert.All(board.Steps, s => Assert.Equal(StepState.NotStarted, s.State));
        Assert.Equal([0.0, 0.0, null, null, 0.0], board.Steps.SelectMany(s => s.Evidence).Where(e => IsComputed(e.Metric)).Select(e => e.Value));
    }

    private static bool IsComputed(string metric) => BrandCycle.Steps.SelectMany(s => s.Evidence).Single(m => m.Id == metric).Computed;

    [Fact]
    public void Board_ComputedAndSuppliedEvidence()
    {
        var window = new DateRange(D(3, 1), D(3, 31));
        var campaigns = new List<Campaign>
        {
            Closed("launch-a", At(3, 15), CampaignType.ProductLaunch, 5),
            Closed("launch-b", At(4, 1), CampaignType.ProductLaunch, 5),      // closed after the window
            Closed("content", At(3, 20), CampaignType.ContentSeries, 5, 9),   // not a launch; serves 9
            new Campaign("expo", "Medica", CampaignType.Exhibition, "planning", D(3, 30), D(4, 2), brandSteps: [7]),
            new Campaign("gala", "Gala", CampaignType.BrandEvent, "brand", D(2, 1), D(2, 2), brandSteps: [7]), // before the window
            new Campaign("forum", "Forum", CampaignType.ContentSeries, "brand", D(3, 1), D(3, 2), brandSteps: [7]), // not an event type
        };
        var spend = new[]
        {
            new CampaignChannelSpend("expo", "douyin_ads", 600m),
            new CampaignChannelSpend("expo", "baidu_sem", 200m),
            new CampaignChannelSpend("gala", "Douyin_Ads", 200m),
            new CampaignChannelSpend(null, "wechat", 100m),
        };
        var values = new[] { new StepMetricValue("mentions", 42), new StepMetricValue("gmv", 1000), new StepMetricValue("gmv", 1500), new StepMetricValue("nope", 1) };

        var board = BrandCycle.Board(campaigns, window, values, spend);
        var evidence = board.Steps.SelectMany(s => s.Evidence).ToDictionary(e => e.Metric, e => e.Value);

        Assert.Equal(1, evidence["launches_closed"]);
        Assert.Equal(1, evidence["industry_events"]);
        Assert.Equal(1, evidence["upgrades_closed"]);
        Assert.Equal(0.68, evidence["spend_hhi"]!.Value, 12);                   // 0.8² + 0.2²
        Assert.Equal(2.0 / 3, evidence["top_campaign_channel_share"]!.Value, 12); // expo on 2 of 3 channels
        Assert.Equal(42, evidence["mentions"]);
        Assert.Equal(1500, evidence["gmv"]);
        Assert.Null(evidence["followers_gained"]);
    }

    [Fact]
    public void Board_ClosingDaysAreLocal()
    {
        var beijing = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var c = Closed("launch", At(3, 31, 17), CampaignType.ProductLaunch, 5); // 1 April 01:00 in UTC+8
        var march = new DateRange(D(3, 1), D(3, 31));

        Assert.Equal(1, BrandCycle.Board([c], march).Steps[4].Evidence[0].Value);
        Assert.Equal(0, BrandCycle.Board([c], march, zone: beijing).Steps[4].Evidence[0].Value);
    }

    [Fact]
    public void Concentration_HerfindahlTopCampaignAndChannels()
    {
        // expo 800 of 1000 campaign spend, gala 200: HHI 0.64 + 0.04 = 0.68. Channels douyin, baidu, wechat: expo is on 2.
        var c = BrandCycle.Concentration(
        [
            new("expo", "douyin_ads", 600m), new("expo", "baidu_sem", 200m), new("gala", "douyin_ads", 200m),
            new(null, "wechat", 100m), new("idle", "tv", 0m),
        ]);

        Assert.Equal(0.68, c.Herfindahl!.Value, 12);
        Assert.Equal(("expo", 0.8, 3, 2), (c.TopCampaign, c.TopCampaignShare!.Value, c.Channels, c.TopCampaignChannels));
        Assert.Equal(2.0 / 3, c.TopCampaignChannelShare!.Value, 12);
    }

    [Fact]
    public void Concentration_OneCampaignIsOne_EqualSharesAreOneOverN_TiesGoToTheFirstId()
    {
        Assert.Equal(1.0, BrandCycle.Concentration([new("a", "x", 5m)]).Herfindahl);
        var even = BrandCycle.Concentration([new("b", "x", 5m), new("a", "y", 5m), new("c", "z", 5m), new("d", "z", 5m)]);
        Assert.Equal(0.25, even.Herfindahl!.Value, 12);
        Assert.Equal("a", even.TopCampaign);
    }

    [Fact]
    public void Concentration_EmptyAndUncodedOnly()
    {
        Assert.Equal(new SpendConcentration(null, null, null, 0, 0, null), BrandCycle.Concentration([]));
        Assert.Equal(new SpendConcentration(null, null, null, 1, 0, 0), BrandCycle.Concentration([new(null, "wechat", 1m)]));
        Assert.Throws<ArgumentException>(() => BrandCycle.Concentration([new("a", "x", -1m)]));
    }

    [Fact]
    public void Property_HerfindahlLiesBetweenOneOverNAndOne()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => new CampaignChannelSpend("c" + random.Next(0, 5), "ch" + random.Next(0, 4), random.Next(1, 1000)))
                .ToList();
            var n = rows.Select(r => r.Campaign).Distinct().Count();
            var hhi = BrandCycle.Concentration(rows).Herfindahl!.Value;
            Assert.InRange(hhi, 1.0 / n - 1e-12, 1 + 1e-12);
        }
    }
}
