using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.Ads;

/// <summary><c>mercato ads pacing</c>: ad monitoring from the command line (docs/ads.md).</summary>
internal static class AdsCommand
{
    public static Command Create() => new("ads", "Ad monitoring: budget pacing of the campaigns in flight (docs/ads.md)") { PacingCommand(), AnomaliesCommand() };

    private static Command AnomaliesCommand()
    {
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (with --to; default: the 63 days ending yesterday or on the last day with data)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("anomalies", "Anomalies of each channel's and campaign's daily delivery: spend, impressions, clicks (spike detector), CPM, CPC, CPA (price), CTR, CVR (judged with their counts)")
        {
            from, to, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var found = await services.GetRequiredService<AdUseCases>().AnomaliesAsync(first, last, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } report)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(FormattableString.Invariant(
                $"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}: {report.Scopes.Count} channels and campaigns watched, {report.Anomalies.Count} anomalies; docs/ads.md"));
            if (report.Anomalies.Count > 0)
            {
                CliContext.WriteTable(
                    ["scope", "metric", "from", "to", "peak", "value", "expected", "score", "direction", "money"],
                    report.Anomalies.Select(a => (IReadOnlyList<string>)[
                        a.Scope, EnumWords.Word(a.Metric), Day(a.Start), Day(a.End), Day(a.Peak), Number(a.Value), Number(a.Expected),
                        a.Score.ToString("F1", CultureInfo.InvariantCulture), EnumWords.Word(a.Direction), a.MoneyInvolved is { } m ? Money(m) : "-",
                    ]),
                    new HashSet<int> { 5, 6, 7, 9 });
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value) => Math.Abs(value) < 1 ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static Command PacingCommand()
    {
        var through = new Option<string?>("--through") { Description = "Count spend through this day, YYYY-MM-DD (default: yesterday, or the last day with data when earlier)" };
        var all = new Option<bool>("--all") { Description = "Every campaign with a media budget that has started, not only those in flight" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("pacing", "Spend to date against the media budget pro rata to the flight (weekday-shaped), the projection with its band, over/under beyond ±15%")
        {
            through, all, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(through), out var day))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var report = await services.GetRequiredService<AdUseCases>().PacingAsync(day, result.GetValue(all), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            var o = Console.Out;
            o.WriteLine(FormattableString.Invariant(
                $"Pacing through {report.Through:yyyy-MM-dd}: {report.Campaigns.Count} campaign(s); tolerance ±{report.Options.Tolerance:P0}; formulas: docs/ads.md"));
            if (report.Campaigns.Count == 0)
            {
                o.WriteLine(result.GetValue(all)
                    ? "No campaign with a media budget (channel budget lines) and codes has started by then."
                    : "No campaign with a media budget is in flight that day; --all shows the others.");
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["campaign", "flight", "day", "budget", "spent", "expected", "pace", "projected (band)", "status"],
                report.Campaigns.Select(c => (IReadOnlyList<string>)[
                    c.Id, FormattableString.Invariant($"{c.Plan.Start:yyyy-MM-dd}..{c.Plan.End:yyyy-MM-dd}"),
                    FormattableString.Invariant($"{c.Result.ElapsedDays}/{c.Result.FlightDays}"),
                    Money(c.Plan.Budget), Money(c.Result.Actual), Money(c.Result.Expected),
                    c.Result.PaceRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-",
                    c.Result.Projected is { } p ? Money(p) + (c.Result.ProjectedLow is { } lo && c.Result.ProjectedHigh is { } hi ? $" ({Money(lo)}–{Money(hi)})" : "") : "-",
                    EnumWords.Word(c.Result.Status) + (c.Live ? "" : " (ended)") + (c.DataFrom is { } f ? FormattableString.Invariant($" (data from {f:yyyy-MM-dd})") : ""),
                ]),
                new HashSet<int> { 3, 4, 5, 6, 7 });
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
