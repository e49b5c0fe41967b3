using System.CommandLine;
using Mercato.Core.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>The campaigns themselves: <c>list</c>, <c>create</c>, <c>show</c>, <c>remove</c>.</summary>
internal static partial class CampaignsCommand
{
    private static Command List()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("campaigns.cli.list.description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaigns = await Campaigns(services).ListAsync(cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { campaigns });
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(result, shown, "campaigns",
                [Words.W("campaigns.cli.col_id"), Words.W("campaigns.cli.col_name"), Words.W("campaigns.cli.col_type"), Words.W("campaigns.cli.col_stage"),
                    Words.W("campaigns.cli.col_unit"), Words.W("campaigns.cli.col_schedule"), Words.W("campaigns.cli.col_planned", ("currency", Figures.Currency))],
                campaigns.Select(c => (IReadOnlyList<string>)[c.Id, c.Name, Shown(EnumWords.Word(c.Type), () => CampaignsArea.TypeName(c.Type)), Shown(c.Stage), c.Unit,
                    c.Schedule.ToString(), Money(c.PlannedTotal)]),
                new HashSet<int> { 6 });
        });
        return command;
    }

    private static Command CreateCampaign()
    {
        var id = Id();
        var name = new Option<string>("--name") { Description = Words.W("campaigns.cli.create.name"), Required = true };
        var type = new Option<string>("--type") { Description = Words.W("campaigns.cli.create.type", ("types", string.Join(", ", EnumWords.All<CampaignType>()))), Required = true };
        var unit = new Option<string>("--unit") { Description = Words.W("campaigns.cli.create.unit"), Required = true };
        var start = new Option<string>("--start") { Description = Words.W("campaigns.cli.create.start"), Required = true };
        var end = new Option<string>("--end") { Description = Words.W("campaigns.cli.create.end"), Required = true };
        var codes = new Option<string[]>("--code") { Description = Words.W("campaigns.cli.create.code") };
        var budget = new Option<string[]>("--budget") { Description = Words.W("campaigns.cli.create.budget") };
        var command = new Command("create", Words.W("campaigns.cli.create.description")) { id, name, type, unit, start, end, codes, budget };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var problems = new List<Problem>();
            if (!EnumWords.TryParse<CampaignType>(result.GetValue(type), out var campaignType))
            {
                problems.Add(Problem.Of("--type", CommonCodes.NotOneOf, ("value", result.GetValue(type)), ("expected", EnumWords.All<CampaignType>())));
            }

            var first = FormProblems.Day(result.GetValue(start), "--start", problems);
            var last = FormProblems.Day(result.GetValue(end), "--end", problems);
            var lines = new List<BudgetLine>();
            foreach (var text in result.GetValue(budget) ?? [])
            {
                if (CampaignInput.BudgetLine(text, out var error) is { } line)
                {
                    lines.Add(line);
                }
                else
                {
                    problems.Add(new Problem("--budget", error!.Code, error.Args));
                }
            }

            if (problems.Count > 0 || first is null || last is null)
            {
                return Invalid(problems);
            }

            var campaign = new Campaign(result.GetValue(id)!, result.GetValue(name)!, campaignType, result.GetValue(unit)!, first.Value, last.Value,
                budget: lines, codes: result.GetValue(codes) ?? []);
            var saved = await Campaigns(services).SaveAsync(campaign, mustBeNew: true, expectedVersion: null, cancellationToken);
            if (saved.Value is not { } created)
            {
                if (saved.Kind == OutcomeKind.Invalid)
                {
                    Console.Error.WriteLine(Messages.Text(ApiCodes.CampaignInvalid, MessageArgs.Of(("id", campaign.Id))) + ":");
                }

                return Fail(saved);
            }

            Console.Out.WriteLine(Words.W("campaigns.cli.created", ("id", created.Id), ("schedule", created.Schedule.ToString()), ("planned", Money(created.PlannedTotal))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = Id();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", Words.W("campaigns.cli.show.description")) { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var shown = await Campaigns(services).DetailAsync(result.GetValue(id)!, cancellationToken);
            if (shown.Value is not { } detail)
            {
                return Fail(shown);
            }

            var c = detail.Campaign;
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(c);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(Words.W("campaigns.cli.show.title", ("name", c.Name), ("id", c.Id), ("version", detail.Version)));
            Console.Out.WriteLine(Words.W("campaigns.cli.show.about", ("type", Shown(EnumWords.Word(c.Type), () => CampaignsArea.TypeName(c.Type))), ("unit", c.Unit),
                ("schedule", c.Schedule.ToString()), ("stage", Shown(c.Stage))));
            Console.Out.WriteLine(Words.W("campaigns.cli.show.codes", ("codes", c.Codes.Count == 0 ? "-" : string.Join(", ", c.Codes))));
            Console.Out.WriteLine(Words.W("campaigns.cli.show.budget", ("planned", Money(c.PlannedTotal)), ("approved", c.BudgetApproval is null ? "no" : "yes"),
                ("amount", c.BudgetApproval is { } a ? Money(a.Amount) : ""), ("by", c.BudgetApproval?.By ?? "")));
            foreach (var line in c.Budget)
            {
                Console.Out.WriteLine($"  {line.Key}  {Money(line.Planned)}");
            }

            Console.Out.WriteLine(Words.W("campaigns.cli.show.squads", ("squads", detail.Squads.Count == 0 ? "-" : string.Join("; ", detail.Squads.Select(s =>
                s.Id + ": " + string.Join(", ", s.Members.Select(m => m.Person + " (" + Shown(EnumWords.Word(m.Role), () => CampaignsArea.RoleName(m.Role)) + ")")))))));
            foreach (var t in c.Transitions)
            {
                Console.Out.WriteLine($"  {CampaignsArea.Time(t.At, detail.Zone)}  "
                    + (t.Note is null
                        ? Words.W("campaigns.cli.show.move", ("from", Shown(t.From)), ("to", Shown(t.To)), ("by", t.By))
                        : Words.W("campaigns.cli.show.move_note", ("from", Shown(t.From)), ("to", Shown(t.To)), ("by", t.By), ("note", t.Note))));
            }

            if (detail.Next is { } next)
            {
                Console.Out.WriteLine(Words.W("campaigns.cli.show.next", ("stage", Shown(next)), ("ready", detail.Blockers.Count == 0 ? "yes" : "no")));
                foreach (var b in detail.Blockers)
                {
                    Console.Out.WriteLine("  - " + Messages.Text(b));
                }
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = Id();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("remove", Words.W("campaigns.cli.remove.description")) { id, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaignId = result.GetValue(id)!;
            var removed = await Campaigns(services).RemoveAsync(campaignId, result.GetValue(version), cancellationToken);
            if (removed.Value is not { } squads)
            {
                return Fail(removed);
            }

            Console.Out.WriteLine(squads.Count == 0
                ? Words.W("campaigns.cli.removed", ("id", campaignId))
                : Words.W("campaigns.cli.removed_squads", ("id", campaignId), ("squads", string.Join(", ", squads))));
            return MercatoCli.Ok;
        });
        return command;
    }
}
