using System.CommandLine;
using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Measurement;
using Mercato.Storage.Import;

namespace Mercato.Features.Influencers;

/// <summary>The audit commands: audit, review, ranking, benchmarks, audit-followers, train-audit.</summary>
internal static partial class InfluencersCommand
{
    private static InfluencerAuditUseCases Audits(IServiceProvider services) => services.GetRequiredService<InfluencerAuditUseCases>();

    private static IEnumerable<Command> AuditCommands() => [Audit(), Review(), Ranking(), Benchmarks(), AuditFollowers(), TrainAudit(), ModelShow()];

    private static Command ModelShow()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("model", "The fake-follower models: the default's source, weights and figures, and the workspace's when one is trained") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var trained = await Audits(services).TrainedAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { @default = FakeFollowerModel.Default, workspace = trained });
                return 0;
            }

            void Write(string name, FakeFollowerModel m)
            {
                Console.Out.WriteLine($"{name}: {m.Source}");
                Console.Out.WriteLine($"  cut-off {m.Cutoff:0.###}, sensitivity {Figures.Percent(m.Sensitivity)}, specificity {Figures.Percent(m.Specificity)} (out of fold); intercept {m.Intercept:0.###}");
                CliContext.WriteTable(["feature", "weight", "mean", "scale"], m.Features.Select((f, i) => (IReadOnlyList<string>)
                    [f, m.Weights[i].ToString("0.###", CultureInfo.InvariantCulture), m.Means[i].ToString("0.###", CultureInfo.InvariantCulture), m.Scales[i].ToString("0.###", CultureInfo.InvariantCulture)]),
                    new HashSet<int> { 1, 2, 3 });
            }

            Write("default", FakeFollowerModel.Default);
            if (trained is { } t)
            {
                Console.Out.WriteLine();
                Write($"workspace (trained {t.TrainedAt})", t.Report.Model);
                var cv = t.Report.CrossValidated;
                Console.Out.WriteLine($"  {cv.Rows} rows ({cv.Fake} fake): accuracy {Figures.Percent(cv.Accuracy)}, AUC {cv.Auc:0.000} out of fold"
                    + (t.Holdout is { } h ? $"; held out {h.Rows} rows: accuracy {Figures.Percent(h.Accuracy)}, specificity {Figures.Percent(h.Specificity)}, sensitivity {Figures.Percent(h.Sensitivity)}, AUC {h.Auc:0.000}" : ""));
            }
            else
            {
                Console.Out.WriteLine("(no workspace model: train one with mercato influencers train-audit)");
            }

            return 0;
        });
        return command;
    }

    private static Option<string> AttributionOption() => new("--attribution")
    {
        Description = "The attribution model of the attributed figures: " + string.Join(", ", AttributionModels.All.Select(AttributionModels.Name)),
        DefaultValueFactory = _ => AttributionModels.Name(MeasurementUseCases.DefaultRoiModel),
    };

    private static Option<string?> ScorerOption() => new("--model")
    {
        Description = "The fake-follower model: default, or workspace (trained by train-audit); without it the workspace's when trained, else the default",
    };

    private static bool TryAttribution(string? word, out AttributionModel model)
    {
        if (AttributionModels.TryParse(word, out model))
        {
            return true;
        }

        CliContext.UnknownModel(word, AttributionModels.All.Select(AttributionModels.Name));
        return false;
    }

    private static Command Audit()
    {
        var id = new Argument<string>("id") { Description = "The influencer's id" };
        var attribution = AttributionOption();
        var scorer = ScorerOption();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command(
            "audit",
            "Audit an influencer before signing or after: audience quality (fake share with its interval), engagement against the platform-and-tier benchmark, "
            + "follower jumps no post explains, money joined to conversions, past collaborations' returns, and a recommendation (sign, negotiate, avoid)")
        {
            id, attribution, scorer, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryAttribution(result.GetValue(attribution), out var model))
            {
                return MercatoCli.InvalidInput;
            }

            var audit = await Audits(services).AuditAsync(result.GetValue(id)!, model, cancellationToken, result.GetValue(scorer)).ConfigureAwait(false);
            if (audit.Value is not { } a)
            {
                return CliContext.Fail(audit);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(a);
                return 0;
            }

            WriteAudit(a);
            return 0;
        });
        return command;
    }

    private static void WriteAudit(InfluencerAuditReport a)
    {
        var p = a.Profile;
        var i = p.Entry.Influencer;
        var o = Console.Out;
        o.WriteLine($"{i.Name} ({i.Id}) · {EnumWords.Word(i.Platform)} @{i.Handle} · {(p.Entry.Followers is { } f ? Figures.Count(f) : "?")} followers"
            + (p.Entry.Tier is { } t ? $" · {EnumWords.Word(t)}" : ""));
        o.WriteLine($"recommendation: {EnumWords.Word(a.Verdict.Recommendation)}");
        foreach (var finding in a.Verdict.Findings)
        {
            o.WriteLine($"  {(finding.Severe ? "!" : "-")} {Messages.Text(finding)}");
        }

        o.WriteLine();
        o.WriteLine("audience: " + (p.FakeShare is { } fs
            ? $"{Figures.Percent(fs.Share)} fake (95% interval {Figures.Percent(fs.Low)} to {Figures.Percent(fs.High)}), {fs.FlaggedFake} of {fs.Sample} sampled followers flagged on {Figures.Day(p.SampledAt!.Value)}, model {p.ModelUsed}{(fs.Corrected ? ", corrected for the model's sensitivity and specificity" : "")}; band {EnumWords.Word(a.Verdict.Audience)}"
            : "no follower sample"));
        var e = p.Engagement;
        o.WriteLine($"engagement over {e.Posts} posts: by followers median {Figures.Percent(e.ByFollowers.Median, 2)} (IQR {Figures.Percent(e.ByFollowers.Q1, 2)}–{Figures.Percent(e.ByFollowers.Q3, 2)}), "
            + $"by views {Figures.Percent(e.ByViews.Median, 2)}, comments per like {(e.CommentToLike.Median is { } cl ? Figures.Number(cl) : "")}"
            + (p.Benchmark is { } b ? $"; benchmark {Figures.Percent(b.Benchmark.Median, 2)} (low {Figures.Percent(b.Benchmark.Low, 2)}): {EnumWords.Word(b.Verdict)}, {b.Ratio:0.00}× the median" : ""));
        o.WriteLine($"followers vs real reach: {(e.FollowersNow is { } fn ? Figures.Count(fn) : "?")} followers, median {(e.MedianViews is { } mv ? Figures.Count((long)mv) : "?")} views a post: reach rate {Figures.Percent(e.ReachRate)}");
        o.WriteLine(p.Growth is { } g
            ? $"growth: {g.Jumps.Count} follower jump(s) over {g.Changes.Count} days, {a.Verdict.UnexplainedJumps} that no post explains"
                + string.Concat(g.Jumps.Select(j => $"\n  {Figures.Day(j.Day)}: +{Figures.Count((long)j.Gained)} (expected {Figures.Count((long)j.Expected)}), " + (j.Explained ? $"explained by post {j.ExplainingPost}" : "unexplained")))
            : "growth: " + (p.GrowthRefusal is { } r ? Messages.Text(r) : "no snapshots"));
        o.WriteLine();
        WriteMoney(p.Money);
        if (p.Collaborations.Count > 0)
        {
            o.WriteLine();
            CliContext.WriteTable(
                ["collaboration", "posts", "delivered", "fee", "CPE", "cost/touch", "CPIC", "ROI"],
                p.Collaborations.Select(c => (IReadOnlyList<string>)
                [
                    c.Collaboration, c.Posts.Count.ToString(CultureInfo.InvariantCulture),
                    string.Join(", ", c.Deliverables.Select(d => $"{d.Delivered?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{d.Agreed} {EnumWords.Word(d.Kind)}")),
                    Figures.Money(c.Returns.Cost), Figures.Unit(c.Returns.CostPerEngagement), Figures.Unit(c.Returns.CostPerTouch), c.Returns.CostPerIncrementalConversion is { } cpic ? Figures.Money(cpic) : "", Figures.Percent(c.Returns.Roi),
                ]),
                new HashSet<int> { 1, 3, 4, 5, 6, 7 });
        }
    }

    private static void WriteMoney(InfluencerMoneyLine m)
    {
        var i = m.Inputs;
        var r = m.Returns;
        var o = Console.Out;
        o.WriteLine($"money (all stored data; attributed by {m.Model}): cost {Figures.Money(r.Cost)} (fees {Figures.Money(i.Fees)} from {m.FeesFrom.Replace('_', ' ')}, other {Figures.Money(i.OtherCosts)})");
        o.WriteLine($"  reach {Figures.Count(i.Reach)} views, {Figures.Count(i.Engagements)} engagements (CPE {Figures.Unit(r.CostPerEngagement)}), {Figures.Count(i.Touches)} touches, "
            + $"{Figures.Count(i.Conversions)} last-touch conversions, {Figures.Number(i.AttributedConversions)} attributed ({Figures.Money(i.AttributedRevenue)})");
        o.WriteLine($"  incremental {(i.IncrementalConversions is { } ic ? Figures.Number(ic) : "?")} conversions, {Money(i.IncrementalRevenue)} revenue; "
            + $"cost per incremental conversion {Money(r.CostPerIncrementalConversion)}; ROI {Figures.Percent(r.Roi)} ({EnumWords.Word(r.Basis)})");
        if (m.LiveSessions > 0)
        {
            o.WriteLine($"  hosted {m.LiveSessions} live session(s), GMV {Figures.Money(m.LiveGmv)}");
        }
    }

    private static string Money(decimal? value) => value is { } v ? Figures.Money(v) : "";

    private static Command Review()
    {
        var id = new Argument<string>("id") { Description = "The influencer's id" };
        var collaboration = new Argument<string>("collaboration") { Description = "The collaboration's id" };
        var attribution = AttributionOption();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("review", "Review a collaboration after it ran: delivered against agreed, conversions, cost per incremental conversion, ROI (within its dates)")
        {
            id, collaboration, attribution, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryAttribution(result.GetValue(attribution), out var model))
            {
                return MercatoCli.InvalidInput;
            }

            var review = await Audits(services).ReviewAsync(result.GetValue(id)!, result.GetValue(collaboration)!, model, cancellationToken).ConfigureAwait(false);
            if (review.Value is not { } r)
            {
                return CliContext.Fail(review);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(r);
                return 0;
            }

            Console.Out.WriteLine($"{r.Collaboration}: {r.Posts.Count} post(s){(r.UnderDelivered ? ", UNDER-DELIVERED" : "")}");
            CliContext.WriteTable(["deliverable", "agreed", "delivered"], r.Deliverables.Select(d => (IReadOnlyList<string>)
                [EnumWords.Word(d.Kind), d.Agreed.ToString(CultureInfo.InvariantCulture), d.Delivered?.ToString(CultureInfo.InvariantCulture) ?? "(not in the posts)"]), new HashSet<int> { 1, 2 });
            var x = r.Returns;
            Console.Out.WriteLine($"fee {Figures.Money(x.Cost)}; CPE {Figures.Unit(x.CostPerEngagement)}; cost per touch {Figures.Unit(x.CostPerTouch)}; cost per incremental conversion {Money(x.CostPerIncrementalConversion)}; ROI {Figures.Percent(x.Roi)} ({EnumWords.Word(x.Basis)})");
            return 0;
        });
        return command;
    }

    private static Command Ranking()
    {
        var sort = new Option<string?>("--sort") { Description = "incremental_revenue (default), roi, cpic, engagement, fake_share or followers" };
        var attribution = AttributionOption();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("ranking", "Every influencer: follower count beside real engagement, reach, fake share, incremental revenue, cost per incremental conversion and ROI")
        {
            sort, attribution, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryAttribution(result.GetValue(attribution), out var model))
            {
                return MercatoCli.InvalidInput;
            }

            var ranking = await Audits(services).RankingAsync(result.GetValue(sort), model, cancellationToken).ConfigureAwait(false);
            if (ranking.Value is not { } r)
            {
                return CliContext.Fail(ranking);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(r);
                return 0;
            }

            CliContext.WriteTable(
                ["influencer", "platform", "followers", "tier", "eng. rate", "benchmark", "reach", "fake share", "cost", "incr. conv.", "incr. revenue", "CPIC", "ROI"],
                r.Lines.Select(l => (IReadOnlyList<string>)
                [
                    l.Influencer, EnumWords.Word(l.Platform), l.Followers is { } f ? Figures.Count(f) : "", l.Tier is { } t ? EnumWords.Word(t) : "",
                    Figures.Percent(l.EngagementRate, 2), Figures.Percent(l.Benchmark, 2), Figures.Percent(l.ReachRate), l.FakeShare is { } fs ? Figures.Percent(fs.Share) : "",
                    Figures.Money(l.Money.Returns.Cost), l.Money.Inputs.IncrementalConversions is { } ic ? Figures.Number(ic) : "", Money(l.Money.Inputs.IncrementalRevenue),
                    Money(l.Money.Returns.CostPerIncrementalConversion), Figures.Percent(l.Money.Returns.Roi),
                ]),
                new HashSet<int> { 2, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
            Console.Out.WriteLine($"sorted by {r.Sort}; engagement and reach pooled over posts of {(r.PostsFrom is { } pf ? Figures.Day(pf) : "?")} to {(r.PostsTo is { } pt ? Figures.Day(pt) : "?")}; money over all stored data, attributed by {r.Model}");
            return 0;
        });
        return command;
    }

    private static Command Benchmarks()
    {
        var set = new Option<string[]>("--set") { Description = "PLATFORM:TIER:MEDIAN:LOW, shares (douyin:micro:0.07:0.028); repeat for more" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("benchmarks", "Engagement-by-followers benchmarks per platform and tier: the defaults, with the workspace's own where it set them") { set, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var rows = new List<EngagementBenchmark>();
            foreach (var text in result.GetValue(set) ?? [])
            {
                var parts = text.Split(':');
                if (parts.Length != 4 || !EnumWords.TryParse<InfluencerPlatform>(parts[0], out var platform) || !EnumWords.TryParse<InfluencerTier>(parts[1], out var tier)
                    || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var median)
                    || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var low))
                {
                    Console.Error.WriteLine($"--set {text}: expected PLATFORM:TIER:MEDIAN:LOW, e.g. douyin:micro:0.07:0.028 (platforms {string.Join(", ", EnumWords.All<InfluencerPlatform>())}; tiers {string.Join(", ", EnumWords.All<InfluencerTier>())})");
                    return MercatoCli.InvalidInput;
                }

                rows.Add(new EngagementBenchmark(platform, tier, median, low));
            }

            IReadOnlyList<EngagementBenchmark> table;
            if (rows.Count > 0)
            {
                var saved = await Audits(services).SetBenchmarksAsync(rows, cancellationToken).ConfigureAwait(false);
                if (saved.Value is not { } s)
                {
                    return CliContext.Fail(saved);
                }

                table = s;
            }
            else
            {
                table = await Audits(services).BenchmarkTableAsync(cancellationToken).ConfigureAwait(false);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(table);
                return 0;
            }

            CliContext.WriteTable(["platform", "tier", "median", "low"], table.Select(b => (IReadOnlyList<string>)
                [EnumWords.Word(b.Platform), EnumWords.Word(b.Tier), Figures.Percent(b.Median, 2), Figures.Percent(b.Low, 2)]), new HashSet<int> { 2, 3 });
            return 0;
        });
        return command;
    }

    private static Command AuditFollowers()
    {
        var input = new Option<FileInfo>("--input") { Description = "A CSV of sampled followers: follower_id, followers, following, posts, has_profile_picture, is_private, username?, bio_length?, account_age_days?", Required = true };
        var scorer = ScorerOption();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("audit-followers", "Score a follower sample: each follower's probability of being fake, and the fake share with its 95% interval; nothing is stored")
        {
            input, scorer, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (ReadSample(result.GetValue(input)!, null) is not { } rows)
            {
                return MercatoCli.InvalidInput;
            }

            var scored = await Audits(services).ScoreAsync([.. rows.Select(r => r.Profile)], result.GetValue(scorer), cancellationToken).ConfigureAwait(false);
            if (scored.Value is not { } s)
            {
                return CliContext.Fail(scored);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(s);
                return 0;
            }

            CliContext.WriteTable(["follower_id", "pFake", "flagged"], s.Followers.Select(f => (IReadOnlyList<string>)
                [f.FollowerId, f.PFake.ToString("0.000", CultureInfo.InvariantCulture), f.PFake >= s.Cutoff ? "fake" : ""]), new HashSet<int> { 1 });
            Console.Out.WriteLine($"{s.Flagged} of {s.Followers.Count} flagged at cut-off {s.Cutoff:0.###} (model {s.Model}); fake share {Figures.Percent(s.FakeShare)}, 95% interval {Figures.Percent(s.FakeShareLow)} to {Figures.Percent(s.FakeShareHigh)}"
                + (s.Corrected ? " (corrected for the model's sensitivity and specificity)" : ""));
            return 0;
        });
        return command;
    }

    private static Command TrainAudit()
    {
        var input = new Option<FileInfo>("--input") { Description = "A CSV of verified followers: the audit-followers columns and a label column", Required = true };
        var label = new Option<string>("--label-column") { Description = "The label column: true, 1 or yes when the account is fake", DefaultValueFactory = _ => "is_fake" };
        var holdout = new Option<FileInfo?>("--holdout") { Description = "A labelled CSV kept out of training, scored with the fitted model (same columns)" };
        var folds = new Option<int>("--folds") { Description = "Folds of the stratified cross-validation (2 to 20)", DefaultValueFactory = _ => 5 };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command(
            "train-audit",
            "Fit the fake-follower model on the workspace's own verified accounts: L2 logistic regression, stratified k-fold cross-validation, the cut-off that maximizes "
            + "sensitivity + specificity; reports accuracy, specificity, sensitivity and AUC out of fold, and saves the model as the workspace's")
        {
            input, label, holdout, folds, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var k = result.GetValue(folds);
            if (k is < 2 or > 20)
            {
                return CliContext.Invalid(CommonCodes.OutOfRange, ("value", k), ("min", 2), ("max", 20));
            }

            var column = result.GetValue(label)!;
            if (ReadSample(result.GetValue(input)!, column) is not { } rows)
            {
                return MercatoCli.InvalidInput;
            }

            List<FollowerSampleRow>? held = null;
            if (result.GetValue(holdout) is { } h && (held = ReadSample(h, column)) is null)
            {
                return MercatoCli.InvalidInput;
            }

            static List<LabelledFollower> Labelled(IEnumerable<FollowerSampleRow> r) => [.. r.Select(x => new LabelledFollower(x.Profile, x.IsFake!.Value))];
            var trained = await Audits(services).TrainAsync(
                Labelled(rows), result.GetValue(input)!.Name, held is null ? null : Labelled(held), new FakeFollowerTrainingOptions { Folds = k }, cancellationToken)
                .ConfigureAwait(false);
            if (trained.Value is not { } t)
            {
                return CliContext.Fail(trained);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(t);
                return 0;
            }

            var cv = t.Report.CrossValidated;
            Console.Out.WriteLine($"trained on {cv.Rows} rows ({cv.Fake} fake, {cv.Genuine} genuine), {t.Report.Folds}-fold stratified cross-validation, λ = {t.Report.Lambda}");
            Console.Out.WriteLine($"cut-off {cv.Cutoff:0.###}: accuracy {Figures.Percent(cv.Accuracy)}, specificity {Figures.Percent(cv.Specificity)}, sensitivity {Figures.Percent(cv.Sensitivity)}, AUC {cv.Auc:0.000} (out of fold)");
            if (t.Holdout is { } ho)
            {
                Console.Out.WriteLine($"held out ({ho.Rows} rows, {ho.Fake} fake): accuracy {Figures.Percent(ho.Accuracy)}, specificity {Figures.Percent(ho.Specificity)}, sensitivity {Figures.Percent(ho.Sensitivity)}, AUC {ho.Auc:0.000}");
            }

            Console.Out.WriteLine("saved as the workspace model: audits and audit-followers use it (--model default for the default)");
            return 0;
        });
        return command;
    }

    /// <summary>A follower-sample file's rows, or null after writing every refused row's line, column and reason.</summary>
    private static List<FollowerSampleRow>? ReadSample(FileInfo file, string? labelColumn)
    {
        if (!file.Exists)
        {
            CliContext.Invalid(ApiCodes.FileNotFound, ("path", file.FullName));
            return null;
        }

        using var stream = file.OpenRead();
        var read = KindFiles.Read(stream, DataFormat.Csv, new FollowerSampleFile(labelColumn), file.Name, ParseContext.Utc);
        if (!read.Ok)
        {
            foreach (var error in read.Errors)
            {
                Console.Error.WriteLine(Messages.WithPlace(error));
            }

            return null;
        }

        return [.. read.Facts.Cast<FollowerSampleRow>()];
    }
}

