using System.CommandLine;
using System.Globalization;
using Mercato.Core.Crisis;
using Mercato.Features.Alerts;
using Mercato.Features.Listening;

namespace Mercato.Features.Crisis;

/// <summary><c>mercato crisis</c>: crisis cases (docs/listening.md, Crisis cases).</summary>
internal static class CrisisCommand
{
    public static Command Create() =>
        new("crisis", Words.W("crisis.cli.description"))
        {
            List(), Show(), Open(), Respond(), Approve(), Status(), Close(),
        };

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = Words.W("crisis.cli.list_status", ("statuses", string.Join(", ", EnumWords.All<CrisisStatus>()))) };
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("crisis.cli.list_description")) { status, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var filter = CrisisUseCases.StatusFilter(result.GetValue(status));
            if (!filter.IsOk)
            {
                return CliContext.Fail(filter);
            }

            var list = await services.GetRequiredService<CrisisUseCases>().ListAsync(filter.Value, cancellationToken).ConfigureAwait(false);
            var shape = result.GetValue(format)!;
            if (shape == "json")
            {
                CliContext.WriteJson(new { cases = list.Select(CrisisShapes.View) });
                return MercatoCli.Ok;
            }

            if (list.Count == 0 && shape == "table")
            {
                Console.Out.WriteLine(Words.W(filter.Value is null ? "crisis.cli.none" : "crisis.cli.none_match"));
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(
                result, shape, "crisis-cases",
                [W("col_id"), W("col_severity"), W("col_status"), W("col_opened"), W("col_owner"), W("col_title"), W("col_statements")],
                list.Select(e => (IReadOnlyList<string>)[
                    e.Case.Id, ListeningTerms.Of(e.Case.Severity), ListeningTerms.Of(e.Case.Status), AlertsCommand.Iso(e.Case.OpenedAt), e.OwnerName ?? e.Case.Owner ?? "-",
                    e.Case.Title, Words.W("crisis.cases.statements", ("approved", e.Case.Statements.Count(s => s.IsApproved)), ("total", e.Case.Statements.Count))]));
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = Words.W("crisis.cli.id_example") };
        var format = CliContext.TableFormatOption();
        var table = new Option<string>("--table") { Description = Words.W("crisis.cli.show_table"), DefaultValueFactory = _ => "timeline" };
        table.AcceptOnlyFromAmong("windows", "statements", "timeline", "campaigns");
        var command = new Command("show", Words.W("crisis.cli.show_description")) { id, format, table };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<CrisisUseCases>().GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } d)
            {
                return CliContext.Fail(found);
            }

            var shape = result.GetValue(format)!;
            if (shape == "json")
            {
                CliContext.WriteJson(CrisisShapes.Detail(d));
                return MercatoCli.Ok;
            }

            var tables = Tables(d);
            if (shape != "table")
            {
                var (header, rows) = tables[result.GetValue(table)!];
                return CliContext.WriteShown(result, shape, d.Entry.Case.Id + "-" + result.GetValue(table), header, rows);
            }

            Print(d, tables);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Open()
    {
        var alert = new Option<string?>("--alert") { Description = Words.W("crisis.cli.open_alert") };
        var title = new Option<string?>("--title") { Description = Words.W("crisis.cli.open_title") };
        var term = new Option<string?>("--term") { Description = Words.W("crisis.cli.open_term") };
        var from = new Option<string?>("--from") { Description = Words.W("crisis.cli.open_from") };
        var command = new Command("open", Words.W("crisis.cli.open_description")) { alert, title, term, from };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var uses = services.GetRequiredService<CrisisUseCases>();
            if (result.GetValue(alert) is { Length: > 0 } alertId)
            {
                return Done(await uses.OpenFromAlertAsync(alertId, cancellationToken).ConfigureAwait(false));
            }

            var start = result.GetValue(from);
            if (!DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return CliContext.Fail(Outcome.Invalid([start is null ? new Problem("from", CommonCodes.Required) : Problem.Of("from", CommonCodes.NotOneOf, ("value", start), ("expected", Words.W("crisis.iso_instant")))]));
            }

            return Done(await uses.OpenAsync(result.GetValue(title), result.GetValue(term), at, cancellationToken).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Respond()
    {
        var id = new Argument<string>("id") { Description = Words.W("crisis.cli.id") };
        var statement = new Option<string?>("--statement") { Description = Words.W("crisis.cli.respond_statement") };
        var kind = new Option<string?>("--kind") { Description = Words.W("crisis.cli.respond_kind") };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("respond", Words.W("crisis.cli.respond_description")) { id, statement, kind, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().DraftAsync(result.GetValue(id)!, result.GetValue(kind), result.GetValue(statement), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("id") { Description = Words.W("crisis.cli.id") };
        var statement = new Argument<string>("statement") { Description = Words.W("crisis.cli.approve_statement") };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("approve", Words.W("crisis.cli.approve_description")) { id, statement, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().ApproveAsync(result.GetValue(id)!, result.GetValue(statement)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("id") { Description = Words.W("crisis.cli.id") };
        var status = new Argument<string>("status") { Description = Words.W("crisis.cli.status_status") };
        var note = new Option<string?>("--note") { Description = Words.W("crisis.cli.status_note") };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("status", Words.W("crisis.cli.status_description")) { id, status, note, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().AdvanceAsync(result.GetValue(id)!, result.GetValue(status), result.GetValue(note), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Close()
    {
        var id = new Argument<string>("id") { Description = Words.W("crisis.cli.id") };
        var note = new Option<string?>("--note") { Description = Words.W("crisis.cli.close_note") };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("close", Words.W("crisis.cli.close_description")) { id, note, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().CloseAsync(result.GetValue(id)!, result.GetValue(note), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static int Done(Outcome<CrisisEntry> outcome)
    {
        if (outcome.Value is not { } e)
        {
            return CliContext.Fail(outcome);
        }

        Console.Out.WriteLine(Words.W("crisis.cli.done", ("id", e.Case.Id), ("status", ListeningTerms.Of(e.Case.Status)), ("version", I(e.Version)),
            ("statement", e.Case.Statements.Count > 0 ? e.Case.Statements[^1].Id : null)));
        return MercatoCli.Ok;
    }

    /// <summary>The tables of <c>crisis show</c>, by the name <c>--table</c> gives.</summary>
    private static Dictionary<string, (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> Tables(CrisisDetail d)
    {
        var c = d.Entry.Case;
        var f = d.Figures;
        return new(StringComparer.Ordinal)
        {
            ["windows"] = (
                [W("col_window"), W("col_from"), W("col_to"), W("col_mentions"), W("col_negative"), W("col_negative_share")],
                [.. new[] { ("before", f.Before), ("during", f.During), ("after", f.After) }.Where(w => w.Item2 is not null).Select(w => (IReadOnlyList<string>)[
                    Words.W("crisis.window." + w.Item1), AlertsCommand.Iso(w.Item2!.From), AlertsCommand.Iso(w.Item2.To), I(w.Item2.Counts.Mentions), I(w.Item2.Counts.Negative), Share(w.Item2.Counts.NegativeShare)])]),
            ["statements"] = (
                [W("col_statement"), W("col_kind"), W("col_drafted"), W("col_approved"), W("col_text")],
                [.. c.Statements.Select(s => (IReadOnlyList<string>)[
                    s.Id, ListeningTerms.Of(s.Kind), s.DraftedBy + " " + AlertsCommand.Iso(s.DraftedAt), s.ApprovedAt is { } at ? s.ApprovedBy + " " + AlertsCommand.Iso(at) : Words.W("crisis.cli.draft"), s.Text])]),
            ["timeline"] = (
                [W("col_at"), W("col_what"), W("col_who"), W("col_detail")],
                [.. d.Timeline.Select(t => (IReadOnlyList<string>)[
                    AlertsCommand.Iso(t.At), What(t.What), t.Actor ?? "",
                    t.Volume is { } v ? Words.W("crisis.case.volume", ("mentions", v.Mentions), ("negative", v.Negative)) : ChangeOf(c, t) is { } h ? Detail(h) : t.Detail ?? ""])]),
            ["campaigns"] = (
                [W("col_campaign"), W("col_name"), W("col_stage"), W("col_days"), W("col_pause")],
                [.. d.Campaigns.Select(r => (IReadOnlyList<string>)[
                    r.Id, r.Name, ListeningTerms.Of("stage", EnumWords.Word(r.Stage)), Figures.Day(r.Start) + ".." + Figures.Day(r.End),
                    r.PauseSuggested ? Words.W("crisis.cli.pause_suggested", ("terms", string.Join(", ", r.Matched))) : "-"])]),
        };
    }

    private static void Print(CrisisDetail d, Dictionary<string, (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> tables)
    {
        var c = d.Entry.Case;
        var f = d.Figures;
        var o = Console.Out;
        o.WriteLine($"{c.Id}  {ListeningTerms.Of(c.Severity)}  {ListeningTerms.Of(c.Status)}  " + Words.W("crisis.cli.version", ("version", I(d.Entry.Version))));
        o.WriteLine(c.Title);
        o.WriteLine(Words.W("crisis.cli.facts", ("opened", AlertsCommand.Iso(c.OpenedAt)), ("by", c.OpenedBy), ("owner", d.Entry.OwnerName ?? c.Owner ?? Words.W("crisis.nobody")),
            ("since", AlertsCommand.Iso(c.WindowStart)), ("terms", c.Terms.Count == 0 ? Words.W("crisis.cli.all_mentions") : string.Join(", ", c.Terms)),
            ("alerts", c.Alerts.Count == 0 ? "-" : string.Join(", ", c.Alerts))));
        o.WriteLine(Words.W("crisis.cli.figures", ("first_response", Duration(f.TimeToFirstResponse)), ("resolution", Duration(f.TimeToResolution))));
        o.WriteLine();
        CliContext.WriteTable(tables["windows"].Header, tables["windows"].Rows);
        o.WriteLine();
        if (c.Statements.Count == 0)
        {
            o.WriteLine(Words.W("crisis.cli.no_statements", ("command", "mercato crisis respond " + c.Id + " --statement TEXT")));
        }
        else
        {
            CliContext.WriteTable(tables["statements"].Header, tables["statements"].Rows);
        }

        o.WriteLine();
        CliContext.WriteTable(tables["timeline"].Header, tables["timeline"].Rows);
        o.WriteLine();
        if (d.Campaigns.Count == 0)
        {
            o.WriteLine(Words.W("crisis.cli.no_campaigns"));
            return;
        }

        CliContext.WriteTable(tables["campaigns"].Header, tables["campaigns"].Rows);
    }

    /// <summary>A timeline entry's action in words: a change's action, or <c>mentions</c> for a volume point.</summary>
    internal static string What(string what) =>
        what == "mentions" ? Words.W("crisis.case.what_mentions") : ListeningTerms.Of("crisis_action", what);

    /// <summary>The change of <paramref name="crisis"/> a timeline event stands for (same instant and action), or null.</summary>
    internal static CrisisChange? ChangeOf(CrisisCase crisis, CrisisTimelineEntry entry) =>
        entry.Volume is not null ? null : crisis.History.FirstOrDefault(h => h.At == entry.At && EnumWords.Word(h.Action) == entry.What);

    /// <summary>A change's detail as plain text: the statement, the status change in words, the note.</summary>
    private static string Detail(CrisisChange h)
    {
        var parts = new List<string>();
        if (h.Statement is { } s)
        {
            parts.Add(s);
        }

        if (h.From is { } from && from != h.To)
        {
            parts.Add(ListeningTerms.Of(from) + " → " + ListeningTerms.Of(h.To));
        }

        if (h.Note is { } note)
        {
            parts.Add(note);
        }

        return string.Join(Words.W("crisis.case.separator"), parts);
    }

    private static string W(string column) => Words.W("crisis.cli." + column);

    internal static string Duration(TimeSpan? span) =>
        span is { } s ? Words.W("crisis.duration", ("hours", (long)s.TotalHours), ("minutes", s.Minutes.ToString("00", CultureInfo.InvariantCulture))) : "-";

    internal static string Share(double? share) => share is { } s ? s.ToString("P1", CultureInfo.CurrentCulture) : "-";

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
