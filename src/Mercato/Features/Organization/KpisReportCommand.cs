using System.CommandLine;

namespace Mercato.Features.Organization;

/// <summary><c>mercato report kpis</c>: every KPI for a period, with owner, target, status and trend (docs/kpis.md).</summary>
internal static class KpisReportCommand
{
    public static Command Create()
    {
        var unit = new Option<string?>("--unit") { Description = Words.W("organization.cli.kpis_unit") };
        var period = new Option<string?>("--period") { Description = Words.W("organization.cli.kpis_period") };
        var format = CliContext.TableFormatOption();
        var command = new Command("kpis", Words.W("organization.cli.kpis")) { unit, period, format };
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

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(scorecard);
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W("organization.cli.kpis_heading", ("period", scorecard.Period), ("zone", scorecard.TimeZone)));
            }

            // The file holds the value alone (a number for a spreadsheet, an empty cell for none), the KPI's name and the
            // reason for a missing value in columns of their own.
            var file = shown is "csv" or "xlsx";
            IReadOnlyList<string> header =
            [
                Words.W("organization.cli.col_kpi"), Words.W("organization.cli.col_unit"), Words.W("organization.cli.col_value"), Words.W("organization.cli.col_target"),
                Words.W("organization.cli.col_attainment"), Words.W("organization.cli.col_status"), Words.W("organization.cli.col_trend"),
                .. file ? new[] { Words.W("organization.cli.col_name"), Words.W("organization.cli.col_note") } : [],
            ];
            return CliContext.WriteShown(result, shown, "kpis-" + scorecard.Period, header,
                scorecard.Kpis.Select(k => (IReadOnlyList<string>)[
                    k.Id, k.UnitName ?? Words.W("organization.cli.nobody"),
                    k.Value is null ? (file ? "" : "- (" + (k.Reason is null ? "" : OrgText.Text(k.Reason)) + ")") : KpiFormat.Value(k.Measure, k.Value),
                    k.Target is null && file ? "" : KpiFormat.Value(k.Measure, k.Target),
                    k.Attainment is null && file ? "" : KpiFormat.Attainment(k.Attainment),
                    KpiFormat.Status(k.Status), KpiFormat.Trend(k.Trend),
                    .. file ? new[] { OrgText.KpiName(k.Id), k.Value is null && k.Reason is not null ? OrgText.Text(k.Reason) : "" } : []]),
                new HashSet<int> { 2, 3, 4 });
        });
        return command;
    }
}