/// <summary>The audit endpoints.</summary>
public static partial class InfluencersApi
{
    private static void MapAudits(RouteGroupBuilder group)
    {
        group.MapGet("/ranking", async Task<Results<Ok<InfluencerRanking>, ProblemHttpResult>> (
                InfluencerAuditUseCases uses, string? sort, string? attribution, CancellationToken cancellationToken) =>
                !TryModel(attribution, out var model) ? BadModel(attribution) : ApiProblems.OkOrBadRequest(await uses.RankingAsync(sort, model, cancellationToken)))
            .WithName("GetInfluencerRanking")
            .WithSummary("Every influencer: followers beside pooled engagement and reach, fake share, all-time money (?sort=incremental_revenue|roi|cpic|engagement|fake_share|followers, attribution=MODEL)");

        group.MapGet("/benchmarks", async (InfluencerAuditUseCases uses, CancellationToken cancellationToken) => TypedResults.Ok(await uses.BenchmarkTableAsync(cancellationToken)))
            .WithName("GetInfluencerBenchmarks").WithSummary("Engagement-by-followers benchmarks per platform and tier in force (defaults, replaced by the workspace's rows)");

        group.MapPut("/benchmarks", async Task<Results<Ok<IReadOnlyList<EngagementBenchmark>>, ProblemHttpResult>> (
                InfluencerAuditUseCases uses, EngagementBenchmark[] rows, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await uses.SetBenchmarksAsync(rows ?? [], cancellationToken)))
            .WithName("PutInfluencerBenchmarks").WithSummary("Set benchmark rows [{platform,tier,median,low}] (shares); other rows keep theirs; 422 for a median outside (0, 1] or low outside [0, median]");

        group.MapGet("/{id}/audit", async Task<Results<Ok<InfluencerAuditReport>, ProblemHttpResult>> (
                InfluencerAuditUseCases uses, string id, string? attribution, string? model, CancellationToken cancellationToken) =>
                !TryModel(attribution, out var m) ? BadModel(attribution) : ApiProblems.OkOrBadRequest(await uses.AuditAsync(id, m, cancellationToken, model)))
            .WithName("GetInfluencerAudit")
            .WithSummary("The audit: audience quality, engagement against benchmark, growth jumps, money, past collaborations, findings and a recommendation (?attribution=MODEL, model=default|workspace)");

        group.MapGet("/{id}/collaborations/{collaboration}/review", async Task<Results<Ok<CollaborationReview>, ProblemHttpResult>> (
                InfluencerAuditUseCases uses, string id, string collaboration, string? attribution, CancellationToken cancellationToken) =>
                !TryModel(attribution, out var m) ? BadModel(attribution) : ApiProblems.OkOrBadRequest(await uses.ReviewAsync(id, collaboration, m, cancellationToken)))
            .WithName("GetCollaborationReview").WithSummary("A collaboration's review within its dates: delivered against agreed, money, cost per incremental conversion, ROI");

        group.MapPost("/audit-followers", async Task<Results<Ok<FollowerAudit>, ProblemHttpResult>> (
                InfluencerAuditUseCases uses, HttpRequest request, string? model, CancellationToken cancellationToken) =>
            {
                // The readers read synchronously: the body is buffered first (the server's request size limit bounds it).
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, cancellationToken);
                body.Position = 0;
                var read = KindFiles.Read(body, DataFormat.Csv, new FollowerSampleFile(), "body", ParseContext.Utc);
                if (!read.Ok)
                {
                    return ApiProblems.Invalid(read.Errors);
                }

                return ApiProblems.OkOrBadRequest(await uses.ScoreAsync([.. read.Facts.Cast<FollowerSampleRow>().Select(r => r.Profile)], model, cancellationToken));
            })
            .Accepts<string>("text/csv")
            .WithName("PostAuditFollowers")
            .WithSummary("Score a CSV follower sample (?model=default|workspace): {followers:[{followerId,pFake}], fakeShare, fakeShareLow, fakeShareHigh, ...}; 422 with each refused row's line, column and reason");
    }

    private static bool TryModel(string? word, out AttributionModel model)
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            model = MeasurementUseCases.DefaultRoiModel;
            return true;
        }

        return AttributionModels.TryParse(word, out model);
    }

    private static ProblemHttpResult BadModel(string? word) =>
        ApiProblems.Bad(CommonCodes.NotOneOf, ("value", word), ("expected", AttributionModels.All.Select(AttributionModels.Name).ToArray()));
}
