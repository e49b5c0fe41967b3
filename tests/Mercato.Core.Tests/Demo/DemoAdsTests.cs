using System.Text.Json;
using Mercato.Core.AdMonitoring;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;

namespace Mercato.Core.Tests.Demo;

/// <summary>The demo's click logs and ad-monitoring story against their ground truth (docs/demo-company.md, Ad monitoring).</summary>
public class DemoAdsTests
{
    private static readonly YearMonth LastMonth = new(2026, 3);
    private static readonly Lazy<(List<IFact> Facts, DemoAdTruth Truth)> SmallRun = new(() => Run(42, DemoScale.Small));
    private static readonly Lazy<BotUserAgents> Bots = new(() =>
        BotUserAgents.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdMonitoring", "crawler-user-agents.json"))));

    private static List<IFact> Facts => SmallRun.Value.Facts;

    private static DemoAdTruth Truth => SmallRun.Value.Truth;

    private static List<ClickRecord> Clicks => [.. Facts.OfType<ClickFact>().Select(c => c.Click)];

    private static (List<IFact> Facts, DemoAdTruth Truth) Run(int seed, DemoScale scale)
    {
        var sink = new ListSink();
        var log = new DemoClickLog(new DemoOptions(seed, scale, LastMonth), sink);
        DemoCompany.Generate(new DemoOptions(seed, scale, LastMonth), log);
        return (sink.Facts, log.Finish());
    }

    private static bool Injected(ClickRecord c) => c.Placement == DemoAds.InjectionPlacement;

    [Fact]
    public void TheLog_IsEveryTrackedClick_PlusTheInjectedAndTheCrawlers_AsTheTruthCounts()
    {
        var clicks = Clicks;
        var tracked = Facts.OfType<Touchpoint>().Where(t => t.Type == TouchpointType.Click && DemoAds.ClickChannels.Contains(t.Channel)).ToList();
        var injected = clicks.Where(Injected).ToList();
        var bots = clicks.Where(c => c.UserId is null).ToList();

        Assert.Equal(Truth.Clicks, clicks.Count);
        Assert.Equal(clicks.Count, clicks.Select(c => c.ClickId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Truth.ClicksByChannel.Select(c => (c.Key, c.Count)), DemoAds.ClickChannels.Select(ch => (ch, (long)clicks.Count(c => c.Channel == ch))));
        Assert.Equal((Truth.InjectedClicks, Truth.BotClicks), ((long)injected.Count, (long)bots.Count));
        Assert.True(Truth.InjectedClicks > 20 && Truth.BotClicks > 5, $"{Truth.InjectedClicks} injected, {Truth.BotClicks} crawler clicks");
        Assert.Equal(Truth.TrackedClicks + Truth.InjectedClicks, tracked.Count);
        Assert.Equal(tracked.Count, clicks.Count - bots.Count);

        // Every logged click with a user is a click touchpoint of the same user, channel and instant, the injected ones included.
        var touches = tracked.Select(t => (t.UserId, t.Channel, t.Timestamp)).ToHashSet();
        Assert.All(clicks.Where(c => c.UserId is not null), c => Assert.Contains((c.UserId!, c.Channel, c.Timestamp), touches));

        // The injection: seconds before the install, only in the last three months, only on its placement.
        Assert.All(injected, c => Assert.InRange(c.ClickToInstall!.Value.TotalSeconds, 2, 9));
        Assert.All(injected, c => Assert.InRange(DateOnly.FromDateTime(c.Timestamp.UtcDateTime), Truth.InjectionFrom, Truth.InjectionTo));
        Assert.Equal(new DateOnly(2026, 1, 1), Truth.InjectionFrom);   // the window is 2025-04 to 2026-03
        Assert.Equal(Truth.Installs, clicks.Count(c => c.InstallTimestamp is not null && !Injected(c)));
        Assert.All(clicks.Where(c => c.InstallTimestamp is not null && !Injected(c)), c => Assert.InRange(c.ClickToInstall!.Value, TimeSpan.FromSeconds(30), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void TheOtherFacts_AreTheSameWithOrWithoutTheLog_AndTheLogIsDeterministic()
    {
        var alone = new ListSink();
        var truth = DemoCompany.Generate(new DemoOptions(42, DemoScale.Small, LastMonth), alone);
        var injected = Clicks.Where(Injected).Select(c => (c.UserId, c.Timestamp)).ToHashSet();

        var others = Facts.Where(f => f is not ClickFact && !(f is Touchpoint t && injected.Contains((t.UserId, t.Timestamp)) && t.TouchpointId is null && t.Channel == "app_store")).ToList();

        Assert.Null(truth.Ads);
        Assert.Equal(alone.Facts.Count, others.Count);
        Assert.Equal(alone.Facts.Select(f => f.Key), others.Select(f => f.Key));
        var again = Run(42, DemoScale.Small);
        Assert.Equal(JsonSerializer.Serialize(Truth), JsonSerializer.Serialize(again.Truth));
        Assert.Equal(Clicks.Select(c => c.ToString()), again.Facts.OfType<ClickFact>().Select(c => c.Click.ToString()));
    }

    [Fact]
    public void TheRules_FlagExactlyTheInjectedAndTheCrawlerClicks_MonthByMonth()
    {
        var clicks = Clicks.OrderBy(c => c.Timestamp).ThenBy(c => c.ClickId, StringComparer.Ordinal).ToList();
        var flagged = new List<ClickVerdict>();
        foreach (var month in clicks.GroupBy(c => (c.Timestamp.Year, c.Timestamp.Month)))
        {
            flagged.AddRange(InvalidTraffic.Scan([.. month], Bots.Value).Invalid);
        }

        // Injected and crawler clicks all flagged; besides them only the truth's duplicates (none in this small demo).
        Assert.Equal(0, Truth.DuplicateClicks);
        Assert.Equal(
            clicks.Where(c => Injected(c) || c.UserId is null).Select(c => c.ClickId).Order(StringComparer.Ordinal),
            flagged.Select(v => v.Click.ClickId).Order(StringComparer.Ordinal));
        Assert.All(flagged.Where(v => Injected(v.Click)), v => Assert.Equal([InvalidTrafficCodes.ClickInjection], v.Rules));
        Assert.All(flagged.Where(v => v.Click.UserId is null), v => Assert.Equal([InvalidTrafficCodes.BotUserAgent], v.Rules));
    }

    [Fact]
    public void TheCpcJump_HalvesDouyinFeedsClicks_ForItsWeek_WithSpendAndImpressionsAsUsual()
    {
        var jump = Truth.CpcJump;
        Assert.Equal(("douyin_ads", "douyin-feed", new DateOnly(2025, 8, 11), new DateOnly(2025, 8, 17), 2.0m), (jump.Channel, jump.Campaign, jump.From, jump.To, jump.Factor));
        Assert.Equal(DayOfWeek.Monday, jump.From.DayOfWeek);

        // The medium demo's spend rows (about 100 clicks a day on the campaign): three weeks either side against the week.
        var rows = MediumSpend.Value.Where(s => s.Channel == jump.Channel && s.Campaign == jump.Campaign).ToList();
        var during = rows.Where(r => r.Date >= jump.From && r.Date <= jump.To).ToList();
        var around = rows.Where(r => (r.Date >= jump.From.AddDays(-21) && r.Date < jump.From) || (r.Date > jump.To && r.Date <= jump.To.AddDays(21))).ToList();
        static double Ctr(List<SpendFact> r) => (double)r.Sum(s => s.Clicks!.Value) / r.Sum(s => s.Impressions!.Value);
        static decimal Cpc(List<SpendFact> r) => r.Sum(s => s.Spend) / r.Sum(s => s.Clicks!.Value);
        static decimal PerTouch(List<SpendFact> r) => r.Sum(s => s.Spend) / r.Sum(s => s.Impressions!.Value);

        // Binomial noise on some 700 clicks a week: within 10% of the factor.
        Assert.InRange(Ctr(during) / Ctr(around), 0.45, 0.55);
        Assert.InRange(Cpc(during) / Cpc(around), 1.8m, 2.2m);
        Assert.InRange(PerTouch(during) / PerTouch(around), 0.93m, 1.07m);
    }

    [Fact]
    public void TheDeliveryDetector_FindsTheJumpWeeksCpc_AndRaisesFewPriceAlarmsTheRestOfTheYear()
    {
        var jump = Truth.CpcJump;
        var first = LastMonth.AddMonths(-11).FirstDay;
        var byDay = MediumSpend.Value.Where(s => s.Channel == jump.Channel && s.Campaign == jump.Campaign).ToDictionary(s => s.Date);
        var days = Enumerable.Range(0, LastMonth.AddMonths(1).FirstDay.DayNumber - first.DayNumber)
            .Select(i => byDay.TryGetValue(first.AddDays(i), out var s) ? new DeliveryDay(s.Spend, s.Impressions ?? 0, s.Clicks ?? 0, 0) : default)
            .ToList();
        DateOnly Day(int t) => first.AddDays(t);

        var cpc = DeliveryAnomalies.Scan(days, DeliveryMetric.Cpc);
        var ctr = DeliveryAnomalies.Scan(days, DeliveryMetric.Ctr);

        // Found on the jump's first day; the detector takes a level held three days as the new normal, so the run may split.
        var ups = cpc.Where(a => a.Direction == Core.Anomalies.AnomalyDirection.Up && Day(a.Start) >= jump.From && Day(a.Start) <= jump.To).ToList();
        Assert.Equal(jump.From, Day(ups[0].Start));
        Assert.InRange(ups[0].Value / ups[0].Expected, 1.6, 2.6);
        Assert.Contains(ctr, a => a.Direction == Core.Anomalies.AnomalyDirection.Down && Day(a.Start) >= jump.From && Day(a.Start) <= jump.To);

        // Away from the jump (and the week after, when the detector has taken the new level and sees the price come back):
        // measured none in the other 351 days (seed 42, medium; the hundredths floor alone gave 2 to 3 a month); more than 3
        // is a regression to a floor below the price's sampling noise.
        var elsewhere = cpc.Count(a => Day(a.Start) < jump.From || Day(a.Start) > jump.To.AddDays(7));
        Assert.True(elsewhere <= 3, $"{elsewhere} CPC anomalies away from the jump");
    }

    private static readonly Lazy<List<SpendFact>> MediumSpend = new(() =>
    {
        var sink = new SpendSink();
        DemoCompany.Generate(new DemoOptions(42, DemoScale.Medium, LastMonth), sink);
        return sink.Rows;
    });

    private sealed class SpendSink : IDemoSink
    {
        public List<SpendFact> Rows { get; } = [];

        public void Add(IFact fact)
        {
            if (fact is SpendFact s)
            {
                Rows.Add(s);
            }
        }
    }

    private sealed class ListSink : IDemoSink
    {
        public List<IFact> Facts { get; } = [];

        public void Add(IFact fact) => Facts.Add(fact);
    }
}
