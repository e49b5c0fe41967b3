using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.Listening;

/// <summary><c>mercato listening summary|mentions|terms|rescore</c>: public opinion over stored mentions.</summary>
internal static class MentionsCommand
{
    public static IEnumerable<Command> Create() => [Summary(), Mentions(), Terms(), Rescore()];

    private static (Option<string?> From, Option<string?> To) Window() =>
        (new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (with --to; default: the 30 days ending on the newest mention's day)" },
         new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD" });

    private static Command Summary()
    {
        var (from, to) = Window();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("summary", "Mentions of a window: by label, per day, per watched term, share of voice, by source and language, and the spikes found (docs/listening.md)")
        {
            from, to, format,
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(s);
                return 0;
            }

            var o = Console.Out;
            o.WriteLine($"{s.From:yyyy-MM-dd} to {s.To:yyyy-MM-dd}: {Count(s.Totals.Mentions)} mentions, {Count(s.Totals.Positive)} positive, {Count(s.Totals.Negative)} negative, "
                + $"{Count(s.Totals.Neutral)} neutral, {Count(s.Totals.NotScored)} not scored; negative share {Share(s.Totals.NegativeShare)} (negative ÷ scored)");
            o.WriteLine();
            o.WriteLine("Watched terms");
            CliContext.WriteTable(["term", "kind", "mentions", "negative", "negative share", "reach"],
                s.Terms.Select(t => (IReadOnlyList<string>)[t.Term, EnumWords.Word(t.Kind), Count(t.Counts.Mentions), Count(t.Counts.Negative), Share(t.Counts.NegativeShare), Count(t.Counts.Reach)]),
                new HashSet<int> { 2, 3, 4, 5 });
            o.WriteLine();
            o.WriteLine("Share of voice (mentions naming each brand ÷ mentions naming any watched brand or competitor)");
            CliContext.WriteTable(["brand", "kind", "mentions", "share", "net sentiment"],
                s.ShareOfVoice.Select(v => (IReadOnlyList<string>)[v.Term, EnumWords.Word(v.Kind), Count(v.Mentions), Share(v.Share), Signed(v.NetSentiment)]),
                new HashSet<int> { 2, 3, 4 });
            o.WriteLine();
            o.WriteLine("By source");
            CliContext.WriteTable(["source", "mentions", "positive", "negative", "neutral", "not scored", "mean score"],
                s.Sources.Select(x => (IReadOnlyList<string>)[x.Source, Count(x.Counts.Mentions), Count(x.Counts.Positive), Count(x.Counts.Negative), Count(x.Counts.Neutral), Count(x.Counts.NotScored), Signed(x.MeanScore)]),
                new HashSet<int> { 1, 2, 3, 4, 5, 6 });
            o.WriteLine();
            o.WriteLine(s.Spikes.Count == 0 ? "No spikes." : "Spikes");
            if (s.Spikes.Count > 0)
            {
                CliContext.WriteTable(["series", "start", "end", "peak", "value", "expected", "score", "mentions"],
                    s.Spikes.Select(x => (IReadOnlyList<string>)[x.Series, Instant(x.Start), Instant(x.End), Instant(x.Peak),
                        x.Series == "negative_share" ? Share(x.Value) : Count((long)x.Value), x.Series == "negative_share" ? Share(x.Expected) : x.Expected.ToString("0.0", CultureInfo.InvariantCulture),
                        x.Score.ToString("0.0", CultureInfo.InvariantCulture), Count(x.Mentions)]),
                    new HashSet<int> { 4, 5, 6, 7 });
            }

            return 0;
        });
        return command;
    }

    private static Command Mentions()
    {
        var (from, to) = Window();
        var source = new Option<string?>("--source") { Description = "Only this source (weibo, wechat, douyin, ...)" };
        var label = new Option<string?>("--label") { Description = "Only positive, negative, neutral or not_scored" };
        var term = new Option<string?>("--term") { Description = "Only mentions matching this watched term" };
        var search = new Option<string?>("--search") { Description = "Only texts containing these words" };
        var limit = new Option<int>("--limit") { Description = "How many, 1 to 500", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "Skip this many (newest first)", DefaultValueFactory = _ => 0 };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("mentions", "The mention stream, newest first, with filters") { from, to, source, label, term, search, limit, offset, format };
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(MentionListShape.Of(list));
                return 0;
            }

            Console.Out.WriteLine($"{list.From:yyyy-MM-dd} to {list.To:yyyy-MM-dd}: {Count(list.Page.Total)} mentions match; showing {list.Page.Items.Count}");
            CliContext.WriteTable(["time", "source", "label", "score", "terms", "text"],
                list.Page.Items.Select(m => (IReadOnlyList<string>)[Instant(m.Timestamp), EnumWords.Word(m.Source), m.Annotation.Label,
                    m.Annotation.Score.ToString("0.000", CultureInfo.InvariantCulture), string.Join(", ", m.Annotation.Terms), Short(m.Text)]),
                new HashSet<int> { 3 });
            return 0;
        });
        return command;
    }

    private static Command Terms()
    {
        var (from, to) = Window();
        var top = new Option<int>("--top") { Description = "Terms per list, 1 to 100", DefaultValueFactory = _ => 15 };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("terms", "Top words of a window: overall by count, and per week by tf-idf across the weeks (watched terms left out)") { from, to, top, format };
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

            Console.Out.WriteLine($"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}, {Count(report.Mentions)} mentions read");
            Console.Out.WriteLine("Overall: " + string.Join(", ", report.Overall.Select(t => $"{t.Term} ({Count(t.Count)})")));
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
        var command = new Command("rescore", "Read every stored mention again (language, sentiment, watch-list terms) after a lexicon or watch-list change; one batch records it");
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var counts = await services.GetRequiredService<MentionUseCases>().RescoreAsync(cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"rescored {Count(counts.Read)} mentions: {Count(counts.Updated)} changed, {Count(counts.Read - counts.Updated)} unchanged (batch {counts.BatchId})");
            return 0;
        });
        return command;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "–";

    private static string Instant(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Short(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 80 ? flat : flat[..79] + "…";
    }
}
