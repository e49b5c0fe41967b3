using Mercato.Core.DataCenter;
using Mercato.Core.Demo;

namespace Mercato.Core.Tests.Demo;

/// <summary>The demo's social, app-store and online-store rows, and how they agree with the rest of its data.</summary>
public class DemoOperationsTests
{
    private static readonly YearMonth LastMonth = new(2026, 3);
    private static readonly Lazy<(List<IFact> Facts, DemoGroundTruth Truth)> SmallRun = new(() =>
    {
        var sink = new ListSink();
        var truth = DemoCompany.Generate(new DemoOptions(7, DemoScale.Small, LastMonth), sink);
        return (sink.Facts, truth);
    });

    private static List<IFact> Facts => SmallRun.Value.Facts;

    private static DemoGroundTruth Truth => SmallRun.Value.Truth;

    private static int Days => LastMonth.AddMonths(1).FirstDay.DayNumber - Truth.FirstMonth.FirstDay.DayNumber;

    private static DateOnly UtcDay(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);

    [Fact]
    public void Store_OrdersAndGmvPerDay_AreTheDaysHomeCareConversions()
    {
        var store = Facts.OfType<StoreSalesFact>().ToList();
        var homeCare = Facts.OfType<Conversion>().Where(c => c.Revenue < 20_000m)
            .GroupBy(c => UtcDay(c.Timestamp))
            .ToDictionary(g => g.Key, g => (Orders: (long)g.Count(), Gmv: g.Sum(c => c.Revenue)));

        Assert.Equal(Days, store.Count);
        Assert.All(store, s =>
        {
            Assert.Equal("tmall_flagship", s.Store);
            var expected = homeCare.GetValueOrDefault(s.Date);
            Assert.Equal((expected.Orders, expected.Gmv), (s.Orders, s.Gmv));
            Assert.True(s.Visitors >= s.Orders, s.Date.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(s.Refunds!.Value, 0m, s.Gmv * 0.14m + 0.01m);
        });
        Assert.Equal(homeCare.Values.Sum(v => v.Orders), store.Sum(s => s.Orders));
        var conversion = (double)store.Sum(s => s.Orders) / store.Sum(s => s.Visitors!.Value);
        Assert.InRange(conversion, 0.01, 0.10);
    }

    [Fact]
    public void AppStores_TwoStoresADay_InstallsAtLeastTheAppsInstallEvents_InAFunnel()
    {
        var rows = Facts.OfType<AppStoreFact>().ToList();
        var installEvents = Facts.OfType<ActivityEvent>().Where(a => a.Event == "install").GroupBy(a => UtcDay(a.Timestamp))
            .ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(2 * Days, rows.Count);
        Assert.Equal(["apple_app_store", "huawei_appgallery"], rows.Select(r => r.Store).Distinct().Order(StringComparer.Ordinal));
        foreach (var day in rows.GroupBy(r => r.Date))
        {
            Assert.InRange(day.Sum(r => r.Installs), installEvents.GetValueOrDefault(day.Key), (long)(installEvents.GetValueOrDefault(day.Key) * 1.3) + 2);
        }

        Assert.All(rows, r => Assert.True(r.Installs <= r.ProductPageViews && r.ProductPageViews <= r.Impressions, r.Date.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Social_FiveAccountsADay_GrowOverTheYear_DipAndSpikeInTheCrisis()
    {
        var rows = Facts.OfType<SocialFact>().ToList();
        var crisis = Truth.CrisisMonth;

        Assert.Equal(5 * Days, rows.Count);
        Assert.Equal(5, rows.Select(r => (r.Platform, r.Account)).Distinct().Count());
        Assert.All(rows, r => Assert.True(r.Followers >= 0 && r.Reads >= 0 && r.Interactions >= 0 && r.Posts >= 0));
        foreach (var account in rows.GroupBy(r => (r.Platform, r.Account)))
        {
            var ordered = account.OrderBy(r => r.Date).ToList();
            Assert.True(ordered[^1].Followers > ordered[0].Followers, account.Key.ToString());
        }

        var weibo = rows.Where(r => r.Platform == "weibo").ToList();
        long Followers(DateOnly day) => weibo.Single(r => r.Date == day).Followers!.Value;
        double MeanReads(YearMonth month) => weibo.Where(r => YearMonth.Of(r.Date) == month).Average(r => (double)r.Reads!.Value);

        Assert.True(Followers(crisis.FirstDay.AddDays(9)) < Followers(crisis.FirstDay.AddDays(-1)), "followers dip in the crisis");
        Assert.True(MeanReads(crisis) > 1.3 * MeanReads(crisis.AddMonths(-1)), "reads spike in the crisis");
    }

    [Fact]
    public void Articles_AreViewedOnlyOncePublished_AndNewOnesAppearEveryMonth()
    {
        var firstSeen = Facts.OfType<ActivityEvent>().Where(a => a.ContentId is not null)
            .GroupBy(a => a.ContentId!)
            .ToDictionary(g => g.Key, g => g.Min(a => a.Timestamp));

        Assert.InRange(firstSeen.Count, 500, DemoCatalog.ArticleCount);
        var newPerMonth = firstSeen.Where(kv => int.Parse(kv.Key["article-".Length..], System.Globalization.CultureInfo.InvariantCulture) > DemoCatalog.BackCatalogueArticles)
            .GroupBy(kv => YearMonth.Of(UtcDay(kv.Value)))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(1, 10).Select(m => Truth.FirstMonth.AddMonths(m)), m => Assert.InRange(newPerMonth.GetValueOrDefault(m), 10, 30));
    }

    private sealed class ListSink : IDemoSink
    {
        public List<IFact> Facts { get; } = [];

        public void Add(IFact fact) => Facts.Add(fact);
    }
}
