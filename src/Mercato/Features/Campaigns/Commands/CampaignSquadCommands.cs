using System.CommandLine;
using System.Text.Json;
using Mercato.Core.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>Squads and bundles: <c>squad</c> (attach one), <c>export</c>, <c>import</c>.</summary>
internal static partial class CampaignsCommand
{
    private static Command AttachSquad()
    {
        var id = Id();
        var squad = new Option<string>("--squad") { Description = "The squad's id; created when new", Required = true };
        var name = new Option<string?>("--name") { Description = "The squad's name (default: its id, or its current name)" };
        var lead = new Option<string>("--lead") { Description = "The person who leads it", Required = true };
        var members = new Option<string[]>("--member") { Description = "Another member as PERSON:ROLE, role one of " + string.Join(", ", EnumWords.All<SquadRole>()) };
        var command = new Command("squad", "Attach a squad to a campaign: the lead and members given replace the squad's members; a new squad is time-boxed to the campaign's schedule, an existing one widened to cover it") { id, squad, name, lead, members };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var list = new List<SquadMember>();
            var problems = new List<Problem>();
            foreach (var text in result.GetValue(members) ?? [])
            {
                if (CampaignInput.Member(text, out var error) is { } member)
                {
                    list.Add(member);
                }
                else
                {
                    problems.Add(new Problem("--member", error!.Code, error.Args));
                }
            }

            if (problems.Count > 0)
            {
                return Invalid(problems);
            }

            var squadId = result.GetValue(squad)!;
            var attached = await Campaigns(services).AttachSquadAsync(
                result.GetValue(id)!, squadId, result.GetValue(name), result.GetValue(lead)!, list, null, cancellationToken);
            if (attached.Value is not { } updated)
            {
                if (attached.Kind == OutcomeKind.Invalid)
                {
                    Console.Error.WriteLine(Messages.Text(ApiCodes.SquadInvalid, MessageArgs.Of(("id", squadId))) + ":");
                }

                return Fail(attached);
            }

            Console.Out.WriteLine($"squad {squadId} ({updated.TimeBox}, {updated.Members.Count} members, led by {result.GetValue(lead)}) works on {string.Join(", ", updated.Campaigns)}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Export()
    {
        var file = new Argument<string>("file") { Description = "A JSON file to write; '-' writes to stdout" };
        var command = new Command("export", "Write people, squads and campaigns to one JSON file") { file };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var json = JsonSerializer.Serialize(await Campaigns(services).ExportAsync(cancellationToken), CliContext.Json);
            var path = result.GetValue(file)!;
            if (path == "-")
            {
                Console.Out.WriteLine(json);
                return MercatoCli.Ok;
            }

            await File.WriteAllTextAsync(path, json + "\n", cancellationToken);
            Console.Out.WriteLine($"wrote {path}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A JSON file as campaigns export writes it" };
        var command = new Command("import", "Add or replace people, squads and campaigns from a JSON file; nothing changes unless all of it is valid; campaigns new to the workspace are marked as restored by you") { file };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            CampaignBundle? bundle;
            try
            {
                bundle = JsonSerializer.Deserialize<CampaignBundle>(await File.ReadAllTextAsync(path, cancellationToken), CliContext.Json);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return MercatoCli.InvalidInput;
            }

            var imported = await Campaigns(services).ImportAsync(bundle ?? new CampaignBundle([], [], []), cancellationToken);
            if (imported.Value is not { } b)
            {
                if (imported.Kind == OutcomeKind.Invalid)
                {
                    Console.Error.WriteLine($"{path}: " + Messages.Text(ApiCodes.BundleNotImported) + ":");
                }

                return Fail(imported);
            }

            Console.Out.WriteLine($"imported {b.People.Count} people, {b.Squads.Count} squads, {b.Campaigns.Count} campaigns from {path}");
            return MercatoCli.Ok;
        });
        return command;
    }
}
