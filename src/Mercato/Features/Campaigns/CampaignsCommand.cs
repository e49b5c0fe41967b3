using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Storage.Campaigns;
using Mercato.Storage.Kpis;
using Mercato.Features.Measurement;
using Mercato.Features.Organization;
using Mercato.Features.People;

namespace Mercato.Features.Campaigns;

/// <summary><c>mercato campaigns</c>: campaigns, their squads and the activity lifecycle (docs/campaigns.md).</summary>
internal static class CampaignsCommand
{
    public static Command Create() => new("campaigns", "Campaigns as business units: create them, attach squads, move them through the lifecycle")
    {
        List(), CreateCampaign(), Show(), Remove(), Advance(), MoveToStage(), ApproveBudget(), ApproveKit(), AttachSquad(), Export(), Import(),
        Evaluate(), Budget(), Brand(),
    };

    private static CampaignStore Store(ParseResult result) => PeopleCommand.Store(result);

    private static Option<string> Actor() => new("--actor") { Description = "Who is acting (default: the user name)", DefaultValueFactory = _ => Environment.UserName };

    private static Argument<string> Id() => new("id") { Description = "The campaign's id" };

    private static string Money(decimal amount) => amount.ToString("0.####", CultureInfo.InvariantCulture);

    private static int NoCampaign(string id)
    {
        Console.Error.WriteLine(Messages.Text(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id))) + "; see mercato campaigns list");
        return MercatoCli.Failure;
    }

    private static Command List()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Every campaign with its stage and schedule") { format };
        command.SetAction(result =>
        {
            var campaigns = Store(result).Campaigns();
            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { campaigns }, PeopleCommand.Json));
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
        command.SetAction(result =>
        {
            var problems = new List<string>();
            if (!EnumWords.TryParse<CampaignType>(result.GetValue(type), out var campaignType))
            {
                problems.Add($"--type: unknown campaign type '{result.GetValue(type)}'; use one of {string.Join(", ", EnumWords.All<CampaignType>())}");
            }

            var first = Day(result.GetValue(start)!, "--start", problems);
            var last = Day(result.GetValue(end)!, "--end", problems);
            var lines = (result.GetValue(budget) ?? []).Select(b => Line(b, problems)).OfType<BudgetLine>().ToList();
            if (problems.Count > 0)
            {
                problems.ForEach(Console.Error.WriteLine);
                return MercatoCli.InvalidInput;
            }

            var store = Store(result);
            var campaignId = result.GetValue(id)!;
            if (store.Campaign(campaignId) is not null)
            {
                Console.Error.WriteLine(Messages.Text(CampaignCodes.CampaignExists, MessageArgs.Of(("id", campaignId))));
                return MercatoCli.InvalidInput;
            }

            var campaign = new Campaign(campaignId, result.GetValue(name)!, campaignType, result.GetValue(unit)!, first, last,
                budget: lines, codes: result.GetValue(codes) ?? []);
            var saved = store.SaveCampaign(campaign);
            if (!saved.Saved)
            {
                PeopleCommand.WriteProblems($"campaign '{campaignId}' is not valid", saved.Problems);
                return MercatoCli.InvalidInput;
            }

            Console.Out.WriteLine($"created campaign {campaign.Id} ({campaign.Schedule}) in stage planning, {Money(campaign.PlannedTotal)} planned");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static DateOnly Day(string text, string option, List<string> problems)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add($"{option}: '{text}' is not a date YYYY-MM-DD");
        return default;
    }

    private static BudgetLine? Line(string text, List<string> problems)
    {
        var line = CampaignInput.BudgetLine(text, out var error);
        if (line is null)
        {
            problems.Add("--budget: " + Messages.Text(error!));
        }

        return line;
    }

    private static Command Show()
    {
        var id = Id();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", "One campaign: schedule, budget, squads, stage history and what blocks the next stage") { id, format };
        command.SetAction(result =>
        {
            var store = Store(result);
            if (store.Campaign(result.GetValue(id)!) is not { } c)
            {
                return NoCampaign(result.GetValue(id)!);
            }

            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(c, PeopleCommand.Json));
                return MercatoCli.Ok;
            }

            var squads = store.Squads().Where(s => s.Serves(c.Id)).ToList();
            Console.Out.WriteLine($"{c.Name} ({c.Id})");
            Console.Out.WriteLine($"type: {EnumWords.Word(c.Type)}; unit: {c.Unit}; schedule: {c.Schedule}; stage: {EnumWords.Word(c.Stage)}");
            Console.Out.WriteLine("codes: " + (c.Codes.Count == 0 ? "-" : string.Join(", ", c.Codes)));
            Console.Out.WriteLine($"budget: {Money(c.PlannedTotal)} planned" + (c.BudgetApproval is { } a ? $", {Money(a.Amount)} approved by {a.By}" : ", not approved"));
            foreach (var line in c.Budget)
            {
                Console.Out.WriteLine($"  {line.Key}  {Money(line.Planned)}");
            }

            Console.Out.WriteLine("squads: " + (squads.Count == 0 ? "-" : string.Join("; ", squads.Select(s =>
                s.Id + ": " + string.Join(", ", s.Members.Select(m => m.Person + " (" + EnumWords.Word(m.Role) + ")"))))));
            foreach (var t in c.Transitions)
            {
                Console.Out.WriteLine($"  {t.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {EnumWords.Word(t.From)} -> {EnumWords.Word(t.To)} by {t.By}{(t.Note is null ? "" : ": " + t.Note)}");
            }

            if (CampaignLifecycle.Next(c.Stage) is { } next)
            {
                var facts = new LifecycleFacts(squads, CliContext.OpenStore(result).TimeZone);
                var blockers = CampaignLifecycle.Blockers(c, next, TimeProvider.System.GetUtcNow(), facts);
                Console.Out.WriteLine($"next stage {EnumWords.Word(next)}: " + (blockers.Count == 0 ? "ready" : "blocked"));
                foreach (var b in blockers)
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
        var command = new Command("remove", "Remove a campaign still in planning and take it off its squads; one that has left planning keeps its history and is refused") { id };
        command.SetAction(result =>
        {
            var store = Store(result);
            var campaignId = result.GetValue(id)!;
            var squads = store.Squads().Where(s => s.Serves(campaignId)).Select(s => s.Id).ToList();
            var deleted = store.DeleteCampaign(campaignId);
            if (deleted.Problems is [{ Path: "stage" } refusal])
            {
                Console.Error.WriteLine($"refused ({CampaignCodes.CampaignHasHistory}): {Messages.Text(refusal)}");
                return MercatoCli.InvalidInput;
            }

            if (!deleted.Saved)
            {
                return NoCampaign(campaignId);
            }

            Console.Out.WriteLine($"removed campaign {campaignId}" + (squads.Count == 0 ? "" : "; taken off squad " + string.Join(", ", squads)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static int Report(string id, LifecycleOutcome? outcome, Func<Campaign, string> done)
    {
        if (outcome is null)
        {
            return NoCampaign(id);
        }

        if (outcome.Refusal is { } refusal)
        {
            Console.Error.WriteLine($"refused ({refusal.Code}): {Messages.Text(refusal)}");
            return MercatoCli.InvalidInput;
        }

        Console.Out.WriteLine(done(outcome.Campaign!));
        return MercatoCli.Ok;
    }

    private static Command Advance()
    {
        var id = Id();
        var actor = Actor();
        var note = new Option<string?>("--note") { Description = "Why, recorded with the move" };
        var command = new Command("advance", "Move a campaign to its next stage; refused (exit 2) with the reason when a gate is closed") { id, actor, note };
        command.SetAction(result =>
        {
            var campaignId = result.GetValue(id)!;
            var outcome = Store(result).Advance(campaignId, result.GetValue(actor)!, TimeProvider.System.GetUtcNow(), result.GetValue(note));
            return Report(campaignId, outcome, c => $"{c.Id}: {EnumWords.Word(c.Transitions[^1].From)} -> {EnumWords.Word(c.Stage)} by {c.Transitions[^1].By}");
        });
        return command;
    }

    private static Command MoveToStage()
    {
        var id = Id();
        var stage = new Argument<string>("stage") { Description = "One of " + string.Join(", ", EnumWords.All<CampaignStage>()) };
        var actor = Actor();
        var note = new Option<string?>("--note") { Description = "Why; required to move one stage back and to cancel" };
        var command = new Command("stage", "Move a campaign to a named stage (the next one, one back with a note, or cancelled with the reason); refused (exit 2) with the reason") { id, stage, actor, note };
        command.SetAction(result =>
        {
            if (!EnumWords.TryParse<CampaignStage>(result.GetValue(stage), out var target))
            {
                Console.Error.WriteLine($"unknown stage '{result.GetValue(stage)}'; use one of: {string.Join(", ", EnumWords.All<CampaignStage>())}");
                return MercatoCli.InvalidInput;
            }

            var campaignId = result.GetValue(id)!;
            var outcome = Store(result).MoveTo(campaignId, target, result.GetValue(actor)!, TimeProvider.System.GetUtcNow(), result.GetValue(note));
            return Report(campaignId, outcome, c => $"{c.Id}: {EnumWords.Word(c.Transitions[^1].From)} -> {EnumWords.Word(c.Stage)} by {c.Transitions[^1].By}"
                + (c.Stage == CampaignStage.Cancelled ? $": {c.Transitions[^1].Note}" : ""));
        });
        return command;
    }

    private static Command ApproveBudget()
    {
        var id = Id();
        var actor = Actor();
        var note = new Option<string?>("--note") { Description = "A note recorded with the approval" };
        var command = new Command("approve-budget", "Record the approval of the campaign's planned budget") { id, actor, note };
        command.SetAction(result =>
        {
            var campaignId = result.GetValue(id)!;
            var outcome = Store(result).ApproveBudget(campaignId, result.GetValue(actor)!, TimeProvider.System.GetUtcNow(), result.GetValue(note));
            return Report(campaignId, outcome, c => $"{c.Id}: budget of {Money(c.BudgetApproval!.Amount)} approved by {c.BudgetApproval.By}");
        });
        return command;
    }

    private static Command ApproveKit()
    {
        var id = Id();
        var actor = Actor();
        var command = new Command("approve-kit", "Record the approval of the campaign's content kit (its messages and links)") { id, actor };
        command.SetAction(result =>
        {
            var campaignId = result.GetValue(id)!;
            var outcome = Store(result).ApproveKit(campaignId, result.GetValue(actor)!, TimeProvider.System.GetUtcNow());
            return Report(campaignId, outcome, c => $"{c.Id}: content kit approved by {c.Kit.ApprovedBy}");
        });
        return command;
    }

    private static CampaignService Service(ParseResult result)
    {
        var store = CliContext.OpenStore(result);
        return new CampaignService(store, new CampaignStore(store), new KpiQueries(store), new MeasurementService(store));
    }

    // Credited conversions are fractions (a model splits one conversion between touches): a count keeps its decimals.
    private static string Figure(KpiUnit unit, double? value) =>
        unit == KpiUnit.Count && value is { } v && v != Math.Floor(v) ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : KpiFormat.Value(unit.Word(), value);

    private static Command Evaluate()
    {
        var id = Id();
        var baseline = new Option<string?>("--baseline") { Description = "The baseline window FROM..TO (YYYY-MM-DD..YYYY-MM-DD); default the same number of days just before the campaign" };
        var model = new Option<string?>("--model") { Description = "The attribution model: " + string.Join(", ", CampaignService.ModelNames) + $" (default {Mercato.Core.Measurement.Attribution.AttributionModels.Name(CampaignService.DefaultModel)})" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("evaluate", "A campaign's evaluation: reach, participants, spend, attributed revenue, ROI, uplift against a baseline, objectives and budget") { id, baseline, model, format };
        command.SetAction(result =>
        {
            var campaignId = result.GetValue(id)!;
            if (!CampaignService.TryParseRange(result.GetValue(baseline), out var range))
            {
                Console.Error.WriteLine($"--baseline: '{result.GetValue(baseline)}' is not FROM..TO with days YYYY-MM-DD");
                return MercatoCli.InvalidInput;
            }

            if (!CampaignService.TryParseModel(result.GetValue(model), out var parsed))
            {
                Console.Error.WriteLine($"--model: unknown model '{result.GetValue(model)}'; use one of {string.Join(", ", CampaignService.ModelNames)}");
                return MercatoCli.InvalidInput;
            }

            var service = Service(result);
            if (service.Campaigns.Campaign(campaignId) is null)
            {
                return NoCampaign(campaignId);
            }

            if (service.CheckBaseline(campaignId, range) is { Count: > 0 } problems)
            {
                problems.ToList().ForEach(p => Console.Error.WriteLine(Messages.WithPath(p)));
                return MercatoCli.InvalidInput;
            }

            var evaluation = service.Evaluate(campaignId, range, parsed)!;
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(evaluation);
                return MercatoCli.Ok;
            }

            var r = evaluation.Report;
            Console.Out.WriteLine(Messages.Joined(r.Headline));
            Console.Out.WriteLine($"window {r.Window} ({r.Window.Days} days); baseline {r.Baseline}{(r.BaselineIsDefault ? " (default: the same number of days just before)" : "")}; model {r.Model ?? "-"}; stage {EnumWords.Word(r.Stage)}");
            Console.Out.WriteLine();
            CliContext.WriteTable(["figure", "value", "working"],
                r.Figures.Select(f => (IReadOnlyList<string>)[f.Id, Figure(f.Unit, f.Value), CampaignsArea.Working(f)]), new HashSet<int> { 1 });
            Console.Out.WriteLine();
            CliContext.WriteTable(["business", "window", "baseline", "expected", "uplift", "relative"],
                r.Uplift.Select(u => (IReadOnlyList<string>)[u.Id, Money(u.Window), Opt(u.Baseline), Opt(u.Expected), Opt(u.Absolute),
                    u.Relative is { } rel ? rel.ToString("0.#%", CultureInfo.InvariantCulture) : "-"]),
                new HashSet<int> { 1, 2, 3, 4, 5 });
            Console.Out.WriteLine("uplift is a before/after comparison: seasonality and other campaigns running at the same time move it too");
            if (r.Objectives.Count > 0)
            {
                Console.Out.WriteLine();
                CliContext.WriteTable(["objective", "target", "actual", "attainment", "status", "source"],
                    r.Objectives.Select(o => (IReadOnlyList<string>)[o.Kpi, o.Target.ToString("0.####", CultureInfo.InvariantCulture),
                        o.Actual is { } a ? a.ToString("0.####", CultureInfo.InvariantCulture) : "-", KpiFormat.Attainment(o.Attainment), KpiFormat.Status(o.Status), o.Source]),
                    new HashSet<int> { 1, 2, 3 });
            }

            Console.Out.WriteLine();
            WriteBudget(r.Budget);
            Console.Out.WriteLine();
            evaluation.Notes.ToList().ForEach(n => Console.Out.WriteLine("note: " + Messages.Text(n)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Opt(decimal? value) => value is { } v ? Money(v) : "-";

    private static void WriteBudget(BudgetCheck check)
    {
        CliContext.WriteTable(["line", "planned", "actual", "remaining", "overrun", "used"],
            check.Lines.Select(l => (IReadOnlyList<string>)[l.Key + (l.IsPlanned ? "" : " (unplanned)"), Money(l.Planned), Money(l.Actual), Money(l.Remaining), Money(l.Overrun),
                l.Used is { } u ? u.ToString("0.#%", CultureInfo.InvariantCulture) : "-"])
                .Append(["total", Money(check.Planned), Money(check.Actual), Money(check.Remaining), Money(Math.Max(0, check.Actual - check.Planned)), ""]),
            new HashSet<int> { 1, 2, 3, 4, 5 });
        foreach (var w in check.Warnings)
        {
            Console.Out.WriteLine("warning: " + Messages.Text(w));
        }
    }

    private static Command Budget()
    {
        var id = Id();
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("budget", "A campaign's budget lines planned against actual (media spend carrying its codes in its schedule), with overrun warnings") { id, format };
        command.SetAction(result =>
        {
            var campaignId = result.GetValue(id)!;
            var service = Service(result);
            if (service.Campaigns.Campaign(campaignId) is not { } campaign)
            {
                return NoCampaign(campaignId);
            }

            var check = service.BudgetCheck(campaign);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(check);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"{campaign.Name} ({campaign.Id}), schedule {campaign.Schedule}");
            WriteBudget(check);
            Console.Out.WriteLine("note: " + Messages.Text(CampaignService.CostNote));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Brand()
    {
        var from = new Option<string?>("--from") { Description = "First day of the evidence window, YYYY-MM-DD (default: a year before --to)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD (default: the last day with data)" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("brand", "The 9+1 brand cycle board: each step's state, its campaigns and its evidence over a window, and the cycles completed") { from, to, format };
        command.SetAction(result =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                Console.Error.WriteLine("--from and --to are days YYYY-MM-DD");
                return MercatoCli.InvalidInput;
            }

            var service = Service(result);
            var window = service.BrandWindow(first, last);
            if (!window.IsValid)
            {
                Console.Error.WriteLine(Messages.Text(CommonCodes.EndBeforeStart, MessageArgs.Of(("start", window.Start), ("end", window.End))));
                return MercatoCli.InvalidInput;
            }

            var brand = service.BrandBoard(window);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(brand);
                return MercatoCli.Ok;
            }

            var b = brand.Board;
            Console.Out.WriteLine($"cycle {b.CurrentCycle} ({b.CompletedCycles} completed{(b.CompletedAt.Count > 0 ? ": " + string.Join(", ", b.CompletedAt.Select(t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) : "")}); evidence over {b.Window}");
            CliContext.WriteTable(["step", "state", "campaigns", "evidence"],
                b.Steps.Select(s => (IReadOnlyList<string>)[$"{s.Number} {s.Name}", EnumWords.Word(s.State), s.Campaigns.Count == 0 ? "-" : string.Join(", ", s.Campaigns),
                    string.Join("; ", s.Evidence.Select(e => e.Metric + " " + Evidence(e)))]));
            var c = brand.Concentration;
            Console.Out.WriteLine(c.TopCampaign is null
                ? "step 8: no spend carries a campaign code in the window"
                : $"step 8: top campaign {c.TopCampaign} takes {c.TopCampaignShare!.Value.ToString("0.#%", CultureInfo.InvariantCulture)} of coded spend on {c.TopCampaignChannels} of {c.Channels} channels");
            brand.Notes.ToList().ForEach(n => Console.Out.WriteLine("note: " + Messages.Text(n)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Evidence(StepEvidence e) => e.Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    private static Command AttachSquad()
    {
        var id = Id();
        var squad = new Option<string>("--squad") { Description = "The squad's id; created when new", Required = true };
        var name = new Option<string?>("--name") { Description = "The squad's name (default: its id, or its current name)" };
        var lead = new Option<string>("--lead") { Description = "The person who leads it", Required = true };
        var members = new Option<string[]>("--member") { Description = "Another member as PERSON:ROLE, role one of " + string.Join(", ", EnumWords.All<SquadRole>()) };
        var command = new Command("squad", "Attach a squad to a campaign: the lead and members given replace the squad's members; a new squad is time-boxed to the campaign's schedule, an existing one widened to cover it") { id, squad, name, lead, members };
        command.SetAction(result =>
        {
            var store = Store(result);
            var campaignId = result.GetValue(id)!;
            if (store.Campaign(campaignId) is not { } campaign)
            {
                return NoCampaign(campaignId);
            }

            var list = new List<SquadMember>();
            foreach (var m in result.GetValue(members) ?? [])
            {
                if (CampaignInput.Member(m, out var error) is not { } member)
                {
                    Console.Error.WriteLine("--member: " + Messages.Text(error!));
                    return MercatoCli.InvalidInput;
                }

                list.Add(member);
            }

            var squadId = result.GetValue(squad)!;
            var updated = SquadAttachment.Attach(store.Squad(squadId), squadId, result.GetValue(name), result.GetValue(lead)!, list, campaign);
            var saved = store.SaveSquad(updated);
            if (!saved.Saved)
            {
                PeopleCommand.WriteProblems($"squad '{squadId}' is not valid", saved.Problems);
                return MercatoCli.InvalidInput;
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
        command.SetAction(result =>
        {
            var json = JsonSerializer.Serialize(Store(result).Export(), PeopleCommand.Json);
            var path = result.GetValue(file)!;
            if (path == "-")
            {
                Console.Out.WriteLine(json);
                return MercatoCli.Ok;
            }

            File.WriteAllText(path, json + "\n");
            Console.Out.WriteLine($"wrote {path}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A JSON file as campaigns export writes it" };
        var command = new Command("import", "Add or replace people, squads and campaigns from a JSON file; nothing changes unless all of it is valid") { file };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            CampaignBundle? bundle;
            try
            {
                bundle = JsonSerializer.Deserialize<CampaignBundle>(File.ReadAllText(path), CampaignJson.Options);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return MercatoCli.InvalidInput;
            }

            bundle = new CampaignBundle(bundle?.People ?? [], bundle?.Squads ?? [], bundle?.Campaigns ?? []);
            var saved = Store(result).Import(bundle);
            if (!saved.Saved)
            {
                PeopleCommand.WriteProblems($"{path} is not valid", saved.Problems);
                return MercatoCli.InvalidInput;
            }

            Console.Out.WriteLine($"imported {bundle.People.Count} people, {bundle.Squads.Count} squads, {bundle.Campaigns.Count} campaigns from {path}");
            return MercatoCli.Ok;
        });
        return command;
    }
}
