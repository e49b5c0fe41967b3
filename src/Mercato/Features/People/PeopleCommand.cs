using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mercato.Core.Campaigns;
using Mercato.Core.Measurement.Attribution;

namespace Mercato.Features.People;

/// <summary>
/// <c>mercato people</c>: the people directory, workload, referral leaderboards and share links (docs/campaigns.md), through
/// <see cref="PeopleUseCases"/>, acting as the command's user.
/// </summary>
internal static class PeopleCommand
{
    /// <summary>The campaign JSON conventions (web defaults, enums as their own words), indented, non-ASCII written as it is.</summary>
    private static readonly JsonSerializerOptions Json =
        new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.WithText();

    public static Command Create() => new("people", Words.W("people.cli.description")) { List(), Add(), Show(), Remove(), RemoveSquad(), WorkloadCommand(), LeaderboardCommand(), LinksCommand() };

    private static Command List()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("people.cli.list")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var people = await services.GetRequiredService<PeopleUseCases>().PeopleAsync(cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { people }, Json));
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(result, shown, "people",
                [Words.W("people.cli.col_id"), Words.W("people.cli.col_name"), Words.W("people.cli.col_unit"), Words.W("people.cli.col_title"), Words.W("people.cli.col_referral_codes")],
                people.Select(p => (IReadOnlyList<string>)[p.Id, p.Name, p.Unit, p.Title ?? "", string.Join(", ", p.ReferralCodes)]));
        });
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = Words.W("people.cli.add_id") };
        var name = new Option<string>("--name") { Description = Words.W("people.cli.add_name"), Required = true };
        var unit = new Option<string>("--unit") { Description = Words.W("people.cli.add_unit"), Required = true };
        var title = new Option<string?>("--title") { Description = Words.W("people.cli.add_title") };
        var codes = new Option<string[]>("--referral-code") { Description = Words.W("people.cli.add_code") };
        var command = new Command("add", Words.W("people.cli.add")) { id, name, unit, title, codes };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var person = new Person(result.GetValue(id)!, result.GetValue(name)!, result.GetValue(unit)!, result.GetValue(title), result.GetValue(codes) ?? []);
            var saved = await services.GetRequiredService<PeopleUseCases>().SavePersonAsync(person, mustBeNew: true, expectedVersion: null, cancellationToken);
            if (!saved.IsOk)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine(Words.W("people.cli.added", ("name", person.Name), ("id", person.Id), ("unit", person.Unit)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = Words.W("people.cli.person_id") };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", Words.W("people.cli.show")) { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var uses = services.GetRequiredService<PeopleUseCases>();
            var found = await uses.PersonAsync(result.GetValue(id)!, cancellationToken);
            if (found.Value is not { } versioned)
            {
                return CliContext.Fail(found);
            }

            var person = versioned.Value;
            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(person, Json));
                return MercatoCli.Ok;
            }

            var squads = (await uses.SquadsAsync(cancellationToken)).Where(s => s.Members.Any(m => m.Person == person.Id)).ToList();
            Console.Out.WriteLine(Words.W("people.cli.name_id", ("name", person.Name), ("id", person.Id)));
            Console.Out.WriteLine(Words.W("people.cli.show_unit", ("value", person.Unit)));
            Console.Out.WriteLine(Words.W("people.cli.show_title", ("value", person.Title ?? "-")));
            Console.Out.WriteLine(Words.W("people.cli.show_codes", ("value", person.ReferralCodes.Count == 0 ? "-" : string.Join(", ", person.ReferralCodes))));
            Console.Out.WriteLine(Words.W("people.cli.show_squads", ("value", squads.Count == 0 ? "-" : string.Join(", ", squads.Select(s =>
                Words.W("people.cli.squad_as", ("squad", s.Id), ("role", StaffView.Word(s.Members.First(m => m.Person == person.Id).Role)), ("days", s.TimeBox.ToString())))))));
            Console.Out.WriteLine(Words.W("people.cli.show_version", ("version", versioned.Version.ToString(CultureInfo.InvariantCulture))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = Words.W("people.cli.person_id") };
        var ifVersion = CliContext.IfVersionOption("person");
        var command = new Command("remove", Words.W("people.cli.remove")) { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var uses = services.GetRequiredService<PeopleUseCases>();
            var personId = result.GetValue(id)!;
            // The name for the confirmation; the removal itself decides whether there is anyone to remove.
            var name = (await uses.PersonAsync(personId, cancellationToken)).Value?.Value.Name ?? personId;
            var removed = await uses.RemovePersonAsync(personId, result.GetValue(ifVersion), cancellationToken);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(Words.W("people.cli.removed", ("name", name), ("id", personId)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command RemoveSquad()
    {
        var id = new Argument<string>("squad") { Description = Words.W("people.cli.squad_id") };
        var ifVersion = CliContext.IfVersionOption("squad");
        var command = new Command("remove-squad", Words.W("people.cli.remove_squad")) { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var squadId = result.GetValue(id)!;
            var removed = await services.GetRequiredService<PeopleUseCases>().RemoveSquadAsync(squadId, result.GetValue(ifVersion), cancellationToken);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(Words.W("people.cli.squad_removed", ("id", squadId)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string N(double value, string format) => value.ToString(format, CultureInfo.CurrentCulture);

    private static string N(long value) => Figures.Count(value);

    private static string N(int value) => value.ToString(CultureInfo.CurrentCulture);

    private static Command WorkloadCommand()
    {
        var from = new Option<string?>("--from") { Description = Words.W("people.cli.workload_from") };
        var to = new Option<string?>("--to") { Description = Words.W("people.cli.workload_to") };
        var format = CliContext.TableFormatOption();
        var command = new Command("workload", Words.W("people.cli.workload")) { from, to, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var workload = await services.GetRequiredService<PeopleUseCases>().WorkloadAsync(first, last, cancellationToken);
            if (workload.Value is not { } report)
            {
                return CliContext.Fail(workload);
            }

            var range = new DateRange(report.From, report.To);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            var table = shown == "table";
            if (table)
            {
                Console.Out.WriteLine(Words.W("people.cli.workload_title", ("range", range.ToString()), ("max", report.MaxConcurrentSquads)));
                if (report.People.Count == 0)
                {
                    Console.Out.WriteLine(Words.W("people.cli.workload_empty"));
                    return MercatoCli.Ok;
                }
            }

            var written = CliContext.WriteShown(result, shown, "workload",
                [Words.W("people.cli.col_person"), Words.W("people.cli.col_unit"), Words.W("people.cli.col_squads"), Words.W("people.cli.col_peak"),
                    Words.W("people.cli.col_average"), Words.W("people.cli.col_busy_days"), Words.W("people.cli.col_stretched_days")],
                report.People.Select(p => (IReadOnlyList<string>)[
                    p.Name, p.Unit ?? "", string.Join(", ", p.Squads), N(p.Peak), N(p.Average, "N2"), N(p.BusyDays), N(p.StretchedDays)]),
                new HashSet<int> { 3, 4, 5, 6 });
            if (table)
            {
                foreach (var conflict in report.Conflicts)
                {
                    Console.Out.WriteLine(Words.W("people.cli.warning", ("text", Messages.Text(conflict))));
                }
            }

            return written;
        });
        return command;
    }

    private static Command LeaderboardCommand()
    {
        var from = new Option<string?>("--from") { Description = Words.W("people.cli.board_from") };
        var to = new Option<string?>("--to") { Description = Words.W("people.cli.board_to") };
        var model = new Option<string>("--model")
        {
            Description = Words.W("people.cli.board_model", ("models", string.Join(", ", AttributionModels.All.Select(AttributionModels.Name)))),
            DefaultValueFactory = _ => AttributionModels.Name(PeopleUseCases.DefaultModel),
        };
        var format = CliContext.TableFormatOption();
        var which = new Option<string>("--board") { Description = Words.W("people.cli.board_board"), DefaultValueFactory = _ => "people" };
        which.AcceptOnlyFromAmong("people", "units", "tree", "codes");
        var command = new Command("leaderboard", Words.W("people.cli.board")) { from, to, model, format, which };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!AttributionModels.TryParse(result.GetValue(model), out var parsed))
            {
                Console.Error.WriteLine(Words.W("people.cli.unknown_model", ("value", result.GetValue(model)), ("models", string.Join(", ", AttributionModels.All.Select(AttributionModels.Name)))));
                return MercatoCli.InvalidInput;
            }

            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var board = await services.GetRequiredService<PeopleUseCases>().LeaderboardReportAsync(first, last, parsed, cancellationToken);
            if (board.Value is not { } report)
            {
                return CliContext.Fail(board);
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            IReadOnlyList<string> revenue = [Words.W("people.cli.col_touches"), Words.W("people.cli.col_conversions"), Words.W("people.cli.col_revenue", ("currency", Figures.Currency))];
            (string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, HashSet<int> Right) people = ("leaderboard-people",
                [Words.W("people.cli.col_rank"), Words.W("people.cli.col_person"), Words.W("people.cli.col_name"), Words.W("people.cli.col_unit"), .. revenue],
                report.People.Select(p => (IReadOnlyList<string>)[N(p.Rank), p.Person, p.Name, p.Unit, N(p.Touches), N(p.Conversions, "N2"), Figures.Money(p.Revenue)]),
                [0, 4, 5, 6]);
            (string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, HashSet<int> Right) units = ("leaderboard-units",
                [Words.W("people.cli.col_rank"), Words.W("people.cli.col_unit"), Words.W("people.cli.col_people"), .. revenue],
                report.Units.Select(u => (IReadOnlyList<string>)[N(u.Rank), u.Unit, N(u.People), N(u.Touches), N(u.Conversions, "N2"), Figures.Money(u.Revenue)]),
                [0, 2, 3, 4, 5]);
            (string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, HashSet<int> Right) tree = ("leaderboard-tree",
                [Words.W("people.cli.col_unit"), Words.W("people.cli.col_people"), .. revenue, Words.W("people.cli.col_share")],
                report.Tree.Select(u => (IReadOnlyList<string>)[
                    new string(' ', shown == "table" ? 2 * u.Depth : 0) + u.Unit + (u.InStructure ? "" : Words.W("people.cli.not_in_structure")),
                    N(u.People), N(u.Touches), N(u.Conversions, "N2"), Figures.Money(u.Revenue), Figures.Percent(u.Share, 1)]),
                [1, 2, 3, 4, 5]);
            (string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, HashSet<int> Right) codes = ("leaderboard-codes",
                [Words.W("people.cli.col_code"), .. revenue],
                report.Unmatched.Select(u => (IReadOnlyList<string>)[u.Code, N(u.Touches), N(u.Conversions, "N2"), Figures.Money(u.Revenue)]),
                [1, 2, 3]);
            if (shown != "table")
            {
                // A file holds one table: the one --board names.
                var chosen = result.GetValue(which) switch { "units" => units, "tree" => tree, "codes" => codes, _ => people };
                return CliContext.WriteShown(result, shown, chosen.Name, chosen.Header, chosen.Rows, chosen.Right);
            }

            Console.Out.WriteLine(Words.W("people.cli.board_title", ("model", StaffView.ModelName(parsed)), ("days", report.LookbackDays)));
            if (report.People.Count == 0 && report.Unmatched.Count == 0)
            {
                Console.Out.WriteLine(Words.W("people.cli.board_empty"));
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(Words.W("people.cli.board_people"));
            CliContext.WriteTable(people.Header, people.Rows, people.Right);
            Console.Out.WriteLine();
            Console.Out.WriteLine(Words.W("people.cli.board_units"));
            CliContext.WriteTable(units.Header, units.Rows, units.Right);
            if (report.Tree.Count > 0)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine(Words.W("people.cli.board_tree"));
                CliContext.WriteTable(tree.Header, tree.Rows, tree.Right);
            }

            if (report.Unmatched.Count > 0)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine(Words.W("people.cli.board_codes"));
                CliContext.WriteTable(codes.Header, codes.Rows, codes.Right);
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command LinksCommand()
    {
        var id = new Argument<string>("id") { Description = Words.W("people.cli.person_id") };
        var campaign = new Option<string?>("--campaign") { Description = Words.W("people.cli.links_campaign") };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("links", Words.W("people.cli.links")) { id, campaign, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaignId = result.GetValue(campaign);
            var found = await services.GetRequiredService<PeopleUseCases>().LinksAsync(result.GetValue(id)!, campaignId, cancellationToken);
            if (found.Value is not { } links)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(links);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(Words.W("people.cli.name_id", ("name", links.Name), ("id", links.Person)));
            Console.Out.WriteLine(Words.W("people.cli.show_codes", ("value", links.Codes.Count == 0 ? Words.W("people.cli.links_no_codes") : string.Join(", ", links.Codes))));
            if (links.Kits.Count == 0)
            {
                Console.Out.WriteLine(links.Codes.Count == 0
                    ? Words.W("people.cli.links_none_without_code")
                    : Words.W("people.cli.links_no_kit", ("campaign", campaignId)));
                return MercatoCli.Ok;
            }

            foreach (var kit in links.Kits)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine(Words.W("people.cli.name_id", ("name", kit.Name), ("id", kit.Campaign)));
                foreach (var link in kit.Links)
                {
                    Console.Out.WriteLine($"  {link.Label}: {link.Url}");
                }
            }

            return MercatoCli.Ok;
        });
        return command;
    }
}
