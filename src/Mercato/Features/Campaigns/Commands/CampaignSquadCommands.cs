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
        var squad = new Option<string>("--squad") { Description = Words.W("campaigns.cli.squad.squad"), Required = true };
        var name = new Option<string?>("--name") { Description = Words.W("campaigns.cli.squad.name") };
        var lead = new Option<string>("--lead") { Description = Words.W("campaigns.cli.squad.lead"), Required = true };
        var members = new Option<string[]>("--member") { Description = Words.W("campaigns.cli.squad.member", ("roles", string.Join(", ", EnumWords.All<SquadRole>()))) };
        var command = new Command("squad", Words.W("campaigns.cli.squad.description")) { id, squad, name, lead, members };
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

            Console.Out.WriteLine(Words.W("campaigns.cli.squad_attached", ("id", squadId), ("time_box", updated.TimeBox.ToString()), ("members", updated.Members.Count),
                ("lead", result.GetValue(lead)), ("campaigns", string.Join(", ", updated.Campaigns))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Export()
    {
        var file = new Argument<string>("file") { Description = Words.W("campaigns.cli.export.file") };
        var command = new Command("export", Words.W("campaigns.cli.export.description")) { file };
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
            Console.Out.WriteLine(Words.W("campaigns.cli.wrote", ("path", path)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = Words.W("campaigns.cli.import.file") };
        var command = new Command("import", Words.W("campaigns.cli.import.description")) { file };
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

            Console.Out.WriteLine(Words.W("campaigns.cli.imported", ("people", b.People.Count), ("squads", b.Squads.Count), ("campaigns", b.Campaigns.Count), ("path", path)));
            return MercatoCli.Ok;
        });
        return command;
    }
}
