using Mercato.Core.Demo;
using Mercato.Core.Kpis;
using Mercato.Core.Listening;
using Mercato.Storage.Demo;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Kpis;

public abstract class DemoKpisTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    [Fact]
    public void SmallDemo_MiddleMonth_HasAValueForEveryStoreComputedKpi()
    {
        // The demo's mentions read as the program reads them: Chinese by Mercato's lexicon over jieba (English left to a
        // one-word VADER lexicon), so the PR department's negative share has scored mentions.
        var annotator = new MentionAnnotator(
            new SentimentScorer(new Vader(VaderLexicon.Parse(new StringReader("bad\t-2.5\n"))),
                new ChineseSentiment(ChineseLexicon.Shipped, ChineseSegmenter.Load(Path.Combine(AppContext.BaseDirectory, "Listening", "jieba")))),
            DemoMentions.WatchList);
        var truth = DataCenterQueries.Wait(DemoFacts.LoadAsync(Store.Inner.Sink, Small, annotator, null, default)).Truth;
        var month = truth.FirstMonth.AddMonths(5);
        // The watch list's kinds as the host adds them; no crisis case (the host's demo adds its case, in the crisis month).
        var terms = DemoMentions.WatchList.Terms;
        var listening = new ListeningInputs(
            [.. terms.Where(t => t.Kind == WatchKind.Brand).Select(t => t.Term)], [.. terms.Where(t => t.Kind == WatchKind.Competitor).Select(t => t.Term)], []);

        var report = KpiCalculator.Compute(new KpiQueries(Store).Figures(KpiPeriod.Month(month)) with { Listening = listening });

        foreach (var kpi in KpiCatalog.All)
        {
            var result = report[kpi.Id];
            if (kpi.Source == KpiSource.Measurement)
            {
                Assert.Null(result.Value);
                continue;
            }

            if (kpi.SourceKinds.Contains("crisis_cases"))
            {
                Assert.Null(result.Value);
                continue;
            }

            Assert.True(result.Value is not null, $"{kpi.Id}: {result.Reason}");
            Assert.True(result.Value > 0, $"{kpi.Id} = {result.Value}");
        }

        // Day-1 retention is the highest (day 7 and day 30 are close at this scale: 62 new users), and the store's orders are
        // the month's home-care conversions.
        var values = string.Join(", ", report.Kpis.Select(k => k.Id + "=" + k.Value));
        Assert.True(report["retention_d1"].Value > report["retention_d7"].Value, values);
        Assert.True(report["retention_d1"].Value > report["retention_d30"].Value, values);
        Assert.True(report["dau"].Value < report["wau"].Value && report["wau"].Value < report["mau"].Value);
        var homeCare = Query<(long Orders, long Revenue)>(
            "SELECT COUNT(*), CAST(SUM(revenue) AS BIGINT) FROM conversions WHERE revenue < 200000000 AND ts >= @first AND ts < @end",
            new { first = Ms(month.Year, month.Month, 1), end = Ms(month.AddMonths(1).Year, month.AddMonths(1).Month, 1) }).Single();
        Assert.Equal(homeCare.Orders, report["orders"].Value);
        Assert.Equal(homeCare.Revenue / 10_000m, report["gmv"].Value);
    }

    [Fact]
    public void SmallDemo_CrisisMonth_LosesFollowersOnTheRumourPlatforms_AndReadsSpike()
    {
        var truth = new DemoData(Store).Load(Small).Truth;
        var queries = new KpiQueries(Store);

        var before = queries.Compute(KpiPeriod.Month(truth.CrisisMonth.AddMonths(-1)));
        var crisis = queries.Compute(KpiPeriod.Month(truth.CrisisMonth));

        Assert.True(crisis["followers_gained"].Value < before["followers_gained"].Value / 2);
        Assert.True(crisis["orders"].Value < before["orders"].Value);
        Assert.True(crisis["reads"].Value > before["reads"].Value);
        Assert.True(crisis["social_interactions"].Value > 1.5m * before["social_interactions"].Value);
    }
}

public sealed class DemoKpisTestsOnSqlite() : DemoKpisTests(StoreProvider.Sqlite);

public sealed class DemoKpisTestsOnPostgres() : DemoKpisTests(StoreProvider.Postgres);
