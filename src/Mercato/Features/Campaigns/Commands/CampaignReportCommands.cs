using System.CommandLine;
using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Organization;

namespace Mercato.Features.Campaigns;

/// <summary>The reports: <c>evaluate</c>, <c>budget</c>, <c>brand</c>.</summary>
internal static partial class CampaignsCommand
{
    private static Command Evaluate()
    {
        var id = Id();
        var baseline = new Option<string?>("--baseline") { Description = "The baseline window FROM..TO (YYYY-MM-DD..YYYY-MM-DD); default the same number of days just before the campaign" };
        var model = new Option<string?>("--model") { Description = "The attribution model: " + string.Join(", ", CampaignUseCases.ModelNames) + $" (default {AttributionModels.Name(CampaignUseCases.DefaultModel)})" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("evaluate", "A campaign's evaluation: reach, participants, spend, attributed revenue, ROI, uplift against a baseline, objectives and budget") { id, baseline, model, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!CampaignUseCases.TryParseRange(result.GetValue(baseline), out var range))
            {
                return Invalid([Problem.Of("--baseline", ApiCodes.BaselineMalformed, ("value", result.GetValue(baseline)))]);
            }

            if (!CampaignUseCases.TryParseModel(result.GetValue(model), out var parsed))
            {
                return CliContext.UnknownModel(result.GetValue(model), CampaignUseCases.ModelNames);
            }

            var evaluated = await Campaigns(services).EvaluateAsync(result.GetValue(id)!, range, parsed, cancellationToken);
            if (evaluated.Value is not { } evaluation)
            {
                return Fail(evaluated);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(evaluation);
                return MercatoCli.Ok;
            }

            WriteEvaluation(evaluation);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static void WriteEvaluation(CampaignEvaluationResult evaluation)
    {
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
        foreach (var note in evaluation.Notes)
        {
            Console.Out.WriteLine("note: " + Messages.Text(note));
        }
    }

    // Credited conversions are fractions (a model splits one conversion between touches): a count keeps its decimals.
    private static string Figure(KpiUnit unit, double? value) =>
        unit == KpiUnit.Count && value is { } v && v != Math.Floor(v) ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : KpiFormat.Value(unit.Word(), value);

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
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaigns = Campaigns(services);
            var found = await campaigns.GetAsync(result.GetValue(id)!, cancellationToken);
            if (found.Value is not { Value: var campaign })
            {
                return Fail(found);
            }

            var check = await campaigns.BudgetCheckAsync(campaign, cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(check);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"{campaign.Name} ({campaign.Id}), schedule {campaign.Schedule}");
            WriteBudget(check);
            Console.Out.WriteLine("note: " + Messages.Text(CampaignUseCases.CostNote));
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
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var campaigns = Campaigns(services);
            var window = await campaigns.BrandWindowAsync(first, last, cancellationToken);
            var board = await campaigns.BrandBoardAsync(window, cancellationToken);
            if (board.Value is not { } brand)
            {
                return Fail(board);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(brand);
                return MercatoCli.Ok;
            }

            WriteBrand(brand);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static void WriteBrand(BrandReport brand)
    {
        var b = brand.Board;
        Console.Out.WriteLine($"cycle {b.CurrentCycle} ({b.CompletedCycles} completed{(b.CompletedAt.Count > 0 ? ": " + string.Join(", ", b.CompletedAt.Select(t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) : "")}); evidence over {b.Window}");
        CliContext.WriteTable(["step", "state", "campaigns", "evidence"],
            b.Steps.Select(s => (IReadOnlyList<string>)[$"{s.Number} {s.Name}", EnumWords.Word(s.State), s.Campaigns.Count == 0 ? "-" : string.Join(", ", s.Campaigns),
                string.Join("; ", s.Evidence.Select(e => e.Metric + " " + Evidence(e)))]));
        var c = brand.Concentration;
        Console.Out.WriteLine(c.TopCampaign is null
            ? "step 8: no spend carries a campaign code in the window"
            : $"step 8: top campaign {c.TopCampaign} takes {c.TopCampaignShare!.Value.ToString("0.#%", CultureInfo.InvariantCulture)} of coded spend on {c.TopCampaignChannels} of {c.Channels} channels");
        foreach (var note in brand.Notes)
        {
            Console.Out.WriteLine("note: " + Messages.Text(note));
        }
    }

    private static string Evidence(StepEvidence e) => e.Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
