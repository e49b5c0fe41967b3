using System.CommandLine;
using System.Globalization;
using Mercato.Core.Organization;

namespace Mercato.Features.Targets;

/// <summary><c>mercato org targets</c>: KPI targets per unit and period, through <see cref="TargetUseCases"/>.</summary>
internal static class TargetsCommand
{
    public static Command Create()
    {
        var unit = new Option<string?>("--unit") { Description = "Only this unit (its id)" };
        var period = new Option<string?>("--period") { Description = "Only this period: YYYY-MM or YYYY-Qn" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("targets", "KPI targets per unit and period (lists them when no subcommand is given)") { unit, period, format, Set(), Remove() };
        command.SetAction(async (result, services, cancellationToken) =>
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

            var targets = await services.GetRequiredService<TargetUseCases>().ListVersionedAsync(result.GetValue(unit), only, null, cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { targets = targets.Select(t => t.Value) });
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(["unit", "kpi", "period", "target", "version"],
                targets.Select(t => (IReadOnlyList<string>)[
                    t.Value.Unit, t.Value.Kpi, t.Value.Period.ToString(), t.Value.Value.ToString("G", CultureInfo.InvariantCulture),
                    t.Version.ToString(CultureInfo.InvariantCulture)]),
                new HashSet<int> { 3, 4 });
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
        var ifVersion = CliContext.IfVersionOption("target");
        var command = new Command("set", "Set one target (replaces the same KPI, unit and period)") { kpi, unit, period, value, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!double.TryParse(result.GetValue(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Console.Error.WriteLine($"value '{result.GetValue(value)}' is not a number");
                return MercatoCli.InvalidInput;
            }

            var saved = await services.GetRequiredService<TargetUseCases>().SetAsync(
                new TargetInput(result.GetValue(kpi), result.GetValue(unit), result.GetValue(period), number), result.GetValue(ifVersion), cancellationToken);
            if (saved.Value is not { } done)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine(done.Added > 0 ? "target added" : "target updated");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var kpi = new Argument<string>("kpi");
        var unit = new Argument<string>("unit");
        var period = new Argument<string>("period");
        var ifVersion = CliContext.IfVersionOption("target");
        var command = new Command("remove", "Remove one target") { kpi, unit, period, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Period.TryParse(result.GetValue(period), out var parsed))
            {
                Console.Error.WriteLine($"period '{result.GetValue(period)}' is not YYYY-MM or YYYY-Qn");
                return MercatoCli.InvalidInput;
            }

            var removed = await services.GetRequiredService<TargetUseCases>().DeleteAsync(
                result.GetValue(kpi)!, result.GetValue(unit)!, parsed, result.GetValue(ifVersion), cancellationToken);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine("target removed");
            return MercatoCli.Ok;
        });
        return command;
    }
}
