using System.CommandLine;
using System.Globalization;
using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary><c>mercato listening summary|mentions|terms|rescore</c>: public opinion over stored mentions.</summary>
internal static class MentionsCommand
{
    public static IEnumerable<Command> Create() => [Summary(), Mentions(), Terms(), Rescore()];

    private static (Option<string?> From, Option<string?> To) Window() =>
        (new Option<string?>("--from") { Description = Words.W("listening.cli.from") },
         new Option<string?>("--to") { Description = Words.W("listening.cli.to") });

    private static Command Summary()
    {
        var (from, to) = Window();
        var format = CliContext.TableFormatOption();
        var table = new Option<string>("--table") { Description = Words.W("listening.cli.summary_table"), DefaultValueFactory = _ => "terms" };
        table.AcceptOnlyFromAmong("terms", "voice", "sources", "spikes");
        var command = new Command("summary", Words.W("listening.cli.summary_description"))
        {
            from, to, format, table,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var found = await services.GetRequiredService<MentionUseCases>().SummaryAsync(first, last, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } s)
            {
                return CliContext.Fail(found);
            }

            var shape = result.GetValue(format)!;
            if (shape == "json")
            {
                CliContext.WriteJson(s);
                return 0;
            }

            var tables = SummaryTables(s);
            if (shape != "table")
            {
                var (name, header, rows, right) = tables[result.GetValue(table)!];
                return CliContext.WriteShown(result, shape, "listening-" + name, header, rows, right);
            }

            var o = Console.Out;
            o.WriteLine(Words.W("listening.cli.summary_totals", ("from", Day(s.From)), ("to", Day(s.To)), ("mentions", Count(s.Totals.Mentions)),
                ("positive", Count(s.Totals.Positive)), ("negative", Count(s.Totals.Negative)), ("neutral", Count(s.Totals.Neutral)),
                ("not_scored", Count(s.Totals.NotScored)), ("share", Share(s.Totals.NegativeShare))));
            foreach (var key in new[] { "terms", "voice", "sources" })
            {
                var (_, header, rows, right) = tables[key];
                o.WriteLine();
                o.WriteLine(Words.W("listening.cli.section_" + key));
                CliContext.WriteTable(header, rows, right);
            }

            o.WriteLine();
            o.WriteLine(Words.W(s.Spikes.Count == 0 ? "listening.cli.no_spikes" : "listening.cli.section_spikes"));
            if (s.Spikes.Count > 0)
            {
                var (_, header, rows, right) = tables["spikes"];
                CliContext.WriteTable(header, rows, right);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The summary's four tables as the command shows them, by the name <c>--table</c> gives.</summary>
    private static Dictionary<string, (string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, HashSet<int> Right)> SummaryTables(ListeningSummary s) =>
        new(StringComparer.Ordinal)
        {
            ["terms"] = ("terms",
                [W("col_term"), W("col_kind"), W("col_mentions"), W("col_negative"), W("col_negative_share"), W("col_reach")],
                [.. s.Terms.Select(t => (IReadOnlyList<string>)[t.Term, ListeningTerms.Of(t.Kind), Count(t.Counts.Mentions), Count(t.Counts.Negative), Share(t.Counts.NegativeShare), Count(t.Counts.Reach)])],
                [2, 3, 4, 5]),
            ["voice"] = ("share-of-voice",
                [W("col_brand"), W("col_kind"), W("col_mentions"), W("col_share"), W("col_net_sentiment")],
                [.. s.ShareOfVoice.Select(v => (IReadOnlyList<string>)[v.Term, ListeningTerms.Of(v.Kind), Count(v.Mentions), Share(v.Share), Signed(v.NetSentiment)])],
                [2, 3, 4]),
            ["sources"] = ("sources",
                [W("col_source"), W("col_mentions"), W("col_positive"), W("col_negative"), W("col_neutral"), W("col_not_scored"), W("col_mean_score")],
                [.. s.Sources.Select(x => (IReadOnlyList<string>)[x.Source, Count(x.Counts.Mentions), Count(x.Counts.Positive), Count(x.Counts.Negative), Count(x.Counts.Neutral), Count(x.Counts.NotScored), Signed(x.MeanScore)])],
                [1, 2, 3, 4, 5, 6]),
            ["spikes"] = ("spikes",
                [W("col_series"), W("col_start"), W("col_end"), W("col_peak"), W("col_value"), W("col_expected"), W("col_score"), W("col_mentions")],
                [.. s.Spikes.Select(x => (IReadOnlyList<string>)[Series(x.Series), Instant(x.Start), Instant(x.End), Instant(x.Peak),
                    x.Series == "negative_share" ? Share(x.Value) : Count((long)x.Value), x.Series == "negative_share" ? Share(x.Expected) : x.Expected.ToString("0.0", CultureInfo.CurrentCulture),
                    x.Score.ToString("0.0", CultureInfo.CurrentCulture), Count(x.Mentions)])],
                [4, 5, 6, 7]),
        };

    private static Command Mentions()
    {
        var (from, to) = Window();
        var source = new Option<string?>("--source") { Description = Words.W("listening.cli.mentions_source") };
        var label = new Option<string?>("--label") { Description = Words.W("listening.cli.mentions_label") };
        var term = new Option<string?>("--term") { Description = Words.W("listening.cli.mentions_term") };
        var search = new Option<string?>("--search") { Description = Words.W("listening.cli.mentions_search") };
        var limit = new Option<int>("--limit") { Description = Words.W("listening.cli.mentions_limit"), DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = Words.W("listening.cli.mentions_offset"), DefaultValueFactory = _ => 0 };
        var format = CliContext.TableFormatOption();
        var command = new Command("mentions", Words.W("listening.cli.mentions_description")) { from, to, source, label, term, search, limit, offset, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var found = await services.GetRequiredService<MentionUseCases>().ListAsync(new MentionFilter(first, last, result.GetValue(source),
                result.GetValue(label), result.GetValue(term), result.GetValue(search), result.GetValue(limit), result.GetValue(offset)), cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } list)
            {
                return CliContext.Fail(found);
            }

            var shape = result.GetValue(format)!;
            if (shape == "json")
            {
                CliContext.WriteJson(MentionListShape.Of(list));
                return 0;
            }

            if (shape == "table")
            {
                Console.Out.WriteLine(Words.W("listening.cli.mentions_count", ("from", Day(list.From)), ("to", Day(list.To)), ("total", Count(list.Page.Total)), ("shown", list.Page.Items.Count)));
            }

            return CliContext.WriteShown(
                result, shape, "mentions", [W("col_time"), W("col_source"), W("col_label"), W("col_score"), W("col_terms"), W("col_text")],
                list.Page.Items.Select(m => (IReadOnlyList<string>)[Instant(m.Timestamp), EnumWords.Word(m.Source), ListeningTerms.Of("sentiment_label", m.Annotation.Label),
                    m.Annotation.Score.ToString("0.000", CultureInfo.CurrentCulture), string.Join(", ", m.Annotation.Terms), shape == "table" ? Short(m.Text) : m.Text]),
                new HashSet<int> { 3 });
        });
        return command;
    }

