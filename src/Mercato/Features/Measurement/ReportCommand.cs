using System.CommandLine;
using System.Globalization;
using System.Text;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Organization;
using Mercato.Features.People;

namespace Mercato.Features.Measurement;

/// <summary><c>mercato report attribution|roi|cohorts|lift</c>: the measurement reports, as tables, JSON, CSV or Excel.</summary>
internal static class ReportCommand
{
    public static Command Create() => new("report", Words.W("measurement.report.description")) { Attribution(), Roi(), Cohorts(), Lift(), KpisReportCommand.Create(), LiveStreamsReportCommand.Create(), Funnels.FunnelCommand.Create() };

    private static Option<string> ModelOption(string fallback) => new Option<string>("--model")
    {
        Description = Words.W("measurement.report.option_model"),
        DefaultValueFactory = _ => fallback,
    };

    private static Command Attribution()
    {
        var model = ModelOption("markov");
        var order = new Option<int>("--order") { Description = Words.W("measurement.report.option_order"), DefaultValueFactory = _ => 1 };
        var from = new Option<string?>("--from") { Description = Words.W("measurement.report.option_from_day") };
        var to = new Option<string?>("--to") { Description = Words.W("measurement.report.option_to_day") };
        var by = new Option<string>("--by") { Description = Words.W("measurement.report.option_by"), DefaultValueFactory = _ => "channel" };
        by.AcceptOnlyFromAmong("channel", "campaign");
        var lookback = new Option<int>("--lookback-days") { Description = Words.W("measurement.report.option_lookback"), DefaultValueFactory = _ => 30 };
        var halfLife = new Option<double>("--half-life-days") { Description = Words.W("measurement.report.option_half_life"), DefaultValueFactory = _ => 7 };
        var format = CliContext.TableFormatOption();
        var invalid = IncludeInvalidClicksOption();
        var command = new Command("attribution", Words.W("measurement.report.attribution.description"))
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

            var shown = result.GetValue(format)!;
            switch (shown)
            {
                case "json":
                    CliContext.WriteJson(report.Shape());
                    return MercatoCli.Ok;
                case "csv":
                    var csv = new StringBuilder(report.By).Append(",conversions,revenue\n");
                    foreach (var c in report.Credits)
                    {
                        csv.Append(Csv(c.Label)).Append(',').Append(R(c.Conversions)).Append(',').Append(R(c.Revenue)).Append('\n');
                    }

                    return CliContext.WriteMachineCsv(result, csv.ToString(), report.Credits.Count);
            }

            if (shown == "table")
            {
                if (report.TotalConversions == 0)
                {
                    Console.Out.WriteLine(Words.W("measurement.report.attribution.no_data"));
                }

                Console.Out.WriteLine(Words.W(
                    "measurement.report.attribution.summary",
                    ("model", MeasurementWords.Model(report.Model)),
                    ("order", report.Order is { } o ? (long)o : null),
                    ("by", report.By),
                    ("conversions", report.TotalConversions),
                    ("revenue", report.TotalRevenue),
                    ("currency", Figures.Currency),
                    ("lookback", (long)report.LookbackDays)));
            }

            var exit = CliContext.WriteShown(
                result,
                shown,
                "attribution",
                [Words.W("measurement.report.col_by", ("by", report.By)), Words.W("measurement.report.col_conversions"), Words.W("measurement.report.col_share"),
                    Words.W("measurement.report.col_revenue", ("currency", Figures.Currency))],
                report.Credits.OrderByDescending(c => c.Conversions).Select(c => (IReadOnlyList<string>)[
                    c.Label,
                    c.Conversions.ToString("N2", CultureInfo.CurrentCulture),
                    report.TotalConversions == 0 ? "-" : Figures.Percent(c.Conversions / report.TotalConversions),
                    Figures.Money((decimal)c.Revenue)]),
                new HashSet<int> { 1, 2, 3 });
            if (shown == "table")
            {
                if (report.ConversionsWithoutTouches > 0)
                {
                    Console.Out.WriteLine(Words.W(
                        "measurement.report.attribution.without_touches",
                        ("count", report.ConversionsWithoutTouches),
                        ("revenue", report.RevenueWithoutTouches),
                        ("currency", Figures.Currency)));
                }

                WriteNote(report.InvalidClicks);
            }

            return exit;
        });
        return command;
    }

    private static Option<bool> IncludeInvalidClicksOption() => new("--include-invalid-clicks")
    {
        Description = Words.W("measurement.report.option_include_invalid"),
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
        var month = new Option<string?>("--month") { Description = Words.W("measurement.report.option_month") };
        var from = new Option<string?>("--from") { Description = Words.W("measurement.report.option_from_month") };
        var to = new Option<string?>("--to") { Description = Words.W("measurement.report.option_to_month") };
        var model = ModelOption(AttributionModels.Name(MeasurementUseCases.DefaultRoiModel));
        var format = CliContext.TableFormatOption();
        var invalid = IncludeInvalidClicksOption();
        var command = new Command("roi", Words.W("measurement.report.roi.description"))
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

            var shown = result.GetValue(format)!;
            switch (shown)
            {
                case "json":
                    CliContext.WriteJson(report);
                    return MercatoCli.Ok;
                case "csv":
                    var csv = new StringBuilder("channel,month,spend,conversions,revenue,productCost,grossProfit,allocatedCosts,netReturn,roi,roas,cpa\n");
                    foreach (var r in report.Channels)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $"{Csv(r.Channel)},{r.Month},{r.Spend},{R(r.Conversions)},{r.Revenue},{r.ProductCost},{r.GrossProfit},{r.AllocatedCosts},{r.NetReturn},{R(r.Roi)},{R(r.Roas)},{r.Cpa}\n");
                    }

                    return CliContext.WriteMachineCsv(result, csv.ToString(), report.Channels.Count);
            }

            if (shown == "table")
            {
                if (report.Channels.Count == 0)
                {
                    Console.Out.WriteLine(Words.W("measurement.report.roi.no_data"));
                }

                Console.Out.WriteLine(Words.W("measurement.report.roi.summary", ("from", report.From), ("to", report.To), ("model", MeasurementWords.Model(report.Model)))
                    + " " + MeasurementWords.AllocationRule);
            }

            var currency = Figures.Currency;
            var exit = CliContext.WriteShown(
                result,
                shown,
                "roi",
                [
                    Words.W("measurement.report.col_month"), Words.W("measurement.report.col_channel"), Words.W("measurement.report.col_spend", ("currency", currency)),
                    Words.W("measurement.report.col_conv"), Words.W("measurement.report.col_revenue", ("currency", currency)),
                    Words.W("measurement.report.col_gross_profit", ("currency", currency)), Words.W("measurement.report.col_costs", ("currency", currency)),
                    Words.W("measurement.report.col_net_return", ("currency", currency)), "ROI", "ROAS", Words.W("measurement.report.col_cpa", ("currency", currency)),
                ],
                report.Channels.Select(r => (IReadOnlyList<string>)[
                    r.Month.ToString(), r.Channel, Figures.Money(r.Spend), r.Conversions.ToString("N1", CultureInfo.CurrentCulture), Figures.Money(r.Revenue),
                    Figures.Money(r.GrossProfit), Figures.Money(r.AllocatedCosts), Figures.Money(r.NetReturn), P(r.Roi), r.Roas?.ToString("N2", CultureInfo.CurrentCulture) ?? "-",
                    r.Cpa is { } cpa ? Figures.Money(cpa) : "-"]),
                new HashSet<int> { 2, 3, 4, 5, 6, 7, 8, 9, 10 });
            if (shown == "table")
            {
                WriteNote(report.InvalidClicks);
            }

            return exit;
        });
        return command;
    }

    private static Command Cohorts()
    {
        var model = ModelOption(AttributionModels.Name(MeasurementUseCases.DefaultRoiModel));
        var format = CliContext.TableFormatOption();
        var command = new Command("cohorts", Words.W("measurement.report.cohorts.description")) { model, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!AttributionModels.TryParse(result.GetValue(model), out var parsed))
            {
                return CliContext.UnknownModel(result.GetValue(model), AttributionModels.All.Select(AttributionModels.Name));
            }

            var report = await services.GetRequiredService<MeasurementUseCases>().CohortsAsync(cancellationToken, parsed);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                if (report.Cohorts.Count == 0)
                {
                    Console.Out.WriteLine(Words.W("measurement.report.cohorts.no_data"));
                }

                Console.Out.WriteLine(Words.W("measurement.report.cohorts.summary", ("month", report.LastMonth), ("model", MeasurementWords.Model(report.Model)))
                    + " " + MeasurementWords.AcquisitionCostRule);
            }

            var currency = Figures.Currency;
            var exit = CliContext.WriteShown(
                result,
                shown,
                "cohorts",
                [
                    Words.W("measurement.report.col_cohort"), Words.W("measurement.report.col_channel"), Words.W("measurement.report.col_users"),
                    Words.W("measurement.report.col_cac", ("currency", currency)), Words.W("measurement.report.col_ltv", ("month", "m0"), ("currency", currency)),
                    Words.W("measurement.report.col_ltv", ("month", "m3"), ("currency", currency)), Words.W("measurement.report.col_ltv", ("month", "m6"), ("currency", currency)),
                    Words.W("measurement.report.col_ltv_last", ("currency", currency)), Words.W("measurement.report.col_payback"),
                ],
                report.Cohorts.Select(c => (IReadOnlyList<string>)[
                    c.CohortMonth.ToString(), c.Channel, Figures.Count(c.Users), Figures.Money(c.CacPerUser),
                    Ltv(c.LtvPerUser, 0), Ltv(c.LtvPerUser, 3), Ltv(c.LtvPerUser, 6), Ltv(c.LtvPerUser, c.LtvPerUser.Count - 1),
                    c.PaybackOffset is { } p ? Words.W("measurement.report.cohorts.payback", ("month", (long)p))
                        : c.ProjectedPaybackOffset is { } q ? Words.W("measurement.report.cohorts.payback_projected", ("month", (long)q))
                        : Words.W("measurement.cohorts.payback_none")]),
                new HashSet<int> { 2, 3, 4, 5, 6, 7 });
            if (shown == "table")
            {
                Console.Out.WriteLine();
                foreach (var g in report.Guidance)
                {
                    var level = MeasurementWords.Term("measurement", "guidance_level", g.Level.ToString().ToLowerInvariant());
                    Console.Out.WriteLine($"{g.Channel,-18} {level,-6} {Messages.Text(g.Reason)}");
                }
            }

            return exit;
        });
        return command;
    }

    private static Command Lift()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("lift", Words.W("measurement.report.lift.description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var lift = await services.GetRequiredService<MeasurementUseCases>().LiftAsync(cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(lift);
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                if (lift.Labels.Count == 0)
                {
                    Console.Out.WriteLine(Words.W("measurement.report.lift.no_data"));
                }

                Console.Out.WriteLine(Words.W(
                    "measurement.report.lift.summary",
                    ("base", lift.BaseProbability),
                    ("returning", lift.ReturningCustomerProbability),
                    ("iterations", (long)lift.Iterations),
                    ("converged", lift.Converged ? "yes" : "no")));
            }

            return CliContext.WriteShown(
                result,
                shown,
                "lift",
                [Words.W("measurement.report.col_channel"), Words.W("measurement.report.col_lift_per_touch"), Words.W("measurement.report.col_incremental_conv"),
                    Words.W("measurement.report.col_incremental_revenue", ("currency", Figures.Currency))],
                lift.Labels.OrderByDescending(l => l.IncrementalConversions).Select(l => (IReadOnlyList<string>)[
                    l.Label, Figures.Percent(l.Probability, 2),
                    l.IncrementalConversions.ToString("N1", CultureInfo.CurrentCulture), Figures.Money((decimal)l.IncrementalRevenue)]),
                new HashSet<int> { 1, 2, 3 });
        });
        return command;
    }

    private static string Ltv(IReadOnlyList<decimal> ltv, int offset) => offset >= 0 && offset < ltv.Count ? Figures.Money(ltv[offset]) : "-";

    private static string P(double? value) => value is null ? "-" : Figures.Percent(value);

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
