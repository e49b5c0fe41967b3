using System.CommandLine;
using System.Globalization;
using Mercato.Core.Organization;

namespace Mercato.Features.Targets;

/// <summary><c>mercato org targets</c>: KPI targets per unit and period, through <see cref="TargetUseCases"/>.</summary>
internal static class TargetsCommand
{
    public static Command Create()
    {
        var unit = new Option<string?>("--unit") { Description = Words.W("targets.cli.unit") };
        var period = new Option<string?>("--period") { Description = Words.W("targets.cli.period") };
        var format = CliContext.TableFormatOption();
        var command = new Command("targets", Words.W("targets.cli.targets")) { unit, period, format, Set(), Remove() };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            Period? only = null;
            if (result.GetValue(period) is { } text)
            {
                if (!Period.TryParse(text, out var parsed))
                {
                    Console.Error.WriteLine(Words.W("targets.cli.bad_period", ("value", text)));
                    return MercatoCli.InvalidInput;
                }

                only = parsed;
            }

            var targets = await services.GetRequiredService<TargetUseCases>().ListVersionedAsync(result.GetValue(unit), only, null, cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { targets = targets.Select(t => t.Value) });
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(result, shown, "targets",
                [Words.W("targets.cli.col_unit"), Words.W("targets.cli.col_kpi"), Words.W("targets.cli.col_period"), Words.W("targets.cli.col_target"), Words.W("targets.cli.col_version")],
                targets.Select(t => (IReadOnlyList<string>)[
                    t.Value.Unit, t.Value.Kpi, t.Value.Period.ToString(), Target(t.Value.Value),
                    t.Version.ToString(CultureInfo.InvariantCulture)]),
                new HashSet<int> { 3, 4 });
        });
        return command;
    }

    private static Command Set()
    {
        var kpi = new Argument<string>("kpi") { Description = Words.W("targets.cli.set_kpi") };
        var unit = new Argument<string>("unit") { Description = Words.W("targets.cli.set_unit") };
        var period = new Argument<string>("period") { Description = Words.W("targets.cli.set_period") };
        var value = new Argument<string>("value") { Description = Words.W("targets.cli.set_value") };
        var ifVersion = CliContext.IfVersionOption("target");
        var command = new Command("set", Words.W("targets.cli.set")) { kpi, unit, period, value, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!double.TryParse(result.GetValue(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Console.Error.WriteLine(Words.W("targets.cli.bad_value", ("value", result.GetValue(value))));
                return MercatoCli.InvalidInput;
            }

            var saved = await services.GetRequiredService<TargetUseCases>().SetAsync(
                new TargetInput(result.GetValue(kpi), result.GetValue(unit), result.GetValue(period), number), result.GetValue(ifVersion), cancellationToken);
            if (saved.Value is not { } done)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine(Words.W(done.Added > 0 ? "targets.cli.added" : "targets.cli.updated"));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var kpi = new Argument<string>("kpi") { Description = Words.W("targets.cli.set_kpi") };
        var unit = new Argument<string>("unit") { Description = Words.W("targets.cli.remove_unit") };
        var period = new Argument<string>("period") { Description = Words.W("targets.cli.set_period") };
        var ifVersion = CliContext.IfVersionOption("target");
        var command = new Command("remove", Words.W("targets.cli.remove")) { kpi, unit, period, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Period.TryParse(result.GetValue(period), out var parsed))
            {
                Console.Error.WriteLine(Words.W("targets.cli.bad_period", ("value", result.GetValue(period))));
                return MercatoCli.InvalidInput;
            }

            var removed = await services.GetRequiredService<TargetUseCases>().DeleteAsync(
                result.GetValue(kpi)!, result.GetValue(unit)!, parsed, result.GetValue(ifVersion), cancellationToken);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(Words.W("targets.cli.removed"));
            return MercatoCli.Ok;
        });
        return command;
    }

    /// <summary>
    /// A target as typed, in the culture of the language in effect: every significant digit kept (a ratio 0.25 stays
    /// 0.25, not 25%), so the table, CSV and Excel read back the stored value.
    /// </summary>
    private static string Target(double value) => value.ToString("#,0.##########", CultureInfo.CurrentCulture);
}
