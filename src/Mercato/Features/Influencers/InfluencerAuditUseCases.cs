using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Core.Measurement.Incrementality;
using Mercato.Features.Access;
using Mercato.Features.Measurement;
using Mercato.Features.Settings;

namespace Mercato.Features.Influencers;

/// <summary>An influencer's money over all stored data: what went in, what came out, and the live sessions it hosted.</summary>
/// <param name="Model">The attribution model of the attributed figures.</param>
/// <param name="Inputs">The figures gathered (<see cref="InfluencerMoney"/>).</param>
/// <param name="Returns">What they give (<see cref="InfluencerReturns.Compute"/>).</param>
/// <param name="FeesFrom">Where the fees come from: <c>cost_rows</c> (kol_fee rows carrying its cost codes) or <c>agreed</c> (its signed collaborations' agreed fees).</param>
/// <param name="LiveSessions">Live-stream sessions it hosted (host_kind influencer, host one of its host names).</param>
/// <param name="LiveGmv">Their GMV.</param>
public sealed record InfluencerMoneyLine(
    string Model, InfluencerMoney Inputs, InfluencerReturn Returns, string FeesFrom, int LiveSessions, decimal LiveGmv);

/// <summary>Everything the influencer page shows.</summary>
/// <param name="Entry">The influencer with followers and tier.</param>
/// <param name="Snapshots">The snapshots of the growth window (the 365 days ending on the latest snapshot), oldest first.</param>
/// <param name="Growth">The growth scan, or null when it could not run.</param>
/// <param name="GrowthRefusal">Why it could not run (too few days), or null.</param>
/// <param name="Posts">The engagement window's posts (the 90 days ending at the latest post, at most 30), oldest first.</param>
/// <param name="Engagement">Their engagement summary.</param>
/// <param name="Benchmark">Median engagement by followers against the platform-and-tier benchmark; null without a rate.</param>
/// <param name="SampledAt">The day of the latest follower sample, or null.</param>
/// <param name="FakeShare">Its fake-share estimate under <paramref name="ModelUsed"/>, or null without a sample.</param>
/// <param name="ModelUsed">default or workspace.</param>
/// <param name="Money">Its money over all stored data.</param>
/// <param name="Collaborations">Each collaboration's review (within its dates).</param>
/// <param name="Sessions">The live sessions it hosted.</param>
public sealed record InfluencerProfile(
    InfluencerEntry Entry,
    IReadOnlyList<InfluencerSnapshotFact> Snapshots,
    FollowerGrowthScan? Growth,
    Message? GrowthRefusal,
    IReadOnlyList<PostEngagement> Posts,
    EngagementSummary Engagement,
    EngagementComparison? Benchmark,
    DateOnly? SampledAt,
    FakeShareEstimate? FakeShare,
    string ModelUsed,
    InfluencerMoneyLine Money,
    IReadOnlyList<CollaborationReview> Collaborations,
    IReadOnlyList<LiveStreamSession> Sessions);

/// <summary>An audit: the profile and the verdict.</summary>
/// <param name="Profile">What was read.</param>
/// <param name="Verdict">What it says (<see cref="InfluencerAudit.Assess"/>).</param>
public sealed record InfluencerAuditReport(InfluencerProfile Profile, InfluencerAuditResult Verdict);

/// <summary>One line of the ranking: follower count beside real engagement, fake share and incremental revenue.</summary>
/// <param name="Influencer">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Platform">The platform.</param>
/// <param name="Followers">Followers (latest snapshot, else declared).</param>
/// <param name="Tier">The tier.</param>
/// <param name="Posts">Posts of the last 90 days of data.</param>
/// <param name="EngagementRate">Pooled engagement by followers over those posts: Σ (likes + comments + shares) ÷ (posts × followers).</param>
/// <param name="ReachRate">Pooled reach: Σ views ÷ (posts with views × followers).</param>
/// <param name="Benchmark">The platform-and-tier benchmark's median.</param>
/// <param name="FakeShare">The latest sample's fake share (point, low, high), or null.</param>
/// <param name="Money">All-time money.</param>
public sealed record InfluencerRankingLine(
    string Influencer, string Name, InfluencerPlatform Platform, long? Followers, InfluencerTier? Tier, long Posts, double? EngagementRate,
    double? ReachRate, double? Benchmark, FakeShareEstimate? FakeShare, InfluencerMoneyLine Money);

