using System.CommandLine;
using System.Globalization;
using Mercato.Core.AdMonitoring;

namespace Mercato.Features.Ads;

/// <summary><c>mercato ads pacing</c>: ad monitoring from the command line (docs/ads.md).</summary>
internal static class AdsCommand
{
    public static Command Create() => new("ads", "Ad monitoring: budget pacing of the campaigns in flight (docs/ads.md)") { PacingCommand(), AnomaliesCommand(), InvalidCommand(), ClaimsCommand(), HealthCommand() };

    private static (Option<string?> From, Option<string?> To) Window(string defaults) =>
        (new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (with --to; default: " + defaults + ")" },
         new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD" });

    private static Command InvalidCommand()
    {
        var by = new Option<string?>("--by") { Description = "channel (default), campaign or placement" };
        return WindowReport(
            "invalid", "Invalid traffic of the stored click log: the share of clicks each rule flags (GIVT, SIVT) and the money at risk (docs/ads.md)",
            Window("the 7 days ending on the last day with clicks; at most 31 days"), [by],
            (services, result, first, last, ct) => services.GetRequiredService<InvalidTrafficUseCases>().SummaryAsync(first, last, result.GetValue(by), ct),
            v =>
            {
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"{v.From:yyyy-MM-dd} to {v.To:yyyy-MM-dd}: {v.Clicks:N0} clicks, {v.Invalid:N0} flagged ({(v.Clicks == 0 ? 0 : (double)v.Invalid / v.Clicks):P1}); by {v.Level}; rules: docs/ads.md"));
                if (v.Rows.Count > 0)
                {
                    CliContext.WriteTable(
                        ["channel", v.Level == "channel" ? "" : v.Level, "clicks", "invalid", "share", "givt", "sivt", "rules", "spend", "paid", "at risk"],
                        v.Rows.Select(r => (IReadOnlyList<string>)[
                            r.Key.Channel, r.Key.Campaign ?? r.Key.Placement ?? "", Figures.Count(r.Clicks), Figures.Count(r.InvalidClicks), r.InvalidShare.ToString("P1", CultureInfo.InvariantCulture),
                            Figures.Count(r.GeneralInvalid), Figures.Count(r.SophisticatedInvalid), string.Join(" ", r.ByRule.Select(x => x.Key + "=" + Figures.Count(x.Value))),
                            r.Spend is { } sp ? Figures.Money(sp) : "-", EnumWords.Word(r.Pricing), r.MoneyAtRisk is { } m ? Figures.Money(m) : "-",
                        ]),
                        new HashSet<int> { 2, 3, 4, 5, 6, 8, 10 });
                }
            });
    }

    /// <summary>
    /// A report over a window of days: parses --from/--to (exit 2 when malformed), runs <paramref name="run"/> (its
    /// refusals exit 2 with their messages), then writes JSON with <c>--format json</c>, else <paramref name="table"/>.
    /// </summary>
    private static Command WindowReport<T>(
        string name, string description, (Option<string?> From, Option<string?> To) window, Option[] extra,
        Func<IServiceProvider, ParseResult, DateOnly?, DateOnly?, CancellationToken, Task<Outcome<T>>> run, Action<T> table)
        where T : class
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command(name, description) { window.From, window.To };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.Options.Add(format);
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(window.From), out var first) || !Periods.TryDay(result.GetValue(window.To), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var found = await run(services, result, first, last, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } report)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
            }
            else
            {
                table(report);
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command HealthCommand()
    {
        var channel = new Option<string?>("--channel") { Description = "Only this channel" };
        return WindowReport(
            "health", "Channel health per day: spend, CPC = spend ÷ clicks, CTR = clicks ÷ impressions, CVR = conversions ÷ clicks, invalid share = flagged ÷ logged clicks, delivery anomalies (docs/ads.md)",
            Window("the 30 days ending yesterday or on the last day with data; at most 92 days"), [channel],
            (services, result, first, last, ct) => services.GetRequiredService<ChannelHealthUseCases>().HealthAsync(first, last, result.GetValue(channel), ct),
            report =>
            {
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}: {report.Channels.Count} channel(s); {(report.ClickLog ? "invalid share from the click log" : "no click log in this window: invalid share absent")}; a dash is absent (a divisor of 0); docs/ads.md"));
                if (report.Channels.Count > 0)
                {
                    CliContext.WriteTable(
                        ["channel", "day", "spend", "clicks", "cpc", "ctr", "cvr", "invalid", "anomalies"],
                        report.Channels.SelectMany(c => c.Days.Select(d => (IReadOnlyList<string>)[
                            c.Channel, Figures.Day(d.Day), Figures.Money(d.Spend), Figures.Count(d.Clicks),
                            d.Cpc is { } cpc ? Figures.Money(cpc) : "-",
                            d.Ctr is { } ctr ? ctr.ToString("P2", CultureInfo.InvariantCulture) : "-",
                            d.Cvr is { } cvr ? cvr.ToString("P2", CultureInfo.InvariantCulture) : "-",
                            d.InvalidShare is { } share ? share.ToString("P1", CultureInfo.InvariantCulture) : "-",
                            string.Join(" ", d.Anomalies.Select(a => EnumWords.Word(a))),
                        ])),
                        new HashSet<int> { 2, 3, 4, 5, 6, 7 });
                }
            });
    }

    private static Command ClaimsCommand()
    {
        var (from, to) = Window("the 7 days ending on the last day with clicks; at most 31 days");
        var channel = new Option<string?>("--channel") { Description = "Only this channel's clicks" };
        var command = new Command("claims", "The claim list: every flagged click of the window with the rules that flagged it, as CSV on standard output")
        {
            from, to, channel,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var written = await services.GetRequiredService<InvalidTrafficUseCases>()
                .ClaimsAsync(first, last, result.GetValue(channel), Console.Out, cancellationToken).ConfigureAwait(false);
            return written.IsOk ? MercatoCli.Ok : CliContext.Fail(written);
        });
        return command;
    }

    private static Command AnomaliesCommand() =>
        WindowReport(
            "anomalies", "Anomalies of each channel's and campaign's daily delivery: spend, impressions, clicks (spike detector), CPM, CPC, CPA (price), CTR, CVR (judged with their counts)",
            Window("the 63 days ending yesterday or on the last day with data"), [],
            (services, _, first, last, ct) => services.GetRequiredService<AdUseCases>().AnomaliesAsync(first, last, ct),
            report =>
            {
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}: {report.Scopes.Count} channels and campaigns watched ({report.HourlyScopes.Count} hour by hour too), {report.Anomalies.Count} anomalies; docs/ads.md"));
                if (report.Anomalies.Count > 0)
                {
                    CliContext.WriteTable(
                        ["scope", "metric", "from", "to", "peak", "value", "expected", "score", "direction", "money"],
                        report.Anomalies.Select(a => (IReadOnlyList<string>)[
                            a.Scope, EnumWords.Word(a.Metric), Figures.When(a.Start, a.StartHour), Figures.When(a.End, a.EndHour), Figures.When(a.Peak, a.PeakHour), Figures.Number(a.Value), Figures.Number(a.Expected),
                            a.Score.ToString("F1", CultureInfo.InvariantCulture), EnumWords.Word(a.Direction), a.MoneyInvolved is { } m ? Figures.Money(m) : "-",
                        ]),
                        new HashSet<int> { 5, 6, 7, 9 });
                }
            });

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

            // Each campaign, then its channel lines (indented) when it has more than one.
            static IReadOnlyList<string> Row(string name, PacingPlan plan, PacingResult x, string status) =>
            [
                name, FormattableString.Invariant($"{plan.Start:yyyy-MM-dd}..{plan.End:yyyy-MM-dd}"), FormattableString.Invariant($"{x.ElapsedDays}/{x.FlightDays}"),
                Figures.Money(plan.Budget), Figures.Money(x.Actual), Figures.Money(x.Expected),
                x.PaceRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-",
                x.Projected is { } p ? Figures.Money(p) + (x.ProjectedLow is { } lo && x.ProjectedHigh is { } hi ? $" ({Figures.Money(lo)}–{Figures.Money(hi)})" : "") : "-",
                status,
            ];
            CliContext.WriteTable(
                ["campaign", "flight", "day", "budget", "spent", "expected", "pace", "projected (band)", "status"],
                report.Campaigns.SelectMany(c => c.Lines.Select(l => Row("  " + l.Channel, l.Plan, l.Result, EnumWords.Word(l.Result.Status))).Prepend(Row(
                    c.Id, c.Plan, c.Result,
                    EnumWords.Word(c.Result.Status) + (c.Live ? "" : " (ended)") + (c.DataFrom is { } f ? FormattableString.Invariant($" (data from {f:yyyy-MM-dd})") : "")))),
                new HashSet<int> { 3, 4, 5, 6, 7 });
            return MercatoCli.Ok;
        });
        return command;
    }

}
