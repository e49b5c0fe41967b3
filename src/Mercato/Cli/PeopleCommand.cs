using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mercato.Core.Campaigns;
using Mercato.Storage.Campaigns;

namespace Mercato.Cli;

/// <summary><c>mercato people</c>: the people directory (docs/campaigns.md).</summary>
internal static class PeopleCommand
{
    /// <summary>The campaign JSON conventions, indented, non-ASCII written as it is.</summary>
    internal static readonly JsonSerializerOptions Json = new(CampaignJson.Indented) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create() => new("people", "The people directory: who works in which unit, with their referral codes") { List(), Add(), Show(), WorkloadCommand() };

    internal static CampaignStore Store(ParseResult result) => new(CliContext.OpenStore(result));

    internal static void WriteProblems(string what, IEnumerable<CampaignProblem> problems)
    {
        Console.Error.WriteLine(what + "; nothing was changed:");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("  " + problem);
        }
    }

    private static Command List()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Everyone in the directory") { format };
        command.SetAction(result =>
        {
            var people = Store(result).People();
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
        command.SetAction(result =>
        {
            var store = Store(result);
            var personId = result.GetValue(id)!;
            if (store.Person(personId) is not null)
            {
                Console.Error.WriteLine($"person '{personId}' is already in the directory");
                return MercatoCli.InvalidInput;
            }

            var person = new Person(personId, result.GetValue(name)!, result.GetValue(unit)!, result.GetValue(title), result.GetValue(codes) ?? []);
            var saved = store.SavePerson(person);
            if (!saved.Saved)
            {
                WriteProblems($"person '{personId}' is not valid", saved.Problems);
                return MercatoCli.InvalidInput;
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
        var command = new Command("show", "One person and the squads they sit in") { id, format };
        command.SetAction(result =>
        {
            var store = Store(result);
            if (store.Person(result.GetValue(id)!) is not { } person)
            {
                Console.Error.WriteLine($"no person '{result.GetValue(id)}'; see mercato people list");
                return MercatoCli.Failure;
            }

            var squads = store.Squads().Where(s => s.Members.Any(m => m.Person == person.Id)).ToList();
            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(person, Json));
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"{person.Name} ({person.Id})");
            Console.Out.WriteLine($"unit: {person.Unit}");
            Console.Out.WriteLine($"title: {person.Title ?? "-"}");
            Console.Out.WriteLine($"referral codes: {(person.ReferralCodes.Count == 0 ? "-" : string.Join(", ", person.ReferralCodes))}");
            Console.Out.WriteLine("squads: " + (squads.Count == 0 ? "-" : string.Join(", ", squads.Select(s =>
                $"{s.Id} as {CampaignWords.Word(s.Members.First(m => m.Person == person.Id).Role)} ({s.TimeBox})"))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command WorkloadCommand()
    {
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD", Required = true };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("workload", "Who is stretched (more than 2 squads on one day) and who is booked twice, over a range of days") { from, to, format };
        command.SetAction(result =>
        {
            if (!DateOnly.TryParseExact(result.GetValue(from), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
                || !DateOnly.TryParseExact(result.GetValue(to), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var end)
                || end < start)
            {
                Console.Error.WriteLine("--from and --to are days, YYYY-MM-DD, --to not before --from");
                return MercatoCli.InvalidInput;
            }

            var mercato = CliContext.OpenStore(result);
            var store = new CampaignStore(mercato);
            var range = new DateRange(start, end);
            var squads = store.Squads();
            var campaigns = store.Campaigns();
            var people = Workload.Compute(range, store.People(), squads, campaigns);
            var sessions = new LiveStreamQueries(mercato).Sessions(start, end);
            var conflicts = Workload.Conflicts(squads, campaigns, sessions, range, mercato.TimeZone);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { from = start, to = end, maxConcurrentSquads = Workload.MaxConcurrentSquads, people, conflicts });
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["person", "unit", "squads", "peak", "average", "busy days", "stretched days"],
                people.Select(p => (IReadOnlyList<string>)[
                    p.Name, p.Unit ?? "", string.Join(", ", p.Squads), p.Peak.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    p.Average.ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
                    p.BusyDays.ToString(System.Globalization.CultureInfo.InvariantCulture), p.StretchedDays.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
                new HashSet<int> { 3, 4, 5, 6 });
            foreach (var conflict in conflicts)
            {
                Console.Out.WriteLine("warning: " + conflict.Message);
            }

            return MercatoCli.Ok;
        });
        return command;
    }
}
