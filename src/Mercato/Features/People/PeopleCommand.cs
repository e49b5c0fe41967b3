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

    public static Command Create() => new("people", "The people directory: who works in which unit, with their referral codes") { List(), Add(), Show(), Remove(), RemoveSquad(), WorkloadCommand(), LeaderboardCommand(), LinksCommand() };

    private static Command List()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Everyone in the directory") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var people = await services.GetRequiredService<PeopleUseCases>().PeopleAsync(cancellationToken);
            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { people }, Json));
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(["id", "name", "unit", "title", "referral codes"],
                people.Select(p => (IReadOnlyList<string>)[p.Id, p.Name, p.Unit, p.Title ?? "", string.Join(", ", p.ReferralCodes)]));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "The person's id, a slug such as ann-lee" };
        var name = new Option<string>("--name") { Description = "Their name", Required = true };
        var unit = new Option<string>("--unit") { Description = "Their unit's id in the organization", Required = true };
        var title = new Option<string?>("--title") { Description = "Their job title" };
        var codes = new Option<string[]>("--referral-code") { Description = "A referral code of theirs (repeat for more)" };
        var command = new Command("add", "Add a person to the directory") { id, name, unit, title, codes };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var person = new Person(result.GetValue(id)!, result.GetValue(name)!, result.GetValue(unit)!, result.GetValue(title), result.GetValue(codes) ?? []);
            var saved = await services.GetRequiredService<PeopleUseCases>().SavePersonAsync(person, mustBeNew: true, expectedVersion: null, cancellationToken);
            if (!saved.IsOk)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine($"added {person.Name} ({person.Id}) to unit {person.Unit}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The person's id" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", "One person, their version and the squads they sit in") { id, format };
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
            Console.Out.WriteLine($"{person.Name} ({person.Id})");
            Console.Out.WriteLine($"unit: {person.Unit}");
            Console.Out.WriteLine($"title: {person.Title ?? "-"}");
            Console.Out.WriteLine($"referral codes: {(person.ReferralCodes.Count == 0 ? "-" : string.Join(", ", person.ReferralCodes))}");
            Console.Out.WriteLine("squads: " + (squads.Count == 0 ? "-" : string.Join(", ", squads.Select(s =>
                $"{s.Id} as {EnumWords.Word(s.Members.First(m => m.Person == person.Id).Role)} ({s.TimeBox})"))));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"version: {versioned.Version}"));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The person's id" };
        var ifVersion = CliContext.IfVersionOption("person");
        var command = new Command("remove", "Remove a person from the directory; refused while a squad counts them as a member") { id, ifVersion };
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

            Console.Out.WriteLine($"removed {name} ({personId}) from the directory");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command RemoveSquad()
    {
        var id = new Argument<string>("squad") { Description = "The squad's id" };
        var ifVersion = CliContext.IfVersionOption("squad");
        var command = new Command("remove-squad", "Remove a squad (its people stay); refused by the squad rule: a closed or cancelled campaign's squads are its record, and a campaign past planning keeps a squad with a lead") { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var squadId = result.GetValue(id)!;
            var removed = await services.GetRequiredService<PeopleUseCases>().RemoveSquadAsync(squadId, result.GetValue(ifVersion), cancellationToken);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine($"removed squad {squadId}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static Command WorkloadCommand()
    {
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (default: the first day of this month)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD (default: the last day of this month)" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("workload", "Who is stretched (more than 2 squads on one day) and who is booked twice, over a range of days") { from, to, format };
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
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"Workload {range} (stretched: more than {report.MaxConcurrentSquads} squads on one day)");
            if (report.People.Count == 0)
            {
                Console.Out.WriteLine("Nobody in the directory and no squads: add people with `mercato people add` and squads with `mercato campaigns squad`.");
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["person", "unit", "squads", "peak", "average", "busy days", "stretched days"],
                report.People.Select(p => (IReadOnlyList<string>)[
                    p.Name, p.Unit ?? "", string.Join(", ", p.Squads), p.Peak.ToString(CultureInfo.InvariantCulture), N(p.Average, "N2"),
                    p.BusyDays.ToString(CultureInfo.InvariantCulture), p.StretchedDays.ToString(CultureInfo.InvariantCulture)]),
                new HashSet<int> { 3, 4, 5, 6 });
            foreach (var conflict in report.Conflicts)
            {
                Console.Out.WriteLine("warning: " + Messages.Text(conflict));
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command LeaderboardCommand()
    {
        var from = new Option<string?>("--from") { Description = "First day of conversions, YYYY-MM-DD (default: all)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD (default: all)" };
        var model = new Option<string>("--model")
        {
            Description = "Attribution model: " + string.Join(", ", AttributionModels.All.Select(AttributionModels.Name)),
            DefaultValueFactory = _ => AttributionModels.Name(PeopleUseCases.DefaultModel),
        };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("leaderboard", "Referral credit per person and unit, and codes nobody owns (docs/campaigns.md)") { from, to, model, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!AttributionModels.TryParse(result.GetValue(model), out var parsed))
            {
                Console.Error.WriteLine($"unknown model '{result.GetValue(model)}'; use one of: {string.Join(", ", AttributionModels.All.Select(AttributionModels.Name))}");
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"Referral credit by the {report.Model} model, {report.LookbackDays}-day lookback (docs/campaigns.md, docs/measurement.md)");
            if (report.People.Count == 0 && report.Unmatched.Count == 0)
            {
                Console.Out.WriteLine("No touchpoint carries a referral code in this range: give people codes (`mercato people add ID ... --referral-code C`) "
                    + "and import touchpoints with a referral_code column (`mercato import touchpoints FILE`).");
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine("People");
            CliContext.WriteTable(["rank", "person", "name", "unit", "touches", "conversions", "revenue"],
                report.People.Select(p => (IReadOnlyList<string>)[
                    p.Rank.ToString(CultureInfo.InvariantCulture), p.Person, p.Name, p.Unit, N(p.Touches), N(p.Conversions, "N2"),
                    p.Revenue.ToString("N2", CultureInfo.InvariantCulture)]),
                new HashSet<int> { 0, 4, 5, 6 });
            Console.Out.WriteLine();
            Console.Out.WriteLine("Units");
            CliContext.WriteTable(["rank", "unit", "people", "touches", "conversions", "revenue"],
                report.Units.Select(u => (IReadOnlyList<string>)[
                    u.Rank.ToString(CultureInfo.InvariantCulture), u.Unit, u.People.ToString(CultureInfo.InvariantCulture), N(u.Touches),
                    N(u.Conversions, "N2"), u.Revenue.ToString("N2", CultureInfo.InvariantCulture)]),
                new HashSet<int> { 0, 2, 3, 4, 5 });
            if (report.Tree.Count > 0)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine("Units rolled up the org tree (each line: its own people and every unit below it)");
                CliContext.WriteTable(["unit", "people", "touches", "conversions", "revenue", "share"],
                    report.Tree.Select(u => (IReadOnlyList<string>)[
                        new string(' ', 2 * u.Depth) + u.Unit + (u.InStructure ? "" : " (not in the org structure)"),
                        u.People.ToString(CultureInfo.InvariantCulture), N(u.Touches), N(u.Conversions, "N2"),
                        u.Revenue.ToString("N2", CultureInfo.InvariantCulture), u.Share.ToString("P1", CultureInfo.InvariantCulture)]),
                    new HashSet<int> { 1, 2, 3, 4, 5 });
            }

            if (report.Unmatched.Count > 0)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine("Codes nobody in the directory owns");
                CliContext.WriteTable(["code", "touches", "conversions", "revenue"],
                    report.Unmatched.Select(u => (IReadOnlyList<string>)[
                        u.Code, N(u.Touches), N(u.Conversions, "N2"), u.Revenue.ToString("N2", CultureInfo.InvariantCulture)]),
                    new HashSet<int> { 1, 2, 3 });
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command LinksCommand()
    {
        var id = new Argument<string>("id") { Description = "The person's id" };
        var campaign = new Option<string?>("--campaign") { Description = "Only this campaign's kit" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("links", "A person's referral codes and their share links for every approved content kit") { id, campaign, format };
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

            Console.Out.WriteLine($"{links.Name} ({links.Person})");
            Console.Out.WriteLine("referral codes: " + (links.Codes.Count == 0 ? "- (add one: mercato people add, or PUT /api/v1/people/{id})" : string.Join(", ", links.Codes)));
            if (links.Kits.Count == 0)
            {
                Console.Out.WriteLine(links.Codes.Count == 0
                    ? "no share links: links carry the person's first referral code"
                    : "no share links: no campaign" + (campaignId is null ? "" : $" '{campaignId}'") + " has an approved content kit with links");
                return MercatoCli.Ok;
            }

            foreach (var kit in links.Kits)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine($"{kit.Name} ({kit.Campaign})");
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
