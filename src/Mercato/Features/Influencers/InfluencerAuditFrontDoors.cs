using System.CommandLine;
using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Measurement;
using Mercato.Storage.Import;
using Words = Mercato.Shared.Words;

namespace Mercato.Features.Influencers;

/// <summary>The audit commands: audit, review, ranking, benchmarks, audit-followers, train-audit.</summary>
internal static partial class InfluencersCommand
{
    private static InfluencerAuditUseCases Audits(IServiceProvider services) => services.GetRequiredService<InfluencerAuditUseCases>();

    private static IEnumerable<Command> AuditCommands() => [Audit(), Review(), Ranking(), Benchmarks(), AuditFollowers(), TrainAudit(), ModelShow()];

    private static Command ModelShow()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("model", Words.W("influencers.cli.model.description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var trained = await Audits(services).TrainedAsync(cancellationToken).ConfigureAwait(false);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { @default = FakeFollowerModel.Default, workspace = trained });
                return 0;
            }

            IReadOnlyList<string> header =
                [Words.W("influencers.cli.model.col_feature"), Words.W("influencers.cli.model.col_weight"), Words.W("influencers.cli.model.col_mean"), Words.W("influencers.cli.model.col_scale")];
            static IEnumerable<IReadOnlyList<string>> Rows(FakeFollowerModel m) => m.Features.Select((f, i) => (IReadOnlyList<string>)
                [f, Decimals(m.Weights[i], "0.###"), Decimals(m.Means[i], "0.###"), Decimals(m.Scales[i], "0.###")]);
            if (shown != "table")
            {
                // One table for a file: the model's name before each feature.
                var models = new List<(string Name, FakeFollowerModel Model)> { (Words.W("influencers.model.default"), FakeFollowerModel.Default) };
                if (trained is { } w)
                {
                    models.Add((Words.W("influencers.model.workspace"), w.Report.Model));
                }

                return CliContext.WriteShown(
                    result, shown, "fake-follower-models", [Words.W("influencers.cli.col_model"), .. header],
                    models.SelectMany(m => Rows(m.Model).Select(r => (IReadOnlyList<string>)[m.Name, .. r])), new HashSet<int> { 2, 3, 4 });
            }

            void Write(string name, FakeFollowerModel m)
            {
                Console.Out.WriteLine($"{name}: {m.Source}");
                Console.Out.WriteLine(Words.W(
                    "influencers.cli.model.figures", ("cutoff", Decimals(m.Cutoff, "0.###")), ("sensitivity", Figures.Percent(m.Sensitivity)), ("specificity", Figures.Percent(m.Specificity)),
                    ("intercept", Decimals(m.Intercept, "0.###"))));
                CliContext.WriteTable(header, Rows(m), new HashSet<int> { 1, 2, 3 });
            }

            Write(Words.W("influencers.model.default"), FakeFollowerModel.Default);
            if (trained is { } t)
            {
                Console.Out.WriteLine();
                Write(Words.W("influencers.cli.model.workspace_trained", ("at", t.TrainedAt)), t.Report.Model);
                var cv = t.Report.CrossValidated;
                Console.Out.WriteLine(Words.W("influencers.cli.model.cross_validated", ("rows", (long)cv.Rows), ("fake", (long)cv.Fake), ("accuracy", Figures.Percent(cv.Accuracy)), ("auc", Decimals(cv.Auc, "0.000")))
                    + (t.Holdout is { } h
                        ? Words.W("influencers.cli.model.held_out", ("rows", (long)h.Rows), ("accuracy", Figures.Percent(h.Accuracy)), ("specificity", Figures.Percent(h.Specificity)),
                            ("sensitivity", Figures.Percent(h.Sensitivity)), ("auc", Decimals(h.Auc, "0.000")))
                        : ""));
            }
            else
            {
                Console.Out.WriteLine(Words.W("influencers.cli.model.none"));
            }

            return 0;
        });
        return command;
    }

    /// <summary>A statistic shown to a person with <paramref name="format"/> in the culture in effect.</summary>
    private static string Decimals(double value, string format) => value.ToString(format, CultureInfo.CurrentCulture);

    private static Option<string> AttributionOption() => new("--attribution")
    {
        Description = Words.W("influencers.cli.attribution", ("models", string.Join(", ", AttributionModels.All.Select(AttributionModels.Name)))),
        DefaultValueFactory = _ => AttributionModels.Name(MeasurementUseCases.DefaultRoiModel),
    };

    private static Option<string?> ScorerOption() => new("--model")
    {
        Description = Words.W("influencers.cli.scorer"),
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
        var id = new Argument<string>("id") { Description = Words.W("influencers.cli.arg_id") };
        var attribution = AttributionOption();
        var scorer = ScorerOption();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("audit", Words.W("influencers.cli.audit.description"))
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
        o.WriteLine($"{i.Name} ({i.Id}) · {InfluencerWords.Of(i.Platform)} @{i.Handle} · " + Words.W("influencers.audit.followers", ("followers", p.Entry.Followers is { } f ? Figures.Count(f) : "?"))
            + (p.Entry.Tier is { } t ? $" · {InfluencerWords.Of(t)}" : ""));
        o.WriteLine(Words.W("influencers.cli.audit.recommendation", ("recommendation", InfluencerWords.Of(a.Verdict.Recommendation))));
        foreach (var finding in a.Verdict.Findings)
        {
            o.WriteLine($"  {(finding.Severe ? "!" : "-")} {Messages.Text(finding)}");
        }

        o.WriteLine();
        o.WriteLine(p.FakeShare is { } fs
            ? Words.W(
                "influencers.cli.audit.audience", ("share", Figures.Percent(fs.Share)), ("low", Figures.Percent(fs.Low)), ("high", Figures.Percent(fs.High)), ("flagged", (long)fs.FlaggedFake),
                ("sample", (long)fs.Sample), ("day", Figures.Day(p.SampledAt!.Value)), ("model", Words.W("influencers.model." + p.ModelUsed)), ("corrected", fs.Corrected ? "yes" : "no"),
                ("band", InfluencerWords.Of(a.Verdict.Audience)))
            : Words.W("influencers.cli.audit.no_sample"));
        var e = p.Engagement;
        o.WriteLine(Words.W(
                "influencers.cli.audit.engagement", ("posts", (long)e.Posts), ("median", Figures.Percent(e.ByFollowers.Median, 2)), ("q1", Figures.Percent(e.ByFollowers.Q1, 2)),
                ("q3", Figures.Percent(e.ByFollowers.Q3, 2)), ("by_views", Figures.Percent(e.ByViews.Median, 2)), ("comments_per_like", e.CommentToLike.Median is { } cl ? Figures.Number(cl) : ""))
            + (p.Benchmark is { } b
                ? Words.W(
                    "influencers.cli.audit.benchmark", ("median", Figures.Percent(b.Benchmark.Median, 2)), ("low", Figures.Percent(b.Benchmark.Low, 2)), ("verdict", InfluencerWords.Of(b.Verdict)),
                    ("ratio", Decimals(b.Ratio, "0.00")))
                : ""));
        o.WriteLine(Words.W(
            "influencers.cli.audit.reach", ("followers", e.FollowersNow is { } fn ? Figures.Count(fn) : "?"), ("views", e.MedianViews is { } mv ? Figures.Count((long)mv) : "?"),
            ("rate", Figures.Percent(e.ReachRate))));
        o.WriteLine(p.Growth is { } g
            ? Words.W("influencers.cli.audit.growth", ("jumps", (long)g.Jumps.Count), ("days", (long)g.Changes.Count), ("unexplained", (long)a.Verdict.UnexplainedJumps))
                + string.Concat(g.Jumps.Select(j => "\n  " + Words.W(
                    "influencers.cli.audit.jump", ("day", Figures.Day(j.Day)), ("gained", Figures.Count((long)j.Gained)), ("expected", Figures.Count((long)j.Expected)),
                    ("post", j.Explained ? j.ExplainingPost : null))))
            : Words.W("influencers.cli.audit.no_growth", ("why", p.GrowthRefusal is { } r ? Messages.Text(r) : Words.W("influencers.cli.audit.no_snapshots"))));
        o.WriteLine();
        WriteMoney(p.Money);
        if (p.Collaborations.Count > 0)
        {
            o.WriteLine();
            CliContext.WriteTable(
                [
                    Words.W("influencers.cli.col_collaboration"), Words.W("influencers.cli.col_posts"), Words.W("influencers.cli.col_delivered"),
                    Words.W("influencers.cli.col_fee", ("currency", Figures.Currency)), "CPE", Words.W("influencers.cli.col_cost_per_touch"),
                    Words.W("influencers.cli.col_cpic", ("currency", Figures.Currency)), "ROI",
                ],
                p.Collaborations.Select(c => (IReadOnlyList<string>)
                [
                    c.Collaboration, c.Posts.Count.ToString(CultureInfo.InvariantCulture),
                    Delivered(c.Deliverables),
                    Figures.Money(c.Returns.Cost), Figures.Unit(c.Returns.CostPerEngagement), Figures.Unit(c.Returns.CostPerTouch), c.Returns.CostPerIncrementalConversion is { } cpic ? Figures.Money(cpic) : "", Figures.Percent(c.Returns.Roi),
                ]),
                new HashSet<int> { 1, 3, 4, 5, 6, 7 });
        }
    }

    /// <summary>A collaboration's deliverables as one cell: <c>3/4 video, 0/1 live</c>.</summary>
    private static string Delivered(IEnumerable<DeliverableReview> deliverables) =>
        string.Join(Words.W("influencers.list_separator"), deliverables.Select(d => Words.W(
            "influencers.profile.delivered_short", ("delivered", d.Delivered is { } n ? n.ToString(CultureInfo.CurrentCulture) : "?"), ("agreed", (long)d.Agreed), ("kind", InfluencerWords.Of(d.Kind)))));

    private static void WriteMoney(InfluencerMoneyLine m)
    {
        var i = m.Inputs;
        var r = m.Returns;
        var o = Console.Out;
        o.WriteLine(Words.W("influencers.cli.money.cost", ("model", m.Model), ("cost", Figures.Money(r.Cost)), ("fees", Figures.Money(i.Fees)), ("from", m.FeesFrom), ("other", Figures.Money(i.OtherCosts))));
        o.WriteLine(Words.W(
            "influencers.cli.money.reach", ("reach", Figures.Count(i.Reach)), ("engagements", Figures.Count(i.Engagements)), ("cpe", Figures.Unit(r.CostPerEngagement)),
            ("touches", Figures.Count(i.Touches)), ("conversions", Figures.Count(i.Conversions)), ("attributed", Figures.Number(i.AttributedConversions)), ("revenue", Figures.Money(i.AttributedRevenue))));
        o.WriteLine(Words.W(
            "influencers.cli.money.incremental", ("conversions", i.IncrementalConversions is { } ic ? Figures.Number(ic) : "?"), ("revenue", Money(i.IncrementalRevenue)),
            ("cpic", Money(r.CostPerIncrementalConversion)), ("roi", Figures.Percent(r.Roi)), ("basis", InfluencerWords.Of(r.Basis))));
        if (m.LiveSessions > 0)
        {
            o.WriteLine(Words.W("influencers.cli.money.live", ("sessions", (long)m.LiveSessions), ("gmv", Figures.Money(m.LiveGmv))));
        }
    }

    private static string Money(decimal? value) => value is { } v ? Figures.Money(v) : "";

    private static Command Review()
    {
        var id = new Argument<string>("id") { Description = Words.W("influencers.cli.arg_id") };
        var collaboration = new Argument<string>("collaboration") { Description = Words.W("influencers.cli.review.collaboration") };
        var attribution = AttributionOption();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("review", Words.W("influencers.cli.review.description"))
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

            Console.Out.WriteLine(Words.W("influencers.cli.review.head", ("collaboration", r.Collaboration), ("posts", (long)r.Posts.Count), ("under", r.UnderDelivered ? "yes" : "no")));
            CliContext.WriteTable(
                [Words.W("influencers.cli.col_deliverable"), Words.W("influencers.cli.col_agreed"), Words.W("influencers.cli.col_delivered")],
                r.Deliverables.Select(d => (IReadOnlyList<string>)
                    [InfluencerWords.Of(d.Kind), d.Agreed.ToString(CultureInfo.InvariantCulture), d.Delivered?.ToString(CultureInfo.InvariantCulture) ?? Words.W("influencers.cli.review.not_in_posts")]),
                new HashSet<int> { 1, 2 });
            var x = r.Returns;
            Console.Out.WriteLine(Words.W(
                "influencers.cli.review.money", ("fee", Figures.Money(x.Cost)), ("cpe", Figures.Unit(x.CostPerEngagement)), ("cost_per_touch", Figures.Unit(x.CostPerTouch)),
                ("cpic", Money(x.CostPerIncrementalConversion)), ("roi", Figures.Percent(x.Roi)), ("basis", InfluencerWords.Of(x.Basis))));
            return 0;
        });
        return command;
    }

    private static Command Ranking()
    {
        var sort = new Option<string?>("--sort") { Description = Words.W("influencers.cli.ranking.sort") };
        var attribution = AttributionOption();
        var format = CliContext.TableFormatOption();
        var command = new Command("ranking", Words.W("influencers.cli.ranking.description"))
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

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(r);
                return 0;
            }

            var currency = ("currency", (object?)Figures.Currency);
            var written = CliContext.WriteShown(
                result, shown, "influencer-ranking",
                [
                    Words.W("influencers.cli.col_influencer"), Words.W("influencers.cli.col_platform"), Words.W("influencers.cli.col_followers"), Words.W("influencers.cli.col_tier"),
                    Words.W("influencers.cli.col_engagement"), Words.W("influencers.cli.col_benchmark"), Words.W("influencers.cli.col_reach"), Words.W("influencers.cli.col_fake_share"),
                    Words.W("influencers.cli.col_cost", currency), Words.W("influencers.cli.col_incr_conv"), Words.W("influencers.cli.col_incr_revenue", currency),
                    Words.W("influencers.cli.col_cpic", currency), "ROI",
                ],
                r.Lines.Select(l => (IReadOnlyList<string>)
                [
                    l.Influencer, InfluencerWords.Of(l.Platform), l.Followers is { } f ? Figures.Count(f) : "", l.Tier is { } t ? InfluencerWords.Of(t) : "",
                    Figures.Percent(l.EngagementRate, 2), Figures.Percent(l.Benchmark, 2), Figures.Percent(l.ReachRate), l.FakeShare is { } fs ? Figures.Percent(fs.Share) : "",
                    Figures.Money(l.Money.Returns.Cost), l.Money.Inputs.IncrementalConversions is { } ic ? Figures.Number(ic) : "", Money(l.Money.Inputs.IncrementalRevenue),
                    Money(l.Money.Returns.CostPerIncrementalConversion), Figures.Percent(l.Money.Returns.Roi),
                ]),
                new HashSet<int> { 2, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W(
                    "influencers.cli.ranking.footer", ("sort", Words.W("influencers.ranking.sort_" + r.Sort)), ("from", r.PostsFrom is { } pf ? Figures.Day(pf) : "?"),
                    ("to", r.PostsTo is { } pt ? Figures.Day(pt) : "?"), ("model", r.Model)));
            }

            return written;
        });
        return command;
    }

    private static Command Benchmarks()
    {
        var set = new Option<string[]>("--set") { Description = Words.W("influencers.cli.benchmarks.set") };
        var format = CliContext.TableFormatOption();
        var command = new Command("benchmarks", Words.W("influencers.cli.benchmarks.description")) { set, format };
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
                    Console.Error.WriteLine(Words.W(
                        "influencers.cli.benchmarks.bad_set", ("value", text), ("platforms", string.Join(", ", EnumWords.All<InfluencerPlatform>())), ("tiers", string.Join(", ", EnumWords.All<InfluencerTier>()))));
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

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(table);
                return 0;
            }

            return CliContext.WriteShown(
                result, shown, "engagement-benchmarks",
                [Words.W("influencers.cli.col_platform"), Words.W("influencers.cli.col_tier"), Words.W("influencers.cli.col_median"), Words.W("influencers.cli.benchmarks.col_low")],
                table.Select(b => (IReadOnlyList<string>)[InfluencerWords.Of(b.Platform), InfluencerWords.Of(b.Tier), Figures.Percent(b.Median, 2), Figures.Percent(b.Low, 2)]),
                new HashSet<int> { 2, 3 });
        });
        return command;
    }

    private static Command AuditFollowers()
    {
        var input = new Option<FileInfo>("--input") { Description = Words.W("influencers.cli.audit_followers.input"), Required = true };
        var scorer = ScorerOption();
        var format = CliContext.TableFormatOption();
        var command = new Command("audit-followers", Words.W("influencers.cli.audit_followers.description"))
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

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(s);
                return 0;
            }

            var written = CliContext.WriteShown(
                result, shown, "follower-scores",
                [Words.W("influencers.cli.col_follower_id"), Words.W("influencers.cli.col_pfake"), Words.W("influencers.cli.col_flagged")],
                s.Followers.Select(f => (IReadOnlyList<string>)[f.FollowerId, Decimals(f.PFake, "0.000"), f.PFake >= s.Cutoff ? Words.W("influencers.audit_followers.fake") : ""]),
                new HashSet<int> { 1 });
            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W(
                    "influencers.cli.audit_followers.summary", ("flagged", (long)s.Flagged), ("sample", (long)s.Followers.Count), ("cutoff", Decimals(s.Cutoff, "0.###")),
                    ("model", Words.W("influencers.model." + s.Model)), ("share", Figures.Percent(s.FakeShare)), ("low", Figures.Percent(s.FakeShareLow)), ("high", Figures.Percent(s.FakeShareHigh)),
                    ("corrected", s.Corrected ? "yes" : "no")));
            }

            return written;
        });
        return command;
    }

    private static Command TrainAudit()
    {
        var input = new Option<FileInfo>("--input") { Description = Words.W("influencers.cli.train_audit.input"), Required = true };
        var label = new Option<string>("--label-column") { Description = Words.W("influencers.cli.train_audit.label_column"), DefaultValueFactory = _ => "is_fake" };
        var holdout = new Option<FileInfo?>("--holdout") { Description = Words.W("influencers.cli.train_audit.holdout") };
        var folds = new Option<int>("--folds") { Description = Words.W("influencers.cli.train_audit.folds"), DefaultValueFactory = _ => 5 };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("train-audit", Words.W("influencers.cli.train_audit.description"))
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
            Console.Out.WriteLine(Words.W(
                "influencers.cli.train_audit.trained", ("rows", (long)cv.Rows), ("fake", (long)cv.Fake), ("genuine", (long)cv.Genuine), ("folds", (long)t.Report.Folds), ("lambda", t.Report.Lambda)));
            Console.Out.WriteLine(Words.W(
                "influencers.cli.train_audit.cross_validated", ("cutoff", Decimals(cv.Cutoff, "0.###")), ("accuracy", Figures.Percent(cv.Accuracy)), ("specificity", Figures.Percent(cv.Specificity)),
                ("sensitivity", Figures.Percent(cv.Sensitivity)), ("auc", Decimals(cv.Auc, "0.000"))));
            if (t.Holdout is { } ho)
            {
                Console.Out.WriteLine(Words.W(
                    "influencers.cli.train_audit.held_out", ("rows", (long)ho.Rows), ("fake", (long)ho.Fake), ("accuracy", Figures.Percent(ho.Accuracy)), ("specificity", Figures.Percent(ho.Specificity)),
                    ("sensitivity", Figures.Percent(ho.Sensitivity)), ("auc", Decimals(ho.Auc, "0.000"))));
            }

            Console.Out.WriteLine(Words.W("influencers.cli.train_audit.saved"));
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