/// <summary>The ranking and how it was sorted.</summary>
/// <param name="Sort">The sort.</param>
/// <param name="Model">The attribution model.</param>
/// <param name="PostsFrom">First day of the posts window.</param>
/// <param name="PostsTo">Last day of the posts window.</param>
/// <param name="Lines">The lines.</param>
public sealed record InfluencerRanking(string Sort, string Model, DateOnly? PostsFrom, DateOnly? PostsTo, IReadOnlyList<InfluencerRankingLine> Lines)
{
    /// <summary>The sorts the ranking knows.</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["incremental_revenue", "roi", "cpic", "engagement", "fake_share", "followers"];
}

/// <summary>A scored follower.</summary>
/// <param name="FollowerId">The follower.</param>
/// <param name="PFake">The probability it is fake.</param>
public sealed record ScoredFollower(string FollowerId, double PFake);

/// <summary>A scored sample: <c>{"followers":[{"followerId","pFake"}],"fakeShare","fakeShareLow","fakeShareHigh"}</c> and how.</summary>
/// <param name="Followers">Each follower's probability, in file order.</param>
/// <param name="FakeShare">The estimated fake share.</param>
/// <param name="FakeShareLow">Its 95% interval's low end.</param>
/// <param name="FakeShareHigh">Its high end.</param>
/// <param name="Flagged">Followers at or above the cut-off.</param>
/// <param name="Cutoff">The model's cut-off.</param>
/// <param name="Corrected">Whether the share is corrected for the model's sensitivity and specificity (Rogan–Gladen).</param>
/// <param name="Model">default or workspace.</param>
public sealed record FollowerAudit(
    IReadOnlyList<ScoredFollower> Followers, double FakeShare, double FakeShareLow, double FakeShareHigh, int Flagged, double Cutoff, bool Corrected, string Model);

