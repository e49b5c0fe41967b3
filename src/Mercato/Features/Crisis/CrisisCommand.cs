using System.CommandLine;
using System.Globalization;
using Mercato.Core.Crisis;
using Mercato.Features.Alerts;

namespace Mercato.Features.Crisis;

/// <summary><c>mercato crisis</c>: crisis cases (docs/listening.md, Crisis cases).</summary>
internal static class CrisisCommand
{
    public static Command Create() =>
        new("crisis", "Crisis cases: open from a severe alert or by hand, draft and approve statements, move through open → responding → monitoring → closed")
        {
            List(), Show(), Open(), Respond(), Approve(), Status(), Close(),
        };

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only this status: " + string.Join(", ", EnumWords.All<CrisisStatus>()) };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Crisis cases, newest first") { status, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var filter = CrisisUseCases.StatusFilter(result.GetValue(status));
            if (!filter.IsOk)
            {
                return CliContext.Fail(filter);
            }

            var list = await services.GetRequiredService<CrisisUseCases>().ListAsync(filter.Value, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { cases = list.Select(CrisisShapes.View) });
                return MercatoCli.Ok;
            }

            if (list.Count == 0)
            {
                Console.Out.WriteLine("no crisis cases" + (filter.Value is null ? "" : " match") + ": a case opens from a severe alert (`mercato crisis open --alert ID`) or by hand (`mercato crisis open --title T --term TERM --from ISO`)");
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["id", "severity", "status", "opened", "owner", "title", "statements"],
                list.Select(e => (IReadOnlyList<string>)[
                    e.Case.Id, EnumWords.Word(e.Case.Severity), EnumWords.Word(e.Case.Status), AlertsCommand.Iso(e.Case.OpenedAt), e.OwnerName ?? e.Case.Owner ?? "-",
                    e.Case.Title, I(e.Case.Statements.Count(s => s.IsApproved)) + "/" + I(e.Case.Statements.Count) + " approved"]));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The case's id (C-000001)" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", "One case: figures, statements, timeline, campaigns running") { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<CrisisUseCases>().GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } d)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(CrisisShapes.Detail(d));
                return MercatoCli.Ok;
            }

            Print(d);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Open()
    {
        var alert = new Option<string?>("--alert") { Description = "Open from this severe alert" };
        var title = new Option<string?>("--title") { Description = "By hand: the case's title" };
        var term = new Option<string?>("--term") { Description = "By hand: the watched term it is about (optional)" };
        var from = new Option<string?>("--from") { Description = "By hand: when it began, ISO 8601 (2026-03-14T08:00:00Z)" };
        var command = new Command("open", "Open a case from a severe alert, or by hand") { alert, title, term, from };
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
                return CliContext.Fail(Outcome.Invalid([start is null ? new Problem("from", CommonCodes.Required) : Problem.Of("from", CommonCodes.NotOneOf, ("value", start), ("expected", "an ISO 8601 instant"))]));
            }

            return Done(await uses.OpenAsync(result.GetValue(title), result.GetValue(term), at, cancellationToken).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Respond()
    {
        var id = new Argument<string>("id") { Description = "The case's id" };
        var statement = new Option<string?>("--statement") { Description = "The statement's words" };
        var kind = new Option<string?>("--kind") { Description = "holding_statement (default) or response" };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("respond", "Draft a statement (another person approves it)") { id, statement, kind, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().DraftAsync(result.GetValue(id)!, result.GetValue(kind), result.GetValue(statement), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("id") { Description = "The case's id" };
        var statement = new Argument<string>("statement") { Description = "The statement's id (S1)" };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("approve", "Approve a statement drafted by someone else (four eyes)") { id, statement, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().ApproveAsync(result.GetValue(id)!, result.GetValue(statement)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("id") { Description = "The case's id" };
        var status = new Argument<string>("status") { Description = "responding or monitoring" };
        var note = new Option<string?>("--note") { Description = "Why" };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("status", "Move a case: open → responding (needs an approved statement), responding ⇄ monitoring") { id, status, note, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<CrisisUseCases>().AdvanceAsync(result.GetValue(id)!, result.GetValue(status), result.GetValue(note), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Close()
    {
        var id = new Argument<string>("id") { Description = "The case's id" };
        var note = new Option<string?>("--note") { Description = "Why it is over (required)" };
        var ifVersion = CliContext.IfVersionOption("case");
        var command = new Command("close", "Close a case with a note (from open or responding: an executive decision)") { id, note, ifVersion };
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

        var last = e.Case.Statements.Count > 0 ? "; last statement " + e.Case.Statements[^1].Id : "";
        Console.Out.WriteLine($"{e.Case.Id}: {EnumWords.Word(e.Case.Status)} (version {I(e.Version)}{last})");
        return MercatoCli.Ok;
    }

    private static void Print(CrisisDetail d)
    {
        var c = d.Entry.Case;
        var f = d.Figures;
        var o = Console.Out;
        o.WriteLine($"{c.Id}  {EnumWords.Word(c.Severity)}  {EnumWords.Word(c.Status)}  (version {I(d.Entry.Version)})");
        o.WriteLine(c.Title);
        o.WriteLine($"opened {AlertsCommand.Iso(c.OpenedAt)} by {c.OpenedBy}; owner {d.Entry.OwnerName ?? c.Owner ?? "nobody"}; since {AlertsCommand.Iso(c.WindowStart)}; terms {(c.Terms.Count == 0 ? "(all mentions)" : string.Join(", ", c.Terms))}; alerts {(c.Alerts.Count == 0 ? "-" : string.Join(", ", c.Alerts))}");
        o.WriteLine($"time to first response {Duration(f.TimeToFirstResponse)}; time to resolution {Duration(f.TimeToResolution)}");
        o.WriteLine();
        CliContext.WriteTable(["window", "from", "to", "mentions", "negative", "negative share"],
            new[] { ("before", f.Before), ("during", f.During), ("after", f.After) }.Where(w => w.Item2 is not null).Select(w => (IReadOnlyList<string>)[
                w.Item1, AlertsCommand.Iso(w.Item2!.From), AlertsCommand.Iso(w.Item2.To), I(w.Item2.Counts.Mentions), I(w.Item2.Counts.Negative), Share(w.Item2.Counts.NegativeShare)]));
        o.WriteLine();
        if (c.Statements.Count == 0)
        {
            o.WriteLine("no statement yet: draft one with `mercato crisis respond " + c.Id + " --statement TEXT`");
        }
        else
        {
            CliContext.WriteTable(["statement", "kind", "drafted", "approved", "text"], c.Statements.Select(s => (IReadOnlyList<string>)[
                s.Id, EnumWords.Word(s.Kind), s.DraftedBy + " " + AlertsCommand.Iso(s.DraftedAt), s.ApprovedAt is { } at ? s.ApprovedBy + " " + AlertsCommand.Iso(at) : "(draft)", s.Text]));
        }

        o.WriteLine();
        CliContext.WriteTable(["at", "what", "who", "detail"], d.Timeline.Select(t => (IReadOnlyList<string>)[
            AlertsCommand.Iso(t.At), t.What, t.Actor ?? "", t.Volume is { } v ? I(v.Mentions) + " mentions, " + I(v.Negative) + " negative" : t.Detail ?? ""]));
        o.WriteLine();
        if (d.Campaigns.Count == 0)
        {
            o.WriteLine("no campaign running during the case");
            return;
        }

        CliContext.WriteTable(["campaign", "name", "stage", "days", "pause"], d.Campaigns.Select(r => (IReadOnlyList<string>)[
            r.Id, r.Name, EnumWords.Word(r.Stage), r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + r.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.PauseSuggested ? "suggested (" + string.Join(", ", r.Matched) + ")" : "-"]));
    }

    internal static string Duration(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalHours}h{s.Minutes:00}m") : "-";

    internal static string Share(double? share) => share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
