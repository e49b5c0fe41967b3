using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Listening;

public class ListeningReportTests
{
    private static readonly WatchList Watch = new(
    [
        new WatchTerm("Kangning", WatchKind.Brand, []), new WatchTerm("Yuwell", WatchKind.Competitor, []),
        new WatchTerm("Omron", WatchKind.Competitor, []), new WatchTerm("召回", WatchKind.Risk, []),
    ]);

    private static long Hour(DateOnly day, int hour) => (LocalTime.MidnightIn(day, TimeZoneInfo.Utc).ToUnixTimeSeconds() / 3600) + hour;

    [Fact]
    public void Build_CountsDaysTermsShareOfVoiceAndSources_Exactly()
    {
        var d1 = new DateOnly(2026, 3, 1);
        var hourly = new List<MentionHourCount>
        {
            new(Hour(d1, 8), "positive", "|Kangning|", 3, 30, 0),
            new(Hour(d1, 9), "negative", "|Kangning|召回|", 2, 20, 0),
            new(Hour(d1, 9), "neutral", "|Kangning|Yuwell|", 1, 10, 0),
            new(Hour(d1.AddDays(1), 1), "positive", "|Yuwell|", 4, 0, 0),
            new(Hour(d1.AddDays(1), 2), "not_scored", "", 5, 0, 0),
            // Before the window: only the detectors' baseline.
            new(Hour(d1.AddDays(-3), 2), "positive", "|Kangning|", 50, 0, 0),
        };
        var sources = new List<MentionSourceCount>
        {
            new("weibo", "zh", "positive", 3, 30, 1.5), new("weibo", "zh", "negative", 2, 20, -1.0), new("news", "en", "neutral", 1, 10, 0),
            new("weibo", "", "not_scored", 5, 0, 0), new("twitter", "en", "positive", 4, 0, 2.0),
        };

        var s = ListeningReport.Build(d1, d1.AddDays(1), TimeZoneInfo.Utc, hourly, sources, Watch);

        Assert.Equal(new LabelCounts(15, 7, 2, 1, 5, 60), s.Totals);
        Assert.Equal(0.2, s.Totals.NegativeShare);
        Assert.Equal([new ListeningDay(d1, new(6, 3, 2, 1, 0, 60)), new ListeningDay(d1.AddDays(1), new(9, 4, 0, 0, 5, 0))], s.Days);
        Assert.Equal(new LabelCounts(6, 3, 2, 1, 0, 60), s.Terms[0].Counts);
        Assert.Equal(new LabelCounts(5, 4, 0, 1, 0, 10), s.Terms[1].Counts);
        Assert.Equal(LabelCounts.Zero, s.Terms[2].Counts);
        Assert.Equal(new LabelCounts(2, 0, 2, 0, 0, 20), s.Terms[3].Counts);
        // 6 + 5 + 0 brand mentions: Kangning 6/11, Yuwell 5/11, Omron 0; net sentiment (pos − neg) ÷ scored.
        Assert.Equal(["Kangning", "Yuwell", "Omron"], s.ShareOfVoice.Select(v => v.Term));
        Assert.Equal(6.0 / 11, s.ShareOfVoice[0].Share, 12);
        Assert.Equal(5.0 / 11, s.ShareOfVoice[1].Share, 12);
        Assert.Equal(1.0 / 6, s.ShareOfVoice[0].NetSentiment!.Value, 12);
        Assert.Null(s.ShareOfVoice[2].NetSentiment);
        Assert.Equal(["weibo", "twitter", "news"], s.Sources.Select(x => x.Source));
        Assert.Equal(0.1, s.Sources[0].MeanScore!.Value, 12);
        Assert.Equal(new LabelCounts(10, 3, 2, 0, 5, 50), s.Sources[0].Counts);
        Assert.Equal([new("zh", 5L), new("", 5L), new("en", 5L)], s.Languages.Select(p => new KeyValuePair<string, long>(p.Key, p.Value)).OrderBy(p => p.Key == "zh" ? 0 : p.Key == "" ? 1 : 2));
        Assert.Empty(s.Spikes);
    }

    [Fact]
    public void Build_AnHourBelongsToTheLocalDayItStartsOn()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var d1 = new DateOnly(2026, 3, 1);
        // 17:00Z on March 1 is 01:00 on March 2 in Shanghai.
        var hourly = new List<MentionHourCount> { new(Hour(d1, 17), "positive", "", 1, 0, 0), new(Hour(d1, 15), "positive", "", 2, 0, 0) };

        var s = ListeningReport.Build(d1, d1.AddDays(1), zone, hourly, [], Watch);

