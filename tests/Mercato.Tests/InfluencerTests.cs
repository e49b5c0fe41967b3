using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Imports;
using Mercato.Features.Influencers;
using Mercato.Storage.Import;

namespace Mercato.Tests;

/// <summary>The influencer directory and audits through the use cases, the CLI and the API, on a hand-made workspace whose figures are worked by hand.</summary>
public class InfluencerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Influencer Wang => new(
        "dr-wang", "Dr Wang", InfluencerPlatform.Douyin, "drwang", ["health"], [new RateCardItem(DeliverableKind.Video, 1000m)],
        new InfluencerCodes(["KOL-WANG"], [], ["Dr Wang"], ["kol-wang-fee"]),
        [new Collaboration("2026-march", null, [new Deliverable(DeliverableKind.Video, 3)], 1000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), CollaborationStatus.Completed, "KOL-WANG")],
        DeclaredFollowers: 9_000);

    /// <summary>
    /// Four users in March 2026: u1 touched by KOL-WANG buys 100; u2 touched by KOL-WANG does not buy; u3 by search buys 50;
    /// u4 by KOL-WANG then search buys 200. Dr Wang's kol_fee row for March is 800; two posts, 65 and 130 engagements,
    /// 1,000 and 3,000 views; snapshots of 10,000 followers on 03-01 and 10,500 on 03-15.
    /// </summary>
    private static async Task SeedAsync(TestWorkspace w)
    {
        await ImportAsync(w, DataKinds.Touchpoints, """
            user_id,timestamp,channel,type,referral_code
            u1,2026-03-02T10:00:00Z,kol,referral,KOL-WANG
            u2,2026-03-03T10:00:00Z,kol,referral,kol-wang
            u3,2026-03-04T10:00:00Z,search,click,
            u4,2026-03-05T10:00:00Z,kol,referral,KOL-WANG
            u4,2026-03-05T11:00:00Z,search,click,
            """);
        await ImportAsync(w, DataKinds.Conversions, """
            conversion_id,user_id,timestamp,revenue,cost
            o1,u1,2026-03-02T12:00:00Z,100,40
            o3,u3,2026-03-04T12:00:00Z,50,20
            o4,u4,2026-03-05T12:00:00Z,200,80
            """);
        await ImportAsync(w, DataKinds.Costs, """
            month,channel,category,amount,kind,campaign
            2026-03,kol,kol_fee,800,fixed,kol-wang-fee
            """);
        await ImportAsync(w, DataKinds.InfluencerPosts, """
            post_id,influencer,timestamp,campaign,views,likes,comments,shares
            p1,DR-WANG,2026-03-10T08:00:00Z,,1000,50,10,5
            p2,dr-wang,2026-03-20T08:00:00Z,KOL-WANG,3000,100,20,10
            """);
        await ImportAsync(w, DataKinds.InfluencerSnapshots, """
            date,influencer,followers,following,posts
            2026-03-01,dr-wang,10000,200,80
            2026-03-15,dr-wang,10500,200,82
            """);
    }

    private static async Task ImportAsync(TestWorkspace w, DataKind kind, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\r", "", StringComparison.Ordinal) + "\n");
        var result = await w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
        Assert.Equal(ImportStatus.Committed, result.Status);
    }

    [Fact]
    public async Task Directory_SavesListsAndRefusesCodesThatWouldJoinTwoOwners()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var directory = w.Get<InfluencerDirectoryUseCases>();
        await w.Get<IDocumentStore>().CommitAsync(
            [DocumentChange.Put(CampaignDocuments.Campaigns, new Campaign("spring", "Spring sale", CampaignType.ProductLaunch, "marketing", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), codes: ["spring-2026"]))],
            new NamedUser("tester"), Ct);

        var saved = await directory.SaveAsync(Wang, 0, Ct);
        Assert.True(saved.IsOk);
        Assert.Equal(1, saved.Value!.Version);

        // Creating the same id again is refused; a second influencer may not reuse a code (ignoring case) nor take a campaign's.
        Assert.Equal(InfluencerDirectoryCodes.Exists, (await directory.SaveAsync(Wang, 0, Ct)).Code);
        var li = new Influencer("li-na", "Li Na", InfluencerPlatform.Xiaohongshu, "lina", [], [], new InfluencerCodes(["kol-wang", "SPRING-2026"], [], [], []), []);
        var refused = await directory.SaveAsync(li, 0, Ct);
        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        Assert.Equal(
            [("codes.referral[0]", InfluencerDirectoryCodes.CodeTakenByInfluencer), ("codes.referral[1]", InfluencerDirectoryCodes.CodeIsCampaign)],
            refused.Problems.Select(p => (p.Path, p.Code)));
        Assert.Single(await directory.EntriesAsync(Ct));

        // The tier follows the declared followers until a snapshot is imported.
        var listed = (await directory.ListAsync(new InfluencerFilter(Tier: "nano"), Ct)).Value!;
        Assert.Equal((9_000L, InfluencerTier.Nano, (DateOnly?)null), (listed[0].Followers, listed[0].Tier!.Value, listed[0].FollowersOn));
        await SeedAsync(w);
        var entry = (await directory.GetAsync("dr-wang", Ct)).Value!;
        Assert.Equal((10_500L, InfluencerTier.Micro, (DateOnly?)new DateOnly(2026, 3, 15)), (entry.Followers, entry.Tier!.Value, entry.FollowersOn));
        Assert.Empty((await directory.ListAsync(new InfluencerFilter(Tier: "nano"), Ct)).Value!);
        Assert.Equal(["platform", "sort"], (await directory.ListAsync(new InfluencerFilter(Platform: "myspace", Sort: "height"), Ct)).Problems.Select(p => p.Path));
    }

    [Fact]
    public async Task Profile_JoinsPostsCodesCostsAndConversions_ToHandWorkedFigures()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<InfluencerDirectoryUseCases>().SaveAsync(Wang, 0, Ct)).IsOk);
        await SeedAsync(w);

        var profile = (await w.Get<InfluencerAuditUseCases>().ProfileAsync("dr-wang", AttributionModel.Last, Ct)).Value!;
        var money = profile.Money.Inputs;

        // Fees from the kol_fee row (800, not the agreed 1,000); 3 referral touches ("kol-wang" normalizes); u1's order is the
        // only one whose last touch is KOL-WANG (u4's last touch is search).
        Assert.Equal((800m, 0m, "cost_rows"), (money.Fees, money.OtherCosts, profile.Money.FeesFrom));
        Assert.Equal((4_000L, 195L, 3L, 1L), (money.Reach, money.Engagements, money.Touches, money.Conversions));
        Assert.Equal((1.0, 100m), (money.AttributedConversions, money.AttributedRevenue));
        Assert.Equal(0.6m, money.GrossMargin);   // 1 − 40 ÷ 100
        Assert.Equal(800m / 195m, profile.Money.Returns.CostPerEngagement);
        Assert.Equal(800m / 3m, profile.Money.Returns.CostPerTouch);

        // Engagement by followers: p1 65 ÷ 10,000 (the 03-01 snapshot), p2 130 ÷ 10,500 (03-15); the median of two is their mean.
        Assert.Equal(2, profile.Engagement.Posts);
        Assert.Equal(((65 / 10_000.0) + (130 / 10_500.0)) / 2, profile.Engagement.ByFollowers.Median!.Value, 12);
        Assert.Equal(2_000.0 / 10_500, profile.Engagement.ReachRate!.Value, 12);   // median views ÷ followers now
        Assert.NotNull(profile.Benchmark);
        Assert.Null(profile.FakeShare);

        // The collaboration: the fee agreed, its one post carrying its code, 3 videos agreed and 1 delivered.
        var review = Assert.Single(profile.Collaborations);
        Assert.Equal((1000m, true, 1), (review.Returns.Cost, review.UnderDelivered, review.Deliverables[0].Delivered));
        Assert.Equal(["p2"], review.Posts);
        Assert.Equal(1000m / 130m, review.Returns.CostPerEngagement);
    }

    [Fact]
    public async Task Audit_Ranking_AndTheFrontDoors_AgreeAndRefuseBadInput()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<InfluencerDirectoryUseCases>().SaveAsync(Wang, 0, Ct)).IsOk);
        await SeedAsync(w);
        await ImportAsync(w, DataKinds.InfluencerFollowers, """
            influencer,sampled_at,follower_id,followers,following,posts,has_profile_picture,is_private,username,bio_length
            dr-wang,2026-03-20,f1,300,280,120,true,false,lucy_w,45
            dr-wang,2026-03-20,f2,0,4100,0,false,false,user83920174,0
            dr-wang,2026-03-20,f3,15,1900,0,false,false,a1b2c3d4e5,0
            dr-wang,2026-03-20,f4,820,400,300,true,true,zhangmei,80
            """);

        var audits = w.Get<InfluencerAuditUseCases>();
        var audit = (await audits.AuditAsync("dr-wang", AttributionModel.Last, Ct)).Value!;
        var expected = FakeShare.Estimate(
            [
                new FollowerProfile("f1", 300, 280, 120, true, false, "lucy_w", 45), new FollowerProfile("f2", 0, 4100, 0, false, false, "user83920174", 0),
                new FollowerProfile("f3", 15, 1900, 0, false, false, "a1b2c3d4e5", 0), new FollowerProfile("f4", 820, 400, 300, true, true, "zhangmei", 80),
            ],
            FakeFollowerModel.Default);
        Assert.Equal(expected, audit.Profile.FakeShare);
        Assert.Equal(new DateOnly(2026, 3, 20), audit.Profile.SampledAt);
        Assert.Contains(audit.Verdict.Findings, f => f.Code == InfluencerAuditCodes.UnderDelivered);

        var ranking = (await audits.RankingAsync("fake_share", AttributionModel.Last, Ct)).Value!;
        var line = Assert.Single(ranking.Lines);
        Assert.Equal((expected, 800m), (line.FakeShare, line.Money.Returns.Cost));
        Assert.Equal(195.0 / (2 * 10_500), line.EngagementRate!.Value, 12);   // pooled over the posts of the 90 days ending at the newest post
        Assert.Equal(4_000.0 / (2 * 10_500), line.ReachRate!.Value, 12);   // Σ views ÷ (posts with views × followers)
        Assert.Equal(new DateOnly(2026, 3, 20), ranking.PostsTo);
        Assert.Equal(EngagementBenchmarks.Lookup(InfluencerPlatform.Douyin, InfluencerTier.Micro).Median, line.Benchmark);
        Assert.Equal(new DateOnly(2025, 12, 21), ranking.PostsFrom);   // 90 days ending on 2026-03-20
        Assert.Equal(OutcomeKind.Invalid, (await audits.RankingAsync("height", AttributionModel.Last, Ct)).Kind);
        Assert.Equal(InfluencerDirectoryCodes.NotFound, (await audits.AuditAsync("nobody", AttributionModel.Last, Ct)).Code);
        Assert.Equal(InfluencerDirectoryCodes.CollaborationNotFound, (await audits.ReviewAsync("dr-wang", "nope", AttributionModel.Last, Ct)).Code);
        Assert.Equal(InfluencerDirectoryCodes.NoWorkspaceModel, (await audits.ScoreAsync([new FollowerProfile("x", 1, 1, 1, true, false)], "workspace", Ct)).Code);
        Assert.Equal(InfluencerDirectoryCodes.SampleEmpty, (await audits.ScoreAsync([], null, Ct)).Code);

        // The CLI shows the same audit; a follower file with a negative count is refused with its line, column and reason.
        var cli = await Cli.RunAsync([.. w.CliArgs, "influencers", "audit", "dr-wang", "--attribution", "last", "--format", "json"]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("\"recommendation\": \"" + EnumWords.Word(audit.Verdict.Recommendation) + "\"", cli.Stdout, StringComparison.Ordinal);
        var bad = Path.Combine(w.Dir.Path, "sample.csv");
        await File.WriteAllTextAsync(bad, "follower_id,followers,following,posts,has_profile_picture,is_private\nf1,-3,10,1,true,false\n", Ct);
        var refused = await Cli.RunAsync([.. w.CliArgs, "influencers", "audit-followers", "--input", bad]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("sample.csv:2: column 'followers' value \"-3\"", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAudit_FitsAndSavesTheWorkspaceModel_AndRefusesOneClassOrTooFewRows()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var audits = w.Get<InfluencerAuditUseCases>();
        var rows = FakeFollowerSimulator.Generate(400, 0.3, seed: 5);

        var oneClass = await audits.TrainAsync([.. rows.Where(r => !r.IsFake)], "genuine.csv", null, null, Ct);
        Assert.Equal(InfluencerAuditCodes.OneClass, oneClass.Code);
        var few = await audits.TrainAsync([.. rows.Where(r => r.IsFake).Take(3), .. rows.Where(r => !r.IsFake).Take(30)], "few.csv", null, null, Ct);
        Assert.Equal(InfluencerAuditCodes.TooFewRows, few.Code);
        Assert.Null(await audits.TrainedAsync(Ct));

        var holdout = FakeFollowerSimulator.Generate(400, 0.3, seed: 6);
        var trained = (await audits.TrainAsync(rows, "verified.csv", holdout, null, Ct)).Value!;
        var expected = FakeFollowerTrainer.Train(rows, new FakeFollowerTrainingOptions { Source = "trained on verified.csv" }).Value!.Model;
        Assert.Equal(expected.Weights, trained.Report.Model.Weights);
        Assert.Equal((expected.Intercept, expected.Cutoff), (trained.Report.Model.Intercept, trained.Report.Model.Cutoff));
        Assert.Equal(FakeFollowerTrainer.Evaluate(trained.Report.Model, holdout), trained.Holdout);
        Assert.Equal(trained.Report.Model.Weights, (await audits.TrainedAsync(Ct))!.Report.Model.Weights);

        // Scoring without --model now uses the workspace's model; --model default still the default.
        var sample = holdout.Take(50).Select(r => r.Profile).ToList();
        Assert.Equal("workspace", (await audits.ScoreAsync(sample, null, Ct)).Value!.Model);
        Assert.Equal(FakeShare.Estimate(sample, FakeFollowerModel.Default).Share, (await audits.ScoreAsync(sample, "default", Ct)).Value!.FakeShare);
    }

    [Fact]
    public async Task Api_PutsListsAndAudits_AndAnswersBadInputWithProblems()
    {
        await using var app = await RunningApp.StartAsync();
        var put = await app.Client.PutAsJsonAsync("/api/v1/influencers/dr-wang", Wang, MercatoJson.Compact, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var clash = Wang with { Id = "other", Collaborations = [] };
        var refused = await app.Client.PutAsJsonAsync("/api/v1/influencers/other", clash, MercatoJson.Compact, Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains(InfluencerDirectoryCodes.CodeTakenByInfluencer, await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var list = await app.Client.GetStringAsync("/api/v1/influencers?platform=douyin", Ct);
        Assert.Contains("\"dr-wang\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/v1/influencers?tier=giant", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/v1/influencers/nobody/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/v1/influencers/dr-wang/audit", Ct)).StatusCode);

        using var badSample = new StringContent("follower_id,followers,following,posts,has_profile_picture,is_private\nf1,1,2,3,maybe,false\n", Encoding.UTF8, "text/csv");
        var scored = await app.Client.PostAsync("/api/v1/influencers/audit-followers", badSample, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, scored.StatusCode);
        Assert.Contains("has_profile_picture", await scored.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        foreach (var (page, marker) in new[]
                 {
                     ("/influencers", "data-influencer=\"dr-wang\""), ("/influencers/ranking", "data-influencer=\"dr-wang\""), ("/influencers/dr-wang", "id=\"engagement\""),
                     ("/influencers/dr-wang/audit", "id=\"recommendation\""), ("/influencers/dr-wang/collaborations/2026-march", "id=\"deliverables\""),
                     ("/influencers/audit-followers", "id=\"sample-form\""),
                 })
        {
            Assert.Contains(marker, await app.Client.GetStringAsync(page, Ct), StringComparison.Ordinal);
        }
    }
}