/// <summary>
/// Influencer audits for every front door: the influencer's profile (growth, engagement against benchmark, audience
/// quality, money), the audit verdict, a collaboration's review, the ranking, the fake-follower model's training and
/// scoring. The rules are Core's (<see cref="Engagement"/>, <see cref="FollowerGrowth"/>, <see cref="FakeShare"/>,
/// <see cref="InfluencerReturns"/>, <see cref="InfluencerAudit"/>); this class gathers their inputs from the store and the
/// measurement models, the way docs/influencers.md states. Reading needs <see cref="Permission.ReadReports"/>; training the
/// workspace's model and setting benchmarks, <see cref="Permission.WriteShared"/>.
/// </summary>
public sealed class InfluencerAuditUseCases(
    InfluencerDirectoryUseCases directory, IInfluencerFactStore facts, ICampaignFactReader campaignFacts, MeasurementUseCases measurement,
    IDocumentStore documents, SettingsUseCases settings, ICurrentUser user, OutcomeLog log, TimeProvider time, AccessGuard guard, DataVersionCache cache)
{
    /// <summary>Days of snapshots the growth scan reads, ending on the latest snapshot.</summary>
    public const int GrowthDays = 365;

    /// <summary>The models <c>--model</c> names.</summary>
    public static IReadOnlyList<string> ModelChoices { get; } = ["default", "workspace"];

    /// <summary>The profile of one influencer; not found for an unknown id; invalid for an unknown model choice.</summary>
    public Task<Outcome<InfluencerProfile>> ProfileAsync(string id, AttributionModel model, CancellationToken cancellationToken, string? modelChoice = null)
    {
        guard.Require(Permission.ReadReports);
        return ProfileCoreAsync(id, model, modelChoice, cancellationToken);
    }

    private async Task<Outcome<InfluencerProfile>> ProfileCoreAsync(string id, AttributionModel model, string? modelChoice, CancellationToken cancellationToken)
    {
        var found = await directory.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (found.Value is not { } entry)
        {
            return Outcome<InfluencerProfile>.From(found);
        }

        var scorer = await ModelAsync(modelChoice, cancellationToken).ConfigureAwait(false);
        if (scorer.Value is not { } chosen)
        {
            return Outcome<InfluencerProfile>.From(scorer);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var influencer = entry.Influencer;
        var all = await facts.SnapshotsAsync(influencer.Id, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false);
        var lastDay = all.Count > 0 ? all[^1].Date : LocalTime.Today(time, zone);
        var snapshots = all.Where(s => s.Date > lastDay.AddDays(-GrowthDays)).ToList();
        var posts = await facts.PostsAsync(influencer.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);

        FollowerGrowthScan? growth = null;
        Message? refusal = null;
        if (snapshots.Count > 0)
        {
            var start = LocalTime.MidnightIn(snapshots[0].Date, zone);
            var scan = FollowerGrowth.Scan(snapshots, [.. posts.Where(p => p.Timestamp >= start)], null, zone);
            growth = scan.Value;
            refusal = scan.Value is null ? new Message(scan.Code!, scan.Args) : null;
        }

        var window = posts.Count > 0 ? Engagement.Window(posts, posts[^1].Timestamp) : [];
        var engagement = Engagement.Summarize(window, all, lastDay, zone);
        var benchmarks = await BenchmarksAsync(cancellationToken).ConfigureAwait(false);
        var comparison = engagement.ByFollowers.Median is { } rate && entry.Tier is { } tier
            ? EngagementBenchmarks.Compare(rate, EngagementBenchmarks.Lookup(influencer.Platform, tier, benchmarks))
            : null;

        var days = await facts.SampleDaysAsync(influencer.Id, cancellationToken).ConfigureAwait(false);
        FakeShareEstimate? fake = null;
        if (days.Count > 0)
        {
            var sample = await facts.FollowerSampleAsync(influencer.Id, days[0], cancellationToken).ConfigureAwait(false);
            fake = FakeShare.Estimate(sample, chosen.Model);
        }

        var context = await MoneyContextAsync(model, cancellationToken).ConfigureAwait(false);
        var money = await MoneyAsync(influencer, context, cancellationToken).ConfigureAwait(false);
        var reviews = new List<CollaborationReview>();
        foreach (var c in influencer.Collaborations.Where(c => c.Status != CollaborationStatus.Proposed))
        {
            reviews.Add(await ReviewCoreAsync(influencer, c, posts, model, zone, cancellationToken).ConfigureAwait(false));
        }

        return Outcome<InfluencerProfile>.Ok(new InfluencerProfile(
            entry, snapshots, growth, refusal, [.. window.Select(p => Engagement.Of(p, all, zone))], engagement, comparison,
            days.Count > 0 ? days[0] : null, fake, chosen.Name, money, reviews, context.SessionsOf(influencer)));
    }

    /// <summary>The audit of one influencer: its profile and the verdict of <see cref="InfluencerAudit.Assess"/>.</summary>
    public async Task<Outcome<InfluencerAuditReport>> AuditAsync(string id, AttributionModel model, CancellationToken cancellationToken, string? modelChoice = null)
    {
        guard.Require(Permission.ReadReports);
        var profile = await ProfileCoreAsync(id, model, modelChoice, cancellationToken).ConfigureAwait(false);
        if (profile.Value is not { } p)
        {
            return Outcome<InfluencerAuditReport>.From(profile);
        }

        var past = p.Collaborations.Where(r => p.Entry.Influencer.Collaborations.First(c => c.Id == r.Collaboration).Status == CollaborationStatus.Completed).ToList();
        var verdict = InfluencerAudit.Assess(
            new InfluencerAuditInput(p.Entry.Influencer, p.FakeShare, p.Engagement, p.Growth, past),
            new InfluencerAuditOptions { Benchmarks = await BenchmarksAsync(cancellationToken).ConfigureAwait(false) });
        return Outcome<InfluencerAuditReport>.Ok(new InfluencerAuditReport(p, verdict));
    }

    /// <summary>One collaboration's review: delivered against agreed, and its money within its dates.</summary>
    public async Task<Outcome<CollaborationReview>> ReviewAsync(string id, string collaboration, AttributionModel model, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var found = await directory.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (found.Value is not { } entry)
        {
            return Outcome<CollaborationReview>.From(found);
        }

        if (entry.Influencer.Collaborations.FirstOrDefault(c => c.Id == collaboration) is not { } c)
        {
            return Outcome<CollaborationReview>.NotFound(InfluencerDirectoryCodes.CollaborationNotFound, MessageArgs.Of(("influencer", id), ("collaboration", collaboration)));
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var posts = await facts.PostsAsync(entry.Influencer.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        return Outcome<CollaborationReview>.Ok(await ReviewCoreAsync(entry.Influencer, c, posts, model, zone, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The ranking of every influencer; invalid for an unknown sort.</summary>
    public async Task<Outcome<InfluencerRanking>> RankingAsync(string? sort, AttributionModel model, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var by = string.IsNullOrWhiteSpace(sort) ? InfluencerRanking.Sorts[0] : sort.Trim().ToLowerInvariant();
        if (!InfluencerRanking.Sorts.Contains(by))
        {
            return Outcome<InfluencerRanking>.Invalid([Problem.Of("sort", CommonCodes.NotOneOf, ("value", sort), ("expected", InfluencerRanking.Sorts))]);
        }

        var entries = await directory.EntriesAsync(cancellationToken).ConfigureAwait(false);
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var scorer = (await ModelAsync(null, cancellationToken).ConfigureAwait(false)).Value!;
        var benchmarks = await BenchmarksAsync(cancellationToken).ConfigureAwait(false);
        // A figure (DataVersionCache.FigureAsync) kept until the data, the zone, the directory, the scoring model or the
        // benchmarks change: the documents read are in the key.
        var read = System.Text.Json.JsonSerializer.Serialize(new { entries, scorer.Name, scorer.Model, benchmarks });
        var key = "influencer ranking " + by + " " + model + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(read)));
        return Outcome<InfluencerRanking>.Ok(await cache.FigureAsync(key, zone,
            () => RankingCoreAsync(by, model, entries, zone, scorer.Model, benchmarks, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    private async Task<InfluencerRanking> RankingCoreAsync(string by, AttributionModel model, IReadOnlyList<InfluencerEntry> entries, TimeZoneInfo zone,
        FakeFollowerModel scorer, IReadOnlyList<EngagementBenchmark>? benchmarks, CancellationToken cancellationToken)
    {
        var context = await MoneyContextAsync(model, cancellationToken).ConfigureAwait(false);

        // Engagement over the last 90 days of post data: one GROUP BY over every influencer.
        var (postsFrom, postsTo, totals) = await RecentPostTotalsAsync(zone, cancellationToken).ConfigureAwait(false);
        var lines = new List<InfluencerRankingLine>();
        foreach (var e in entries)
        {
            var t = totals.GetValueOrDefault(e.Influencer.Id);
            double? Per(long sum, long count) => e.Followers > 0 && count > 0 ? sum / ((double)count * e.Followers.Value) : null;
            var days = await facts.SampleDaysAsync(e.Influencer.Id, cancellationToken).ConfigureAwait(false);
            var fake = days.Count > 0
                ? FakeShare.Estimate(await facts.FollowerSampleAsync(e.Influencer.Id, days[0], cancellationToken).ConfigureAwait(false), scorer)
                : null;
            lines.Add(new InfluencerRankingLine(
                e.Influencer.Id, e.Influencer.Name, e.Influencer.Platform, e.Followers, e.Tier, t?.Posts ?? 0,
                t is null ? null : Per(t.Likes + t.Comments + t.Shares, t.Posts), t is null ? null : Per(t.Views, t.PostsWithViews),
                e.Tier is { } tier ? EngagementBenchmarks.Lookup(e.Influencer.Platform, tier, benchmarks).Median : null,
                fake, await MoneyAsync(e.Influencer, context, cancellationToken).ConfigureAwait(false)));
        }

        IOrderedEnumerable<InfluencerRankingLine> sorted = by switch
        {
            "roi" => lines.OrderByDescending(l => l.Money.Returns.Roi ?? double.MinValue),
            "cpic" => lines.OrderBy(l => l.Money.Returns.CostPerIncrementalConversion ?? decimal.MaxValue),
            "engagement" => lines.OrderByDescending(l => l.EngagementRate ?? -1),
            "fake_share" => lines.OrderByDescending(l => l.FakeShare?.Share ?? -1),
            "followers" => lines.OrderByDescending(l => l.Followers ?? -1),
            _ => lines.OrderByDescending(l => l.Money.Inputs.IncrementalRevenue ?? decimal.MinValue),
        };
        return new InfluencerRanking(by, AttributionModels.Name(model), postsFrom, postsTo, [.. sorted.ThenBy(l => l.Influencer, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Scores a follower sample with the default or the workspace model: each follower's pFake, and the fake share with
    /// its 95% interval (<see cref="FakeShare.Estimate(IEnumerable{FollowerProfile}, FakeFollowerModel)"/>).
    /// </summary>
    public async Task<Outcome<FollowerAudit>> ScoreAsync(IReadOnlyList<FollowerProfile> sample, string? modelChoice, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count == 0)
        {
            return Outcome<FollowerAudit>.Refused(InfluencerDirectoryCodes.SampleEmpty);
        }

        var scorer = await ModelAsync(modelChoice, cancellationToken).ConfigureAwait(false);
        if (scorer.Value is not { } chosen)
        {
            return Outcome<FollowerAudit>.From(scorer);
        }

        var estimate = FakeShare.Estimate(sample, chosen.Model);
        return Outcome<FollowerAudit>.Ok(new FollowerAudit(
            [.. sample.Select(f => new ScoredFollower(f.FollowerId, chosen.Model.Score(f)))],
            estimate.Share, estimate.Low, estimate.High, estimate.FlaggedFake, chosen.Model.Cutoff, estimate.Corrected, chosen.Name));
    }

    /// <summary>
    /// Trains the workspace's model on labelled followers (<see cref="FakeFollowerTrainer.Train"/>), scores it on
    /// <paramref name="holdout"/> when given, and saves it as the workspace model; invalid when the rows cannot be
    /// cross-validated (one class, too few rows).
    /// </summary>
    public async Task<Outcome<TrainedAuditModel>> TrainAsync(
        IReadOnlyList<LabelledFollower> rows, string trainedOn, IReadOnlyList<LabelledFollower>? holdout, FakeFollowerTrainingOptions? options,
        CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        ArgumentNullException.ThrowIfNull(rows);
        var trained = FakeFollowerTrainer.Train(rows, (options ?? new FakeFollowerTrainingOptions()) with { Source = "trained on " + trainedOn });
        if (trained.Value is not { } report)
        {
            return log.Noted(Outcome<TrainedAuditModel>.From(trained), "audit model train", trainedOn);
        }

        var model = new TrainedAuditModel(
            report, trainedOn, time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            holdout is { Count: > 0 } h ? FakeFollowerTrainer.Evaluate(report.Model, h) : null);
        await documents.CommitAsync([DocumentChange.Put(TrainedAuditModel.Document, model)], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(Outcome<TrainedAuditModel>.Ok(model), "audit model train", trainedOn);
    }

    /// <summary>The workspace's trained model, or null.</summary>
    public Task<TrainedAuditModel?> TrainedAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return StoredModelAsync(cancellationToken);
    }

    private async Task<TrainedAuditModel?> StoredModelAsync(CancellationToken cancellationToken) =>
        (await documents.GetAsync(TrainedAuditModel.Document, TrainedAuditModel.Id, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The engagement benchmarks in force: every default row, replaced by the workspace's where it set one.</summary>
    public Task<IReadOnlyList<EngagementBenchmark>> BenchmarkTableAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return TableAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<EngagementBenchmark>> TableAsync(CancellationToken cancellationToken)
    {
        var set = await BenchmarksAsync(cancellationToken).ConfigureAwait(false);
        return [.. EngagementBenchmarks.Defaults.Select(d => EngagementBenchmarks.Lookup(d.Platform, d.Tier, set))];
    }

    /// <summary>Sets benchmark rows (others keep theirs); invalid by <see cref="EngagementBenchmarkSet.Problems"/>.</summary>
    public async Task<Outcome<IReadOnlyList<EngagementBenchmark>>> SetBenchmarksAsync(IReadOnlyList<EngagementBenchmark> rows, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        ArgumentNullException.ThrowIfNull(rows);
        var given = new EngagementBenchmarkSet(rows);
        if (given.Problems() is { Count: > 0 } problems)
        {
            return log.Noted(Outcome<IReadOnlyList<EngagementBenchmark>>.Invalid(problems), "benchmarks set", "workspace");
        }

        var current = await BenchmarksAsync(cancellationToken).ConfigureAwait(false) ?? [];
        var merged = new EngagementBenchmarkSet([.. current.Where(c => !rows.Any(r => r.Platform == c.Platform && r.Tier == c.Tier)).Concat(rows)]);
        await documents.CommitAsync([DocumentChange.Put(EngagementBenchmarkSet.Document, merged)], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(Outcome<IReadOnlyList<EngagementBenchmark>>.Ok(await TableAsync(cancellationToken).ConfigureAwait(false)), "benchmarks set", "workspace");
    }

    private async Task<IReadOnlyList<EngagementBenchmark>?> BenchmarksAsync(CancellationToken cancellationToken) =>
        (await documents.GetAsync(EngagementBenchmarkSet.Document, EngagementBenchmarkSet.Id, cancellationToken).ConfigureAwait(false))?.Value.Rows;

    private sealed record ChosenModel(string Name, FakeFollowerModel Model);

    /// <summary>The model a choice names: default; workspace (refused when none is trained); null: the workspace's when trained, else the default.</summary>
    private async Task<Outcome<ChosenModel>> ModelAsync(string? choice, CancellationToken cancellationToken)
    {
        var word = string.IsNullOrWhiteSpace(choice) ? null : choice.Trim().ToLowerInvariant();
        if (word is not null && !ModelChoices.Contains(word))
        {
            return Outcome<ChosenModel>.Invalid([Problem.Of("model", CommonCodes.NotOneOf, ("value", choice), ("expected", ModelChoices))]);
        }

        if (word == "default")
        {
            return Outcome<ChosenModel>.Ok(new("default", FakeFollowerModel.Default));
        }

        var trained = await StoredModelAsync(cancellationToken).ConfigureAwait(false);
        return trained is { } t ? Outcome<ChosenModel>.Ok(new("workspace", t.Report.Model))
            : word == "workspace" ? Outcome<ChosenModel>.Refused(InfluencerDirectoryCodes.NoWorkspaceModel)
            : Outcome<ChosenModel>.Ok(new("default", FakeFollowerModel.Default));
    }

    /// <summary>The stored data's figures every influencer's money reads, gathered once (each is cached by its owner until the data changes).</summary>
    private sealed record MoneyContext(
        AttributionModel Model,
        IReadOnlyDictionary<string, long> ReferralTouches,
        IReadOnlyDictionary<string, LabelCredit> Credits,
        IReadOnlyDictionary<string, LabelCredit> LastTouch,
        IReadOnlyDictionary<string, double> ProductCosts,
        IReadOnlyDictionary<string, LabelIncrementality> Incremental,
        IReadOnlyDictionary<string, InfluencerPostTotals> Posts,
        IReadOnlyList<LiveStreamSession> AllSessions,
        DateRange? DataDays,
        TimeZoneInfo Zone)
    {
        public IReadOnlyList<LiveStreamSession> SessionsOf(Influencer influencer) =>
            [.. AllSessions.Where(s => s.HostKind == HostKind.Influencer && influencer.Codes.Hosts.Contains(s.Host.Trim(), StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>The facts every influencer's money is computed from, kept until the data or the zone changes.</summary>
    private async Task<MoneyContext> MoneyContextAsync(AttributionModel model, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        return await cache.GetAsync("influencer money " + model, zone, () => MoneyContextAsync(model, zone, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<MoneyContext> MoneyContextAsync(AttributionModel model, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var touches = await campaignFacts.ReferralTouchesAsync(null, null, cancellationToken).ConfigureAwait(false);
        var credits = await CreditsAsync(model, cancellationToken).ConfigureAwait(false);
        var last = model == AttributionModel.Last ? credits : await CreditsAsync(AttributionModel.Last, cancellationToken).ConfigureAwait(false);
        var productCosts = await measurement.ProductCostCreditsAsync(new AttributionRequest(model, By: JourneyLabel.Referral), cancellationToken).ConfigureAwait(false);
        var incremental = await measurement.IncrementalAsync(JourneyLabel.Referral, null, null, cancellationToken).ConfigureAwait(false);
        var posts = await facts.PostTotalsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        var span = await campaignFacts.DataDaysAsync(zone, cancellationToken).ConfigureAwait(false);
        var sessions = await campaignFacts.LiveStreamsAsync(new DateRange(DateOnly.MinValue.AddDays(1), DateOnly.MaxValue.AddDays(-1)), zone, cancellationToken)
            .ConfigureAwait(false);
        return new MoneyContext(
            model,
            touches.Where(t => ReferralCode.Normalize(t.Code) is not null).GroupBy(t => ReferralCode.Normalize(t.Code)!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(t => t.Touches), StringComparer.Ordinal),
            credits, last, productCosts,
            incremental.ToDictionary(l => l.Label, StringComparer.Ordinal),
            posts.ToDictionary(p => p.Influencer, StringComparer.OrdinalIgnoreCase),
            sessions, span, zone);
    }

    private async Task<IReadOnlyDictionary<string, LabelCredit>> CreditsAsync(AttributionModel model, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        var report = await measurement.AttributionForAsync(new AttributionRequest(model, From: from, To: to, By: JourneyLabel.Referral), cancellationToken).ConfigureAwait(false);
        return (report.Value?.Credits ?? []).ToDictionary(c => c.Label, StringComparer.Ordinal);
    }

    /// <summary>The journey labels of an influencer's referral codes (<c>ref:CODE</c>, normalized).</summary>
    private static List<string> Labels(IEnumerable<string> referralCodes) =>
        [.. referralCodes.Select(ReferralCode.Normalize).OfType<string>().Distinct(StringComparer.Ordinal).Select(JourneyLabels.Referral)];

    /// <summary>
    /// All-time money (docs/influencers.md, "Joined to money"): fees = kol_fee cost rows carrying its cost codes, else the
    /// agreed fees of its signed collaborations; other costs = its cost rows of other categories; reach and engagements =
    /// its posts' views and likes + comments + shares; touches = touchpoints carrying its referral codes plus those
    /// carrying its own campaign codes; conversions = last-touch credit of its referral codes; attributed = the model's
    /// credit; incremental = the lift model's (journeys labelled by referral code); gross margin = 1 − credited product
    /// cost ÷ credited revenue of its codes.
    /// </summary>
    private async Task<InfluencerMoneyLine> MoneyAsync(Influencer influencer, MoneyContext context, CancellationToken cancellationToken)
    {
        var labels = Labels(influencer.Codes.Referral);
        var costs = influencer.Codes.Costs.Count > 0
            ? await campaignFacts.CostActualsAsync([.. influencer.Codes.Costs], cancellationToken).ConfigureAwait(false)
            : [];
        var feeRows = costs.Where(c => c.Item == "kol_fee").Sum(c => c.Amount);
        var fees = feeRows > 0 ? feeRows : InfluencerReturns.FeesIn(influencer.Collaborations, DateOnly.MinValue, DateOnly.MaxValue);
        var touches = influencer.Codes.Referral.Select(ReferralCode.Normalize).OfType<string>().Distinct(StringComparer.Ordinal)
            .Sum(c => context.ReferralTouches.GetValueOrDefault(c));
        if (influencer.Codes.Campaign.Count > 0 && context.DataDays is { } span)
        {
            touches += (await campaignFacts.ScopeAsync([.. influencer.Codes.Campaign], span, context.Zone, cancellationToken).ConfigureAwait(false)).Touchpoints;
        }

        var post = context.Posts.GetValueOrDefault(influencer.Id);
        var money = Joined(
            new InfluencerMoney(fees, costs.Where(c => c.Item != "kol_fee").Sum(c => c.Amount), post?.Views ?? 0,
                post is null ? 0 : post.Likes + post.Comments + post.Shares, touches, 0, 0, 0),
            labels, context.Credits, context.LastTouch, context.ProductCosts, context.Incremental.Count == 0 ? null : context.Incremental);
        var sessions = context.SessionsOf(influencer);
        return new InfluencerMoneyLine(
            AttributionModels.Name(context.Model), money, InfluencerReturns.Compute(money), feeRows > 0 ? "cost_rows" : "agreed", sessions.Count, sessions.Sum(s => s.Gmv));
    }

    /// <summary>
    /// A collaboration's review within its dates: posts (its code's, or all of its dates), touches of the referral codes
    /// (only its code when it is a referral code), conversions, attributed and incremental figures over journeys of its
    /// dates, its agreed fee, and the live sessions the influencer hosted in its dates.
    /// </summary>
    private async Task<CollaborationReview> ReviewCoreAsync(
        Influencer influencer, Collaboration c, IReadOnlyList<InfluencerPostFact> posts, AttributionModel model, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var codes = c.Code is { } code && influencer.Codes.Referral.Contains(code, StringComparer.OrdinalIgnoreCase) ? [code] : influencer.Codes.Referral;
        var labels = Labels(codes);
        var normalized = codes.Select(ReferralCode.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var touches = (await campaignFacts.ReferralTouchesAsync(c.Start, c.End, cancellationToken).ConfigureAwait(false))
            .Where(t => ReferralCode.Normalize(t.Code) is { } n && normalized.Contains(n)).Sum(t => t.Touches);
        var credits = await CreditsAsync(model, cancellationToken, c.Start, c.End).ConfigureAwait(false);
        var last = await CreditsAsync(AttributionModel.Last, cancellationToken, c.Start, c.End).ConfigureAwait(false);
        var incremental = (await measurement.IncrementalAsync(JourneyLabel.Referral, c.Start, c.End, cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => l.Label, StringComparer.Ordinal);
        var productCosts = await measurement.ProductCostCreditsAsync(new AttributionRequest(model, From: c.Start, To: c.End, By: JourneyLabel.Referral), cancellationToken)
            .ConfigureAwait(false);
        var content = InfluencerReturns.PostsOf(c, posts, zone);
        var money = Joined(
            new InfluencerMoney(c.AgreedFee, 0, content.Sum(p => p.Views ?? 0), content.Sum(p => p.Likes + p.Comments + p.Shares), touches, 0, 0, 0),
            labels, credits, last, productCosts, incremental);
        // The store returns the sessions starting on the collaboration's local days: only the host is left to match.
        var sessions = (await campaignFacts.LiveStreamsAsync(new DateRange(c.Start, c.End), zone, cancellationToken).ConfigureAwait(false))
            .Count(s => s.HostKind == HostKind.Influencer && influencer.Codes.Hosts.Contains(s.Host.Trim(), StringComparer.OrdinalIgnoreCase));
        return InfluencerReturns.Review(c, posts, money, liveSessions: sessions, zone: zone);
    }

    /// <summary>Post totals of the 90 days ending on the last day any post was published, per influencer.</summary>
    private async Task<(DateOnly? From, DateOnly? To, IReadOnlyDictionary<string, InfluencerPostTotals> Totals)> RecentPostTotalsAsync(
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var all = await facts.PostTotalsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            return (null, null, new Dictionary<string, InfluencerPostTotals>());
        }

        var latest = await facts.LatestPostAsync(cancellationToken).ConfigureAwait(false) ?? time.GetUtcNow();
        var to = LocalTime.DayOf(latest, zone);
        var from = to.AddDays(1 - Engagement.DefaultDays);
        var recent = await facts.PostTotalsAsync(LocalTime.MidnightIn(from, zone), LocalTime.MidnightIn(to.AddDays(1), zone), cancellationToken).ConfigureAwait(false);
        return (from, to, recent.ToDictionary(p => p.Influencer, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <paramref name="money"/> with what the measurement models say of the labels (an influencer's referral codes):
    /// conversions = last-touch credit, attributed = the model's credit, incremental = the lift model's (null when it has
    /// no fit), gross margin = 1 − credited product cost ÷ credited revenue.
    /// </summary>
    private static InfluencerMoney Joined(
        InfluencerMoney money, IReadOnlyList<string> labels, IReadOnlyDictionary<string, LabelCredit> credits, IReadOnlyDictionary<string, LabelCredit> lastTouch,
        IReadOnlyDictionary<string, double> productCosts, IReadOnlyDictionary<string, LabelIncrementality>? incremental)
    {
        var revenue = labels.Sum(l => credits.GetValueOrDefault(l)?.Revenue ?? 0);
        var productCost = labels.Sum(l => productCosts.GetValueOrDefault(l));
        var caused = incremental is null ? null : labels.Select(l => incremental.GetValueOrDefault(l)).OfType<LabelIncrementality>().ToList();
        return money with
        {
            Conversions = (long)Math.Round(labels.Sum(l => lastTouch.GetValueOrDefault(l)?.Conversions ?? 0)),
            AttributedConversions = labels.Sum(l => credits.GetValueOrDefault(l)?.Conversions ?? 0),
            AttributedRevenue = Round(revenue),
            IncrementalConversions = caused?.Sum(l => l.IncrementalConversions),
            IncrementalRevenue = caused is null ? null : Round(caused.Sum(l => l.IncrementalRevenue)),
            GrossMargin = revenue > 0 ? Math.Round(1m - (decimal)(productCost / revenue), 6) : null,
        };
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 4);
}
