using Mercato.Core.Kpis;

namespace Mercato.Core.Tests.Kpis;

public class KpiCalculatorTests
{
    private static readonly KpiPeriod March = KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

    private static ActivityFigures Activity(IReadOnlyList<RetentionCohort> cohorts, DateOnly lastDay) =>
        new(100, new DateOnly(2026, 1, 1), lastDay, 10, cohorts, 31, 62, 155, 20, 8, 1000, 3, 40, 6, 2, 5, 7, 1);

    private static KpiReport Compute(ActivityFigures? activity = null, SocialFigures? social = null, AppStoreFigures? appStore = null,
        StoreSalesFigures? store = null, SpendFigures? spend = null, ConversionFigures? conversions = null, MentionFigures? mentions = null,
        ListeningInputs? listening = null, string zone = "UTC") =>
        KpiCalculator.Compute(new KpiFigures(March, zone, activity, social, appStore, store, spend, conversions, mentions, listening));

    private static readonly ListeningInputs Voice = new(["kangning", "kn-nebulizer"], ["rival"], []);

    [Fact]
    public void ShareOfVoice_CountsEachBrandAndCompetitorTermNamed()
    {
        // 10 name the brand only, 4 name the brand and the rival, 6 the rival only, 3 the brand and its nebulizer term,
        // 7 only a risk term: brand-term mentions = 10 + 4 + 3·2 = 20, voice = 20 + 4 + 6 = 30.
        var mentions = new MentionFigures(40, 40, 5, 0,
        [
            new("|kangning|", 10), new("|kangning|rival|", 4), new("|rival|", 6), new("|kangning|kn-nebulizer|", 3), new("|recall|", 7),
        ]);

        var report = Compute(mentions: mentions, listening: Voice);

        Assert.Equal(0.6667m, report["share_of_voice"].Value);
        Assert.Equal([20m, 30m], report["share_of_voice"].Inputs.Select(i => i.Value));
        Assert.Equal(KpiCodes.NoVoiceTerms, Compute(mentions: mentions)["share_of_voice"].Reason!.Code);
        Assert.Equal(KpiCodes.NoVoiceTerms, Compute(mentions: mentions, listening: Voice with { CompetitorTerms = [] })["share_of_voice"].Reason!.Code);
        Assert.Equal(KpiCodes.NoVoiceMentions,
            Compute(mentions: new MentionFigures(7, 7, 0, 0, [new("|recall|", 7)]), listening: Voice)["share_of_voice"].Reason!.Code);
        Assert.Equal(KpiCodes.NoKindData, Compute(listening: Voice)["share_of_voice"].Reason!.Code);
    }

    [Fact]
    public void CrisisTimes_AreMeansOverTheCasesOpenedOrClosedInThePeriod_InLocalDays()
    {
        static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var cases = new ListeningInputs([], [],
        [
            new(At("2026-03-02T08:00:00Z"), At("2026-03-02T11:00:00Z"), At("2026-03-05T08:00:00Z")),   // 3 h, closed after 72 h
            new(At("2026-03-10T00:00:00Z"), At("2026-03-10T06:30:00Z"), null),                          // 6.5 h, still open
            new(At("2026-03-20T00:00:00Z"), null, null),                                                  // no statement approved yet
            new(At("2026-02-27T00:00:00Z"), At("2026-02-27T01:00:00Z"), At("2026-03-01T12:00:00Z")),    // opened in February, closed after 60 h
            new(At("2026-03-31T20:00:00Z"), At("2026-03-31T22:00:00Z"), null),                          // 31 March in UTC, 1 April in Shanghai
        ]);

        var utc = Compute(listening: cases);
        var shanghai = Compute(listening: cases, zone: "Asia/Shanghai");

        Assert.Equal(3.8333m, utc["crisis_response_hours"].Value);            // (3 + 6.5 + 2) / 3
        Assert.Equal([4m, 3m, 11.5m], utc["crisis_response_hours"].Inputs.Select(i => i.Value));
        Assert.Equal(66m, utc["crisis_resolution_hours"].Value);              // (72 + 60) / 2
        Assert.Equal(4.75m, shanghai["crisis_response_hours"].Value);         // (3 + 6.5) / 2: the last case opened on 1 April there
        Assert.Equal(KpiCodes.NoCrisisCases, Compute()["crisis_response_hours"].Reason!.Code);
        Assert.Equal(KpiCodes.NoClosedCrisisCases, Compute()["crisis_resolution_hours"].Reason!.Code);
        Assert.Equal(KpiCodes.NoCrisisCases,
            Compute(listening: new ListeningInputs([], [], [new(At("2026-03-20T00:00:00Z"), null, null)]))["crisis_response_hours"].Reason!.Code);
    }

    [Fact]
    public void Mentions_NegativeShareOfTheScored_AndReach()
    {
        var report = Compute(mentions: new MentionFigures(RowsInPeriod: 40, Scored: 30, Negative: 7, Reach: 12_345, Terms: []));
        var unscored = Compute(mentions: new MentionFigures(5, 0, 0, 0, []));
        var none = Compute(mentions: new MentionFigures(0, 0, 0, 0, []));

        Assert.Equal(0.2333m, report["negative_share"].Value);   // 7 / 30
        Assert.Equal([7m, 30m], report["negative_share"].Inputs.Select(i => i.Value));
        Assert.Equal(12_345m, report["mention_reach"].Value);
        Assert.Null(unscored["negative_share"].Value);
        Assert.Equal(KpiCodes.NoScoredMentions, unscored["negative_share"].Reason!.Code);
        Assert.Equal(0m, unscored["mention_reach"].Value);
        Assert.Equal(KpiCodes.NoKindDataInPeriod, none["negative_share"].Reason!.Code);
        Assert.Equal(KpiCodes.NoKindData, Compute()["mention_reach"].Reason!.Code);
    }