        Assert.Equal([2L, 1L], s.Days.Select(d => d.Counts.Mentions));
    }

    [Fact]
    public void Build_FindsAPlantedSpikeOfATerm_AndTheNegativeSurge_NotTheQuietDays()
    {
        var from = new DateOnly(2026, 5, 1);
        var to = new DateOnly(2026, 5, 31);
        var random = new Random(7);
        var hourly = new List<MentionHourCount>();
        for (var day = from.AddDays(-ListeningReport.History); day <= to; day = day.AddDays(1))
        {
            var rumour = day >= new DateOnly(2026, 5, 20) && day <= new DateOnly(2026, 5, 21);
            var positive = 30 + random.Next(10);
            var negative = rumour ? 80 : 4 + random.Next(4);
            hourly.Add(new(Hour(day, 10), "positive", "|Kangning|", positive, 0, 0));
            hourly.Add(new(Hour(day, 11), "negative", rumour ? "|Kangning|召回|" : "|Kangning|", negative, 0, 0));
        }

        var s = ListeningReport.Build(from, to, TimeZoneInfo.Utc, hourly, [], Watch);

        var start = LocalTime.MidnightIn(new DateOnly(2026, 5, 20), TimeZoneInfo.Utc);
        var end = LocalTime.MidnightIn(new DateOnly(2026, 5, 22), TimeZoneInfo.Utc);
        Assert.Equal(["Kangning", "all", "negative_share", "召回"], s.Spikes.Select(x => x.Series));
        Assert.All(s.Spikes, x => Assert.Equal((start, end), (x.Start, x.End)));
        var surge = s.Spikes.Single(x => x.Series == "negative_share");
        Assert.InRange(surge.Value, 0.66, 0.74);
        Assert.InRange(surge.Expected, 0.10, 0.18);
    }

    [Fact]
    public void NegativeSurge_NeedsCounts_NotJustAShare()
    {
        var quiet = Enumerable.Repeat(new LabelCounts(100, 80, 10, 10, 0, 0), 30).ToList();
        // 4 of 6 negative is a share of 67%, but too few mentions to call a surge.
        var small = quiet.Append(new LabelCounts(6, 2, 4, 0, 0, 0)).ToList();
        // 45 of 100: z = (45 − 10) / √(100 × 0.1 × 0.9) = 11.7.
        var large = quiet.Append(new LabelCounts(100, 45, 45, 10, 0, 0)).ToList();
        // 15 of 100: z = 5 / 3 = 1.7, below the threshold.
        var mild = quiet.Append(new LabelCounts(100, 75, 15, 10, 0, 0)).ToList();

        Assert.Empty(NegativeSurge.Scan(small));
        Assert.Empty(NegativeSurge.Scan(mild));
        var run = Assert.Single(NegativeSurge.Scan(large));
        Assert.Equal((30, 30, 30, 0.45, 0.1), (run.Start, run.End, run.Peak, run.Share, run.Expected));
        Assert.Equal(35 / Math.Sqrt(9), run.Z, 9);
    }

    [Fact]
    public void NegativeSurge_ASurgeDoesNotRaiseItsOwnBaseline()
    {
        var days = Enumerable.Repeat(new LabelCounts(100, 80, 10, 10, 0, 0), 30)
            .Concat(Enumerable.Repeat(new LabelCounts(100, 30, 60, 10, 0, 0), 5)).ToList();

        var run = Assert.Single(NegativeSurge.Scan(days));

        Assert.Equal((30, 34), (run.Start, run.End));
        Assert.Equal(0.1, run.Expected, 12);
    }

    [Fact]
    public void MentionWords_KeepLatinWordsAndCutChinese_WithoutStopWords()
    {
        Assert.Equal(["nebulizer", "broke", "week"], MentionWords.Of("The nebulizer broke after a week!"));
        Assert.Equal(["雾化", "化器"], MentionWords.Of("雾化器"));
        Assert.Equal(["康宁", "雾化器", "cost", "yuan"], MentionWords.Of("康宁的雾化器 cost 300 yuan", s => s == "康宁的雾化器" ? ["康宁", "的", "雾化器"] : [s]));
    }

    [Fact]
    public void TopTerms_ATermOfOneWeekRises_ATermOfEveryWeekSinks()
    {
        IReadOnlyList<string> Week(params string[] words) => words;
        var weeks = new[]
        {
            Week("kangning", "kangning", "great", "price"),
            Week("kangning", "kangning", "recall", "recall", "recall"),
            Week("kangning", "kangning", "great"),
        };

        var top = TopTerms.ByPeriod(weeks, 2);

        Assert.Equal("recall", top[1][0].Term);
        // tf 3/5, idf ln(4/2) + 1.
        Assert.Equal(0.6 * (Math.Log(2) + 1), top[1][0].Score, 12);
        Assert.Equal(("kangning", 2L), (top[1][1].Term, top[1][1].Count));
        // Week 1: kangning 2/4 × (ln(4/4) + 1) = 0.5 stays above price 1/4 × (ln(4/2) + 1) = 0.42 and great 1/4 × (ln(4/3) + 1) = 0.32:
        // a name that fills every week still ranks, which is why the watch list's spellings are left out.
        Assert.Equal(["kangning", "price"], top[0].Select(t => t.Term));
        Assert.DoesNotContain(TopTerms.ByPeriod(weeks, 5, new HashSet<string> { "kangning" }).SelectMany(w => w), t => t.Term == "kangning");
    }
}