    private static Command Terms()
    {
        var (from, to) = Window();
        var top = new Option<int>("--top") { Description = Words.W("listening.cli.terms_top"), DefaultValueFactory = _ => 15 };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("terms", Words.W("listening.cli.terms_description")) { from, to, top, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var found = await services.GetRequiredService<MentionUseCases>().TermsAsync(first, last, result.GetValue(top), cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } report)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return 0;
            }

            Console.Out.WriteLine(Words.W("listening.cli.terms_read", ("from", Day(report.From)), ("to", Day(report.To)), ("mentions", Count(report.Mentions))));
            Console.Out.WriteLine(Words.W("listening.cli.terms_overall", ("terms", string.Join(", ", report.Overall.Select(t => $"{t.Term} ({Count(t.Count)})")))));
            foreach (var week in report.Weeks)
            {
                Console.Out.WriteLine($"{week.From:MM-dd}..{week.To:MM-dd}: " + string.Join(", ", week.Terms.Select(t => t.Term)));
            }

            return 0;
        });
        return command;
    }

    private static Command Rescore()
    {
        var command = new Command("rescore", Words.W("listening.cli.rescore_description"));
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var counts = await services.GetRequiredService<MentionUseCases>().RescoreAsync(cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(Words.W("listening.cli.rescored", ("read", Count(counts.Read)), ("updated", Count(counts.Updated)), ("unchanged", Count(counts.Read - counts.Updated)), ("batch", counts.BatchId)));
            return 0;
        });
        return command;
    }

    private static string W(string column) => Words.W("listening.cli." + column);

    private static string Series(string series) => Locale.Language == Languages.English ? series : series switch
    {
        "negative_share" => Words.W("listening.series.negative_share"),
        "all" => Words.W("listening.series.all"),
        _ => series,
    };

    private static string Day(DateOnly day) => Figures.Day(day);

    private static string Count(long n) => Figures.Count(n);

    private static string Share(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.CurrentCulture) : "–";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", CultureInfo.CurrentCulture) : "–";

    private static string Instant(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Short(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 80 ? flat : flat[..79] + "…";
    }
}
