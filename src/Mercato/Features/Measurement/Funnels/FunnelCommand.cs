using System.CommandLine;
using Mercato.Core.Measurement.Funnels;

namespace Mercato.Features.Measurement.Funnels;

/// <summary><c>mercato report funnel</c>: a funnel of activity events as a table, JSON, CSV or Excel.</summary>
internal static class FunnelCommand
{
    public static Command Create()
    {
        var steps = new Option<string>("--steps") { Description = Words.W("funnels.cli.opt_steps"), Required = true };
        var within = new Option<int>("--within") { Description = Words.W("funnels.cli.opt_within"), DefaultValueFactory = _ => FunnelDefinition.DefaultWithinDays };
        var from = new Option<string?>("--from") { Description = Words.W("funnels.cli.opt_from") };
        var to = new Option<string?>("--to") { Description = Words.W("funnels.cli.opt_to") };
        var by = new Option<string>("--by") { Description = Words.W("funnels.cli.opt_by"), DefaultValueFactory = _ => EnumWords.Word(FunnelSplit.None) };
        by.AcceptOnlyFromAmong([.. FunnelRequest.Splits]);
        var order = new Option<string>("--order") { Description = Words.W("funnels.cli.opt_order"), DefaultValueFactory = _ => EnumWords.Word(FunnelOrder.Strict) };
        order.AcceptOnlyFromAmong([.. FunnelRequest.Orders]);
        var format = CliContext.TableFormatOption();
        var command = new Command("funnel", Words.W("funnels.cli.description")) { steps, within, from, to, by, order, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var fromDay) || !Periods.TryDay(result.GetValue(to), out var toDay))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            EnumWords.TryParse<FunnelSplit>(result.GetValue(by), out var split);
            EnumWords.TryParse<FunnelOrder>(result.GetValue(order), out var parsedOrder);
            var outcome = await services.GetRequiredService<FunnelUseCases>().FunnelAsync(
                new FunnelRequest(FunnelDefinition.SplitList(result.GetValue(steps)), parsedOrder, result.GetValue(within), fromDay, toDay, split), cancellationToken);
            if (outcome.Value is not { } report)
            {
                return CliContext.Fail(outcome);
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W("funnels.cli.summary",
                    ("steps", FunnelText.Steps(report.Steps)), ("order", EnumWords.Word(report.Order)), ("days", report.WithinDays),
                    ("from", report.From), ("to", report.To), ("zone", report.TimeZone), ("entered", Figures.Count(report.Total.Entered)),
                    ("conversion", FunnelText.Rate(report.Total.Conversion))));
                if (report.Total.Entered == 0)
                {
                    Console.Out.WriteLine(Words.W("funnels.cli.nobody"));
                }
            }

            return CliContext.WriteShown(result, shown, "funnel", FunnelText.Header(report.By), FunnelText.Rows(report), FunnelText.RightAligned(report.By));
        });
        return command;
    }
}
