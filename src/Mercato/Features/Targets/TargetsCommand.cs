using System.CommandLine;
using System.Globalization;
using Mercato.Core.Organization;
using Mercato.Storage.Organization;

namespace Mercato.Features.Targets;

/// <summary><c>mercato org targets</c>: KPI targets per unit and period.</summary>
internal static class TargetsCommand
{
    public static Command Create()
    {
        var unit = new Option<string?>("--unit") { Description = "Only this unit (its id)" };
        var period = new Option<string?>("--period") { Description = "Only this period: YYYY-MM or YYYY-Qn" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("targets", "KPI targets per unit and period (lists them when no subcommand is given)") { unit, period, format, Set(), Remove() };
        command.SetAction(result =>
        {
            Period? only = null;
            if (result.GetValue(period) is { } text)
            {
                if (!Period.TryParse(text, out var parsed))
                {
                    Console.Error.WriteLine($"period '{text}' is not YYYY-MM or YYYY-Qn");
                    return MercatoCli.InvalidInput;
                }

                only = parsed;
            }

            var targets = new OrgStore(CliContext.OpenStore(result)).Targets(result.GetValue(unit), only);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { targets });
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(["unit", "kpi", "period", "target"],
                targets.Select(t => (IReadOnlyList<string>)[t.Unit, t.Kpi, t.Period.ToString(), t.Value.ToString("G", CultureInfo.InvariantCulture)]),
                new HashSet<int> { 3 });
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Set()
    {
        var kpi = new Argument<string>("kpi") { Description = "The KPI id, e.g. retention_d7" };
        var unit = new Argument<string>("unit") { Description = "The unit id that answers for it" };
        var period = new Argument<string>("period") { Description = "YYYY-MM or YYYY-Qn" };
        var value = new Argument<string>("value") { Description = "The target value, in the KPI's unit (a ratio as 0.25, not 25%)" };
        var command = new Command("set", "Set one target (replaces the same KPI, unit and period)") { kpi, unit, period, value };
        command.SetAction(result =>
        {
            if (!double.TryParse(result.GetValue(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Console.Error.WriteLine($"value '{result.GetValue(value)}' is not a number");
                return MercatoCli.InvalidInput;
            }

            var saved = new OrgStore(CliContext.OpenStore(result)).SetTargets(
                [new TargetInput(result.GetValue(kpi), result.GetValue(unit), result.GetValue(period), number)], KpiCatalogIds());
            if (!saved.IsValid)
            {
                foreach (var problem in saved.Problems)
                {
                    Console.Error.WriteLine(Messages.Text(problem));
                }

                return MercatoCli.InvalidInput;
            }

            Console.Out.WriteLine(saved.Added > 0 ? "target added" : "target updated");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var kpi = new Argument<string>("kpi");
        var unit = new Argument<string>("unit");
        var period = new Argument<string>("period");
        var command = new Command("remove", "Remove one target") { kpi, unit, period };
        command.SetAction(result =>
        {
            if (!Period.TryParse(result.GetValue(period), out var parsed))
            {
                Console.Error.WriteLine($"period '{result.GetValue(period)}' is not YYYY-MM or YYYY-Qn");
                return MercatoCli.InvalidInput;
            }

            if (!new OrgStore(CliContext.OpenStore(result)).DeleteTarget(result.GetValue(kpi)!, result.GetValue(unit)!, parsed))
            {
                Console.Error.WriteLine(Messages.Text(ApiCodes.TargetNotFound));
                return MercatoCli.Failure;
            }

            Console.Out.WriteLine("target removed");
            return MercatoCli.Ok;
        });
        return command;
    }

    /// <summary>The KPI ids targets may name.</summary>
    internal static IEnumerable<string> KpiCatalogIds() => OrgCatalog.KpiIds;
}
