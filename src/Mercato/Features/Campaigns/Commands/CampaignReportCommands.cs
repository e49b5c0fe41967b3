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
        var baseline = new Option<string?>("--baseline") { Description = Words.W("campaigns.cli.evaluate.baseline") };
        var model = new Option<string?>("--model")
        {
            Description = Words.W("campaigns.cli.evaluate.model", ("models", string.Join(", ", CampaignUseCases.ModelNames)), ("default", AttributionModels.Name(CampaignUseCases.DefaultModel))),
        };
        var format = CliContext.TableFormatOption();
        var command = new Command("evaluate", Words.W("campaigns.cli.evaluate.description")) { id, baseline, model, format };
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

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(evaluation);
                return MercatoCli.Ok;
            }

            if (shown != "table")
            {
                // CSV and Excel hold the figures table: every figure with its value and working.
                var (header, rows, right) = FigureTable(evaluation.Report);
                return CliContext.WriteShown(result, shown, "evaluation-" + evaluation.Report.Campaign, header, rows, right);
            }

            WriteEvaluation(evaluation);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static (IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, ISet<int> Right) FigureTable(EvaluationReport r) =>
        ([Words.W("campaigns.cli.col_figure"), Words.W("campaigns.cli.col_value"), Words.W("campaigns.cli.col_working")],
            r.Figures.Select(f => (IReadOnlyList<string>)[Shown(f.Id, () => CampaignsArea.MetricName(f.Id, f.Label)), Figure(f.Unit, f.Value), CampaignsArea.Working(f)]),
            new HashSet<int> { 1 });

    private static void WriteEvaluation(CampaignEvaluationResult evaluation)
    {
        var r = evaluation.Report;
        Console.Out.WriteLine(Messages.Joined(r.Headline));
        Console.Out.WriteLine(Words.W("campaigns.cli.evaluate.about", ("window", r.Window.ToString()), ("days", r.Window.Days), ("baseline", r.Baseline.ToString()),
            ("default", r.BaselineIsDefault ? "yes" : "no"), ("model", r.Model is null ? "-" : CampaignsArea.ModelName(r.Model)), ("stage", Shown(r.Stage))));
        Console.Out.WriteLine();
        var (header, rows, right) = FigureTable(r);
        CliContext.WriteTable(header, rows, right);
        Console.Out.WriteLine();
        CliContext.WriteTable(
            [Words.W("campaigns.cli.col_business"), Words.W("campaigns.cli.col_window"), Words.W("campaigns.cli.col_baseline"), Words.W("campaigns.cli.col_expected"),
                Words.W("campaigns.cli.col_uplift"), Words.W("campaigns.cli.col_relative")],
            r.Uplift.Select(u => (IReadOnlyList<string>)[Shown(u.Id, () => CampaignsArea.BusinessName(u.Id, u.Label)), Money(u.Window),
                Opt(u.Baseline), Opt(u.Expected), Opt(u.Absolute), u.Relative is { } rel ? rel.ToString("0.#%", CultureInfo.InvariantCulture) : "-"]),
            new HashSet<int> { 1, 2, 3, 4, 5 });
        Console.Out.WriteLine(Words.W("campaigns.cli.uplift_note"));
        if (r.Objectives.Count > 0)
        {
            Console.Out.WriteLine();
            CliContext.WriteTable(
                [Words.W("campaigns.cli.col_objective"), Words.W("campaigns.cli.col_target"), Words.W("campaigns.cli.col_actual"), Words.W("campaigns.cli.col_attainment"),
                    Words.W("campaigns.cli.col_status"), Words.W("campaigns.cli.col_source")],
                r.Objectives.Select(o => (IReadOnlyList<string>)[Shown(o.Kpi, () => CampaignsArea.MetricName(o.Kpi, o.Name)), o.Target.ToString("0.####", CultureInfo.InvariantCulture),
                    o.Actual is { } a ? a.ToString("0.####", CultureInfo.InvariantCulture) : "-", KpiFormat.Attainment(o.Attainment),
                    Shown(KpiFormat.Status(o.Status), () => CampaignsArea.StatusName(o.Status)), Shown(o.Source, () => SourceName(o.Source))]),
                new HashSet<int> { 1, 2, 3 });
        }

        Console.Out.WriteLine();
        var budget = BudgetTable(r.Budget);
        CliContext.WriteTable(budget.Header, budget.Rows, budget.Right);
        WriteWarnings(r.Budget);
        Console.Out.WriteLine();
        foreach (var note in evaluation.Notes)
        {
            Console.Out.WriteLine(Words.W("campaigns.cli.note", ("note", Messages.Text(note))));
        }
    }

    /// <summary>Where an objective's actual came from, in words.</summary>
    private static string SourceName(string source) => source switch
    {
        "campaign" => Words.W("campaigns.eval.source_campaign"),
        "supplied" => Words.W("campaigns.eval.source_supplied"),
        _ => Words.W("campaigns.eval.source_none"),
    };

    // Credited conversions are fractions (a model splits one conversion between touches): a count keeps its decimals.
    private static string Figure(KpiUnit unit, double? value) =>
        unit == KpiUnit.Count && value is { } v && v != Math.Floor(v) ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : KpiFormat.Value(unit.Word(), value);

    private static string Opt(decimal? value) => value is { } v ? Money(v) : "-";

    private static (IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, ISet<int> Right) BudgetTable(BudgetCheck check) =>
        ([Words.W("campaigns.cli.col_line"), Words.W("campaigns.cli.col_planned_money"), Words.W("campaigns.cli.col_actual_money"), Words.W("campaigns.cli.col_remaining"),
                Words.W("campaigns.cli.col_overrun"), Words.W("campaigns.cli.col_used")],
            check.Lines.Select(l => (IReadOnlyList<string>)[l.IsPlanned ? l.Key : Words.W("campaigns.cli.unplanned", ("line", l.Key)), Money(l.Planned), Money(l.Actual),
                    Money(l.Remaining), Money(l.Overrun), l.Used is { } u ? u.ToString("0.#%", CultureInfo.InvariantCulture) : "-"])
                .Append([Words.W("campaigns.cli.total"), Money(check.Planned), Money(check.Actual), Money(check.Remaining), Money(Math.Max(0, check.Actual - check.Planned)), ""]),
            new HashSet<int> { 1, 2, 3, 4, 5 });

    private static void WriteWarnings(BudgetCheck check)
    {
        foreach (var w in check.Warnings)
        {
            Console.Out.WriteLine(Words.W("campaigns.cli.warning", ("warning", Messages.Text(w))));
        }
    }

    private static Command Budget()
    {
        var id = Id();
        var format = CliContext.TableFormatOption();
        var command = new Command("budget", Words.W("campaigns.cli.budget.description")) { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var campaigns = Campaigns(services);
            var found = await campaigns.GetAsync(result.GetValue(id)!, cancellationToken);
            if (found.Value is not { Value: var campaign })
            {
                return Fail(found);
            }

            var check = await campaigns.BudgetCheckAsync(campaign, cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(check);
                return MercatoCli.Ok;
            }

            var (header, rows, right) = BudgetTable(check);
            if (shown != "table")
            {
                return CliContext.WriteShown(result, shown, "budget-" + campaign.Id, header, rows, right);
            }

            Console.Out.WriteLine(Words.W("campaigns.cli.budget.title", ("name", campaign.Name), ("id", campaign.Id), ("schedule", campaign.Schedule.ToString())));
            CliContext.WriteTable(header, rows, right);
            WriteWarnings(check);
            Console.Out.WriteLine(Words.W("campaigns.cli.note", ("note", Messages.Text(CampaignUseCases.CostNote))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Brand()
    {
        var from = new Option<string?>("--from") { Description = Words.W("campaigns.cli.brand.from") };
        var to = new Option<string?>("--to") { Description = Words.W("campaigns.cli.brand.to") };
        var format = CliContext.TableFormatOption();
        var command = new Command("brand", Words.W("campaigns.cli.brand.description")) { from, to, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var campaigns = Campaigns(services);
            var board = await campaigns.BrandBoardAsync(first, last, cancellationToken);
            if (board.Value is not { } brand)
            {
                return Fail(board);
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(brand);
                return MercatoCli.Ok;
            }

            var (header, rows) = BrandTable(brand.Board);
            if (shown != "table")
            {
                return CliContext.WriteShown(result, shown, "brand-cycle", header, rows);
            }

            WriteBrand(brand, header, rows);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static (IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows) BrandTable(BrandBoard b) =>
        ([Words.W("campaigns.cli.col_step"), Words.W("campaigns.cli.col_state"), Words.W("campaigns.cli.col_campaigns"), Words.W("campaigns.cli.col_evidence")],
            b.Steps.Select(s => (IReadOnlyList<string>)[$"{s.Number} {CampaignsArea.StepName(s.Id, s.Name)}", Shown(EnumWords.Word(s.State), () => StateName(s.State)),
                s.Campaigns.Count == 0 ? "-" : string.Join(", ", s.Campaigns),
                string.Join("; ", s.Evidence.Select(e => Shown(e.Metric, () => CampaignsArea.EvidenceName(e.Metric, e.Name)) + " " + Evidence(e)))]));

    private static string StateName(StepState state) => CampaignsArea.StateName(state);

    private static void WriteBrand(BrandReport brand, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var b = brand.Board;
        Console.Out.WriteLine(b.CompletedAt.Count > 0
            ? Words.W("campaigns.cli.brand.cycle_days", ("cycle", b.CurrentCycle), ("completed", b.CompletedCycles),
                ("days", string.Join(", ", b.CompletedAt.Select(t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))), ("window", b.Window.ToString()))
            : Words.W("campaigns.cli.brand.cycle", ("cycle", b.CurrentCycle), ("completed", b.CompletedCycles), ("window", b.Window.ToString())));
        CliContext.WriteTable(header, rows);
        var c = brand.Concentration;
        Console.Out.WriteLine(c.TopCampaign is null
            ? Words.W("campaigns.cli.brand.step8_none")
            : Words.W("campaigns.cli.brand.step8_top", ("campaign", c.TopCampaign), ("share", c.TopCampaignShare!.Value.ToString("0.#%", CultureInfo.InvariantCulture)),
                ("channels", c.TopCampaignChannels), ("total", c.Channels)));
        foreach (var note in brand.Notes)
        {
            Console.Out.WriteLine(Words.W("campaigns.cli.note", ("note", Messages.Text(note))));
        }
    }

    private static string Evidence(StepEvidence e) => e.Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
