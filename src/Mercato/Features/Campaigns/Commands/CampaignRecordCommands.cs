using System.CommandLine;
using Mercato.Core.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>The campaigns themselves: <c>list</c>, <c>create</c>, <c>show</c>, <c>remove</c>.</summary>
internal static partial class CampaignsCommand
{
    private static Command List()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Every campaign with its stage and schedule") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaigns = await Campaigns(services).ListAsync(cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { campaigns });
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(["id", "name", "type", "stage", "unit", "schedule", "planned"],
                campaigns.Select(c => (IReadOnlyList<string>)[c.Id, c.Name, EnumWords.Word(c.Type), EnumWords.Word(c.Stage), c.Unit, c.Schedule.ToString(), Money(c.PlannedTotal)]),
                new HashSet<int> { 6 });
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command CreateCampaign()
    {
        var id = Id();
        var name = new Option<string>("--name") { Description = "The campaign's name", Required = true };
        var type = new Option<string>("--type") { Description = "One of " + string.Join(", ", EnumWords.All<CampaignType>()), Required = true };
        var unit = new Option<string>("--unit") { Description = "The owning unit's id", Required = true };
        var start = new Option<string>("--start") { Description = "First day of publicity and promotion, YYYY-MM-DD", Required = true };
        var end = new Option<string>("--end") { Description = "Last day, YYYY-MM-DD", Required = true };
        var codes = new Option<string[]>("--code") { Description = "A campaign code that joins facts to it (repeat for more)" };
        var budget = new Option<string[]>("--budget") { Description = "A budget line CHANNEL_OR_CATEGORY=AMOUNT; a cost category (agency, staff, tools, kol_fee, livestream_commission, event, other) makes a cost line, anything else a channel line; prefix channel: or cost: to say which" };
        var command = new Command("create", "Create a campaign in stage planning") { id, name, type, unit, start, end, codes, budget };
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

            Console.Out.WriteLine($"created campaign {created.Id} ({created.Schedule}) in stage planning, {Money(created.PlannedTotal)} planned");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = Id();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", "One campaign: its version, schedule, budget, squads, stage history and what blocks the next stage") { id, format };
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

            Console.Out.WriteLine($"{c.Name} ({c.Id}), version {detail.Version}");
            Console.Out.WriteLine($"type: {EnumWords.Word(c.Type)}; unit: {c.Unit}; schedule: {c.Schedule}; stage: {EnumWords.Word(c.Stage)}");
            Console.Out.WriteLine("codes: " + (c.Codes.Count == 0 ? "-" : string.Join(", ", c.Codes)));
            Console.Out.WriteLine($"budget: {Money(c.PlannedTotal)} planned" + (c.BudgetApproval is { } a ? $", {Money(a.Amount)} approved by {a.By}" : ", not approved"));
            foreach (var line in c.Budget)
            {
                Console.Out.WriteLine($"  {line.Key}  {Money(line.Planned)}");
            }

            Console.Out.WriteLine("squads: " + (detail.Squads.Count == 0 ? "-" : string.Join("; ", detail.Squads.Select(s =>
                s.Id + ": " + string.Join(", ", s.Members.Select(m => m.Person + " (" + EnumWords.Word(m.Role) + ")"))))));
            foreach (var t in c.Transitions)
            {
                Console.Out.WriteLine($"  {CampaignsArea.Time(t.At, detail.Zone)}  {EnumWords.Word(t.From)} -> {EnumWords.Word(t.To)} by {t.By}{(t.Note is null ? "" : ": " + t.Note)}");
            }

            if (detail.Next is { } next)
            {
                Console.Out.WriteLine($"next stage {EnumWords.Word(next)}: " + (detail.Blockers.Count == 0 ? "ready" : "blocked"));
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
        var command = new Command("remove", "Remove a campaign still in planning and take it off its squads; one that has left planning keeps its history and is refused") { id, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaignId = result.GetValue(id)!;
            var removed = await Campaigns(services).RemoveAsync(campaignId, result.GetValue(version), cancellationToken);
            if (removed.Value is not { } squads)
            {
                return Fail(removed);
            }

            Console.Out.WriteLine($"removed campaign {campaignId}" + (squads.Count == 0 ? "" : "; taken off squad " + string.Join(", ", squads)));
            return MercatoCli.Ok;
        });
        return command;
    }
}
