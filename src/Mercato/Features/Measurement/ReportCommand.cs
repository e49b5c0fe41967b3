using System.CommandLine;
using System.Globalization;
using System.Text;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Organization;
using Mercato.Features.People;

namespace Mercato.Features.Measurement;

/// <summary><c>mercato report attribution|roi</c>: the measurement reports, as tables, JSON or CSV.</summary>
internal static class ReportCommand
{
    public static Command Create() => new("report", "Measurement and KPI reports") { Attribution(), Roi(), Cohorts(), Lift(), KpisReportCommand.Create(), LiveStreamsReportCommand.Create(), Funnels.FunnelCommand.Create() };

    private static Option<string> ModelOption(string fallback) => new Option<string>("--model")
    {
        Description = "first, last, last-non-direct, linear, time-decay, position, markov or shapley",
        DefaultValueFactory = _ => fallback,
    };

    private static Command Attribution()
    {
        var model = ModelOption("markov");
        var order = new Option<int>("--order") { Description = "Markov order, 1 to 3", DefaultValueFactory = _ => 1 };
        var from = new Option<string?>("--from") { Description = "First day of conversions, YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "Last day of conversions, YYYY-MM-DD" };
        var by = new Option<string>("--by") { Description = "channel or campaign", DefaultValueFactory = _ => "channel" };
        by.AcceptOnlyFromAmong("channel", "campaign");
        var lookback = new Option<int>("--lookback-days") { Description = "Journey lookback window in days", DefaultValueFactory = _ => 30 };
        var halfLife = new Option<double>("--half-life-days") { Description = "Half-life of time decay", DefaultValueFactory = _ => 7 };
        var format = CliContext.FormatOption("table", "json", "csv");
        var invalid = IncludeInvalidClicksOption();
        var command = new Command("attribution", "Credit conversions and revenue to channels (or campaigns) with one model")
        {
            model, order, from, to, by, lookback, halfLife, invalid, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!AttributionModels.TryParse(result.GetValue(model), out var parsed))
            {
                return CliContext.UnknownModel(result.GetValue(model), AttributionModels.All.Select(AttributionModels.Name));
            }

            if (!Periods.TryDay(result.GetValue(from), out var fromDay) || !Periods.TryDay(result.GetValue(to), out var toDay))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var outcome = await services.GetRequiredService<MeasurementUseCases>().AttributionAsync(new AttributionRequest(
                parsed, result.GetValue(order), fromDay, toDay,
                result.GetValue(by) == "campaign" ? JourneyLabel.Campaign : JourneyLabel.Channel,
                result.GetValue(lookback), result.GetValue(halfLife), result.GetValue(invalid)), cancellationToken);
            if (outcome.Value is not { } report)
            {
                return CliContext.Fail(outcome);
            }

            switch (result.GetValue(format))
            {
                case "json":
                    CliContext.WriteJson(report.Shape());
                    break;
                case "csv":
                    var csv = new StringBuilder(report.By).Append(",conversions,revenue\n");
                    foreach (var c in report.Credits)
                    {
                        csv.Append(Csv(c.Label)).Append(',').Append(R(c.Conversions)).Append(',').Append(R(c.Revenue)).Append('\n');
                    }

                    Console.Out.Write(csv);
                    break;
                default:
                    if (report.TotalConversions == 0)
                    {
                        Console.Out.WriteLine(NoData);
                    }

                    Console.Out.WriteLine(FormattableString.Invariant(
                        $"{report.Model}{(report.Order is { } o ? $" (order {o})" : "")} by {report.By}: {report.TotalConversions:N0} conversions, revenue {report.TotalRevenue:N2}; lookback {report.LookbackDays} days"));
                    CliContext.WriteTable(
                        [report.By, "conversions", "share", "revenue"],
                        report.Credits.OrderByDescending(c => c.Conversions).Select(c => (IReadOnlyList<string>)[
                            c.Label,
                            c.Conversions.ToString("N2", CultureInfo.InvariantCulture),
                            report.TotalConversions == 0 ? "-" : (c.Conversions / report.TotalConversions).ToString("P1", CultureInfo.InvariantCulture),
                            c.Revenue.ToString("N2", CultureInfo.InvariantCulture)]),
                        new HashSet<int> { 1, 2, 3 });
                    if (report.ConversionsWithoutTouches > 0)
                    {
                        Console.Out.WriteLine(FormattableString.Invariant(
                            $"{report.ConversionsWithoutTouches:N0} conversions (revenue {report.RevenueWithoutTouches:N2}) had no touch in their lookback window and are credited to no channel."));
                    }

                    WriteNote(report.InvalidClicks);
                    break;
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Option<bool> IncludeInvalidClicksOption() => new("--include-invalid-clicks")
    {
        Description = "Count the clicks the invalid-traffic rules flagged as journey touches (left out by default; docs/ads.md)",
    };

    private static void WriteNote(InvalidClickNote note)
    {
        if (note.Sentence() is { } sentence)
        {
            Console.Out.WriteLine(sentence);
        }
    }

    private static Command Roi()
    {
        var month = new Option<string?>("--month") { Description = "One month, YYYY-MM" };
        var from = new Option<string?>("--from") { Description = "First month, YYYY-MM" };
        var to = new Option<string?>("--to") { Description = "Last month, YYYY-MM" };
        var model = ModelOption(AttributionModels.Name(MeasurementUseCases.DefaultRoiModel));
        var format = CliContext.FormatOption("table", "json", "csv");
        var invalid = IncludeInvalidClicksOption();
        var command = new Command("roi", "ROI per channel and month: spend, attributed revenue, product cost, costs, net return, ROI, ROAS, CPA")
        {
            month, from, to, model, invalid, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!RoiRequest.TryParseModel(result.GetValue(model), out var parsed, out var incremental))
            {
                return CliContext.UnknownModel(result.GetValue(model), RoiRequest.ModelNames);
            }

            if (!Periods.TryMonth(result.GetValue(month) ?? result.GetValue(from), out var first) || !Periods.TryMonth(result.GetValue(month) ?? result.GetValue(to), out var last))
            {
                return CliContext.Invalid(ApiCodes.MonthsMalformed);
            }

            var outcome = await services.GetRequiredService<MeasurementUseCases>().RoiAsync(
                new RoiRequest(first, last, parsed, Incremental: incremental, IncludeInvalidClicks: result.GetValue(invalid)), cancellationToken);
            if (outcome.Value is not { } report)
            {
                return CliContext.Fail(outcome);
            }

            switch (result.GetValue(format))
            {
                case "json":
                    CliContext.WriteJson(report);
                    break;
                case "csv":
                    var csv = new StringBuilder("channel,month,spend,conversions,revenue,productCost,grossProfit,allocatedCosts,netReturn,roi,roas,cpa\n");
                    foreach (var r in report.Channels)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $"{Csv(r.Channel)},{r.Month},{r.Spend},{R(r.Conversions)},{r.Revenue},{r.ProductCost},{r.GrossProfit},{r.AllocatedCosts},{r.NetReturn},{R(r.Roi)},{R(r.Roas)},{r.Cpa}\n");
                    }

                    Console.Out.Write(csv);
                    break;
                default:
                    if (report.Channels.Count == 0)
                    {
                        Console.Out.WriteLine("No spend, costs or conversions in this range: import them with `mercato import`.");
                    }

                    Console.Out.WriteLine($"ROI {report.From} to {report.To}, conversions placed by {report.Model}. {report.AllocationRule}");
                    CliContext.WriteTable(
                        ["month", "channel", "spend", "conv.", "revenue", "gross profit", "costs", "net return", "ROI", "ROAS", "CPA"],
                        report.Channels.Select(r => (IReadOnlyList<string>)[
                            r.Month.ToString(), r.Channel, M(r.Spend), r.Conversions.ToString("N1", CultureInfo.InvariantCulture), M(r.Revenue),
                            M(r.GrossProfit), M(r.AllocatedCosts), M(r.NetReturn), P(r.Roi), r.Roas?.ToString("N2", CultureInfo.InvariantCulture) ?? "-",
                            r.Cpa is { } cpa ? M(cpa) : "-"]),
                        new HashSet<int> { 2, 3, 4, 5, 6, 7, 8, 9, 10 });
                    WriteNote(report.InvalidClicks);
                    break;
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Cohorts()
    {
        var model = ModelOption(AttributionModels.Name(MeasurementUseCases.DefaultRoiModel));
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("cohorts", "Acquisition cohorts: LTV per user by month, payback month, and guidance per channel") { model, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!AttributionModels.TryParse(result.GetValue(model), out var parsed))
            {
                return CliContext.UnknownModel(result.GetValue(model), AttributionModels.All.Select(AttributionModels.Name));
            }

            var report = await services.GetRequiredService<MeasurementUseCases>().CohortsAsync(cancellationToken, parsed);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            if (report.Cohorts.Count == 0)
            {
                Console.Out.WriteLine("No conversions yet, so no cohorts: import conversions with `mercato import`.");
            }

            Console.Out.WriteLine($"Cohorts through {report.LastMonth}; acquisition costs from ROI with {report.Model}. {report.AcquisitionCostRule}");
            CliContext.WriteTable(
                ["cohort", "channel", "users", "CAC/user", "LTV m0", "LTV m3", "LTV m6", "LTV last", "payback"],
                report.Cohorts.Select(c => (IReadOnlyList<string>)[
                    c.CohortMonth.ToString(), c.Channel, c.Users.ToString("N0", CultureInfo.InvariantCulture), M(c.CacPerUser),
                    Ltv(c.LtvPerUser, 0), Ltv(c.LtvPerUser, 3), Ltv(c.LtvPerUser, 6), Ltv(c.LtvPerUser, c.LtvPerUser.Count - 1),
                    c.PaybackOffset is { } p ? FormattableString.Invariant($"month {p}")
                        : c.ProjectedPaybackOffset is { } q ? FormattableString.Invariant($"~month {q} (projected)") : "not in sight"]),
                new HashSet<int> { 2, 3, 4, 5, 6, 7 });
            Console.Out.WriteLine();
            foreach (var g in report.Guidance)
            {
                Console.Out.WriteLine($"{g.Channel,-18} {g.Level.ToString().ToLowerInvariant(),-6} {Messages.Text(g.Reason)}");
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Lift()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("lift", "Incremental conversions per channel: the noisy-OR lift model fitted on converting and non-converting journeys") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var lift = await services.GetRequiredService<MeasurementUseCases>().LiftAsync(cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(lift);
                return MercatoCli.Ok;
            }

            if (lift.Labels.Count == 0)
            {
                Console.Out.WriteLine("Nothing to fit: the lift model needs journeys that converted and journeys that did not.");
            }

            Console.Out.WriteLine(FormattableString.Invariant(
                $"P(convert) = 1 - (1 - b) * (1 - r if returning customer) * prod over touches (1 - p_channel); b = {lift.BaseProbability:P2}, r = {lift.ReturningCustomerProbability:P2}; fitted in {lift.Iterations} iterations{(lift.Converged ? "" : " (NOT converged)")}"));
            CliContext.WriteTable(
                ["channel", "lift per touch", "incremental conv.", "incremental revenue"],
                lift.Labels.OrderByDescending(l => l.IncrementalConversions).Select(l => (IReadOnlyList<string>)[
                    l.Label, l.Probability.ToString("P2", CultureInfo.InvariantCulture),
                    l.IncrementalConversions.ToString("N1", CultureInfo.InvariantCulture), l.IncrementalRevenue.ToString("N2", CultureInfo.InvariantCulture)]),
                new HashSet<int> { 1, 2, 3 });
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Ltv(IReadOnlyList<decimal> ltv, int offset) => offset >= 0 && offset < ltv.Count ? M(ltv[offset]) : "-";

    private const string NoData = "No conversion with a touch in its lookback window in this range: import touchpoints and conversions with `mercato import`.";

    private static string M(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string P(double? value) => value?.ToString("P1", CultureInfo.InvariantCulture) ?? "-";

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