    [Fact]
    public void Compute_GivesOneResultPerCatalogKpi_InCatalogOrder()
    {
        var report = Compute();

        Assert.Equal(KpiCatalog.All.Select(k => k.Id), report.Kpis.Select(k => k.Id));
        Assert.Equal(("2026-03", "UTC"), (report.Period.ToString(), report.TimeZone));
        Assert.Same(KpiCatalog.Find("aov"), report["aov"].Definition);
    }

    [Fact]
    public void Activity_QuotientsAreRoundedToFourPlaces_CountsAreExact()
    {
        var report = Compute(Activity([new RetentionCohort(new DateOnly(2026, 3, 1), 3, 1, 0, 0)], new DateOnly(2026, 4, 30)));

        Assert.Equal(2m, report["dau"].Value);            // 62 / 31
        Assert.Equal(5m, report["wau"].Value);            // 155 / 31
        Assert.Equal(20m, report["mau"].Value);
        Assert.Equal(2.0833m, report["avg_session_minutes"].Value); // 1000 s / 60 / 8 = 2.08333…
        Assert.Equal(0.8m, report["visits_per_user"].Value);        // 8 / 10
        Assert.Equal(0.3333m, report["retention_d1"].Value);        // 1 / 3
        Assert.Equal(3m, report["new_users"].Value);
        Assert.Equal([3m, 40m, 6m, 2m, 5m, 7m, 1m],
            new[] { "content_published", "content_views", "content_interactions", "content_shares", "installs", "registrations", "posts" }
                .Select(id => report[id].Value!.Value));
    }

    [Fact]
    public void Retention_LeavesOutCohortsWhoseDayNIsAfterTheLastDay_AndSaysSoWhenNoneIsLeft()
    {
        var cohorts = new[]
        {
            new RetentionCohort(new DateOnly(2026, 3, 1), 4, 2, 1, 0),  // day 30 = 03-31: in
            new RetentionCohort(new DateOnly(2026, 3, 20), 6, 3, 2, 5), // day 7 = 03-27: in; day 30 = 04-19: out
            new RetentionCohort(new DateOnly(2026, 3, 30), 10, 9, 0, 0), // day 1 = 03-31: in; day 7: out
        };

        var report = Compute(Activity(cohorts, new DateOnly(2026, 3, 31)));

        Assert.Equal(0.7m, report["retention_d1"].Value);   // (2 + 3 + 9) / 20
        Assert.Equal(0.3m, report["retention_d7"].Value);   // (1 + 2) / 10, 10 left out
        Assert.Equal([3m, 10m, 10m], report["retention_d7"].Inputs.Select(i => i.Value));
        Assert.Equal(0m, report["retention_d30"].Value);    // 0 / 4, 16 left out

        var early = Compute(Activity(cohorts, new DateOnly(2026, 3, 30)));
        Assert.Null(early["retention_d30"].Value);
        Assert.Equal(Message.Of(KpiCodes.NoUserOldEnough, ("days", 30), ("last", new DateOnly(2026, 3, 30))), early["retention_d30"].Reason);
    }

    [Fact]
    public void MissingKinds_AndKindsWithoutRowsInThePeriod_GiveTheirReasons()
    {
        var report = Compute(
            social: new SocialFigures(0, null, null, []),
            store: new StoreSalesFigures(5, 0, 0m, null, 0),
            spend: new SpendFigures(2, 30m, null, 4));

        Assert.Equal(Message.Of(KpiCodes.NoKindData, ("kind", "activity")), report["dau"].Reason);
        Assert.Equal(Message.Of(KpiCodes.NoKindDataInPeriod, ("kind", "social")), report["reads"].Reason);
        Assert.Equal(Message.Of(KpiCodes.NoKindData, ("kind", "appstore")), report["store_installs"].Reason);
        Assert.Equal((0m, (Message?)null), (report["gmv"].Value, report["gmv"].Reason));
        Assert.Equal(new Message(KpiCodes.NoOrdersInPeriod), report["aov"].Reason);
        Assert.Equal(Message.Of(KpiCodes.NoRowCarries, ("kind", "store"), ("field", "visitors")), report["store_conversion"].Reason);
        Assert.Equal(Message.Of(KpiCodes.NoRowCarries, ("kind", "spend"), ("field", "impressions")), report["reach"].Reason);
        Assert.Equal(4m, report["clicks"].Value);
        Assert.Equal(Message.Of(KpiCodes.NoKindData, ("kind", "conversions")), report["cpa"].Reason);
        Assert.All(report.Kpis.Where(k => k.Value is null), k => Assert.NotNull(k.Reason));
    }

    [Fact]
    public void FollowersGained_SumsEachAccountsEndMinusBefore()
    {
        var report = Compute(social: new SocialFigures(3, 10, 2,
            [new AccountFollowers("weibo", "a", 100, 130), new AccountFollowers("douyin", "b", 500, 480)]));

        Assert.Equal(10m, report["followers_gained"].Value);
        Assert.Equal([610m, 600m, 2m], report["followers_gained"].Inputs.Select(i => i.Value));
    }

    [Fact]
    public void MeasurementKpis_AreLeftForTheHost()
    {
        var report = Compute(spend: new SpendFigures(1, 10m, 1, 1), conversions: new ConversionFigures(2));

        Assert.Equal(5m, report["cpa"].Value);
        Assert.All(new[] { report["roi"], report["roas"] }, r => Assert.Equal((null, KpiCalculator.MeasurementReason), (r.Value, r.Reason)));
    }
}
