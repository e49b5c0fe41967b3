using System.CommandLine;

namespace Mercato.Features.Organization;

/// <summary><c>mercato report kpis</c>: every KPI for a period, with owner, target, status and trend (docs/kpis.md).</summary>
internal static class KpisReportCommand
{
    public static Command Create()
    {
        var unit = new Option<string?>("--unit") { Description = "Only the KPIs this unit (its id) answers for" };
        var period = new Option<string?>("--period") { Description = "YYYY-MM or YYYY-Qn (default: the last month with data)" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("kpis", "KPIs computed from the data center for a period, with their owners, targets, status and trend") { unit, period, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var organization = services.GetRequiredService<OrganizationUseCases>();
            Period chosen;
            if (result.GetValue(period) is { } text)
            {
                if (!Period.TryParse(text, out chosen))
                {
                    return CliContext.Invalid(ApiCodes.PeriodMalformed);
                }
            }
            else
            {
                chosen = await organization.DefaultPeriodAsync(cancellationToken);
            }

            var outcome = await organization.UnitScorecardAsync(chosen, result.GetValue(unit), cancellationToken);
            if (outcome.Value is not { } scorecard)
            {
                return CliContext.Fail(outcome);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(scorecard);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"KPIs for {scorecard.Period} (time zone {scorecard.TimeZone}); formulas: docs/kpis.md");
            CliContext.WriteTable(
                ["kpi", "unit", "value", "target", "attainment", "status", "trend"],
                scorecard.Kpis.Select(k => (IReadOnlyList<string>)[
                    k.Id, k.UnitName ?? "(nobody)", k.Value is null ? "- (" + Messages.TextOrNull(k.Reason) + ")" : KpiFormat.Value(k.Measure, k.Value),
                    KpiFormat.Value(k.Measure, k.Target), KpiFormat.Attainment(k.Attainment), KpiFormat.Status(k.Status), KpiFormat.Trend(k.Trend)]),
                new HashSet<int> { 3, 4 });
            return MercatoCli.Ok;
        });
        return command;
    }
}
