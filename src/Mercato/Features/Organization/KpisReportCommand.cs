using System.CommandLine;
using Mercato.Core.Organization;
using Mercato.Storage.Kpis;
using Mercato.Features.Measurement;

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
        command.SetAction(result =>
        {
            var store = CliContext.OpenStore(result);
            var service = new OrgService(store, new KpiQueries(store), new MeasurementService(store));
            var chosen = service.DefaultPeriod();
            if (result.GetValue(period) is { } text && !Period.TryParse(text, out chosen))
            {
                Console.Error.WriteLine($"period '{text}' is not YYYY-MM or YYYY-Qn");
                return MercatoCli.InvalidInput;
            }

            var unitId = result.GetValue(unit);
            if (unitId is not null && service.Org.Structure()?.FindUnit(unitId) is null)
            {
                Console.Error.WriteLine(service.Org.Structure() is null ? Messages.Text(OrgSources.NoStructure) : Messages.Text(ApiCodes.UnitNotFound, MessageArgs.Of(("unit", unitId))));
                return MercatoCli.InvalidInput;
            }

            var scorecard = service.Scorecard(chosen, unitId);
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
