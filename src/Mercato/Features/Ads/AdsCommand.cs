using System.CommandLine;
using System.Globalization;
using Mercato.Core.AdMonitoring;

namespace Mercato.Features.Ads;

/// <summary><c>mercato ads pacing</c>: ad monitoring from the command line (docs/ads.md).</summary>
internal static class AdsCommand
{
    public static Command Create() => new("ads", Words.W("ads.cli.description")) { PacingCommand(), AnomaliesCommand(), InvalidCommand(), ClaimsCommand(), HealthCommand() };

    private static (Option<string?> From, Option<string?> To) Window(string defaults) =>
        (new Option<string?>("--from") { Description = Words.W("ads.cli.from", ("defaults", defaults)) },
         new Option<string?>("--to") { Description = Words.W("ads.cli.to") });

    private static Command InvalidCommand()
    {
        var by = new Option<string?>("--by") { Description = Words.W("ads.cli.invalid.by") };
        return WindowReport(
            "invalid", Words.W("ads.cli.invalid.description"),
            Window(Words.W("ads.cli.invalid.window")), [by],
            (services, result, first, last, ct) => services.GetRequiredService<InvalidTrafficUseCases>().SummaryAsync(first, last, result.GetValue(by), ct),
            (result, format, v) =>
            {
                if (format == "table")
                {
                    Console.Out.WriteLine(Words.W(
                        "ads.cli.invalid.summary", ("from", Figures.Day(v.From)), ("to", Figures.Day(v.To)), ("clicks", Figures.Count(v.Clicks)), ("invalid", Figures.Count(v.Invalid)),
                        ("share", (v.Clicks == 0 ? 0 : (double)v.Invalid / v.Clicks).ToString("P1", CultureInfo.InvariantCulture)), ("level", AdWords.Level(v.Level))));
                    if (v.Rows.Count == 0)
                    {
                        return MercatoCli.Ok;
                    }
                }

                // By channel the second column (campaign or placement) would be empty: it is left out.
                var byChannel = v.Level == "channel";
                IReadOnlyList<string> Drop(IReadOnlyList<string> row) => byChannel ? [row[0], .. row.Skip(2)] : row;
                return CliContext.WriteShown(
                    result, format, "invalid-traffic",
                    Drop([
                        Words.W("ads.cli.col_channel"), AdWords.Level(v.Level), Words.W("ads.cli.invalid.col_clicks"), Words.W("ads.cli.invalid.col_invalid"),
                        Words.W("ads.cli.invalid.col_share"), "GIVT", "SIVT", Words.W("ads.cli.invalid.col_rules"), Words.W("ads.cli.col_spend", ("currency", Figures.Currency)),
                        Words.W("ads.cli.invalid.col_paid"), Words.W("ads.cli.invalid.col_at_risk", ("currency", Figures.Currency)),
                    ]),
                    v.Rows.Select(r => Drop([
                        r.Key.Channel, r.Key.Campaign ?? r.Key.Placement ?? "", Figures.Count(r.Clicks), Figures.Count(r.InvalidClicks), r.InvalidShare.ToString("P1", CultureInfo.InvariantCulture),
                        Figures.Count(r.GeneralInvalid), Figures.Count(r.SophisticatedInvalid), string.Join(" ", r.ByRule.Select(x => AdWords.Rule(x.Key) + "=" + Figures.Count(x.Value))),
                        r.Spend is { } sp ? Figures.Money(sp) : "-", AdWords.Of(r.Pricing), r.MoneyAtRisk is { } m ? Figures.Money(m) : "-",
                    ])),
                    byChannel ? new HashSet<int> { 1, 2, 3, 4, 5, 7, 9 } : new HashSet<int> { 2, 3, 4, 5, 6, 8, 10 });
            });
    }

    /// <summary>
    /// A report over a window of days: parses --from/--to (exit 2 when malformed), runs <paramref name="run"/> (its
    /// refusals exit 2 with their messages), then writes JSON with <c>--format json</c>, else <paramref name="table"/>
    /// (the table, or with <c>csv</c> and <c>xlsx</c> the table as a file).
    /// </summary>
    private static Command WindowReport<T>(
        string name, string description, (Option<string?> From, Option<string?> To) window, Option[] extra,
        Func<IServiceProvider, ParseResult, DateOnly?, DateOnly?, CancellationToken, Task<Outcome<T>>> run, Func<ParseResult, string, T, int> table)
        where T : class
    {
        var format = CliContext.TableFormatOption();
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

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            return table(result, shown, report);
        });
        return command;
    }

    private static Command HealthCommand()
    {
        var channel = new Option<string?>("--channel") { Description = Words.W("ads.cli.health.channel") };
        return WindowReport(
            "health", Words.W("ads.cli.health.description"),
            Window(Words.W("ads.cli.health.window")), [channel],
            (services, result, first, last, ct) => services.GetRequiredService<ChannelHealthUseCases>().HealthAsync(first, last, result.GetValue(channel), ct),
            (result, format, report) =>
            {
                if (format == "table")
                {
                    Console.Out.WriteLine(Words.W(
                        "ads.cli.health.summary", ("from", Figures.Day(report.From)), ("to", Figures.Day(report.To)), ("channels", (long)report.Channels.Count),
                        ("click_log", report.ClickLog ? "yes" : "no")));
                    if (report.Channels.Count == 0)
                    {
                        return MercatoCli.Ok;
                    }
                }

                // Shares keep the invariant percent (12.5 %) that scripts of the table read.
                return CliContext.WriteShown(
                    result, format, "channel-health",
                    [
                        Words.W("ads.cli.col_channel"), Words.W("ads.cli.health.col_day"), Words.W("ads.cli.col_spend", ("currency", Figures.Currency)), Words.W("ads.cli.invalid.col_clicks"),
                        Words.W("ads.cli.health.col_cpc", ("currency", Figures.Currency)), "CTR", "CVR", Words.W("ads.cli.health.col_invalid"), Words.W("ads.cli.health.col_anomalies"),
                    ],
                    report.Channels.SelectMany(c => c.Days.Select(d => (IReadOnlyList<string>)[
                        c.Channel, Figures.Day(d.Day), Figures.Money(d.Spend), Figures.Count(d.Clicks),
                        d.Cpc is { } cpc ? Figures.Money(cpc) : "-",
                        d.Ctr is { } ctr ? ctr.ToString("P2", CultureInfo.InvariantCulture) : "-",
                        d.Cvr is { } cvr ? cvr.ToString("P2", CultureInfo.InvariantCulture) : "-",
                        d.InvalidShare is { } share ? share.ToString("P1", CultureInfo.InvariantCulture) : "-",
                        string.Join(" ", d.Anomalies.Select(a => AdWords.Of(a))),
                    ])),
                    new HashSet<int> { 2, 3, 4, 5, 6, 7 });
            });
    }

    private static Command ClaimsCommand()
    {
        var (from, to) = Window(Words.W("ads.cli.invalid.window"));
        var channel = new Option<string?>("--channel") { Description = Words.W("ads.cli.claims.channel") };
        var command = new Command("claims", Words.W("ads.cli.claims.description"))
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
            "anomalies", Words.W("ads.cli.anomalies.description"),
            Window(Words.W("ads.cli.anomalies.window")), [],
            (services, _, first, last, ct) => services.GetRequiredService<AdUseCases>().AnomaliesAsync(first, last, ct),
            (result, format, report) =>
            {
                if (format == "table")
                {
                    Console.Out.WriteLine(Words.W(
                        "ads.cli.anomalies.summary", ("from", Figures.Day(report.From)), ("to", Figures.Day(report.To)), ("scopes", (long)report.Scopes.Count),
                        ("hourly", (long)report.HourlyScopes.Count), ("anomalies", (long)report.Anomalies.Count)));
                    if (report.Anomalies.Count == 0)
                    {
                        return MercatoCli.Ok;
                    }
                }

                return CliContext.WriteShown(
                    result, format, "delivery-anomalies",
                    [
                        Words.W("ads.cli.anomalies.col_scope"), Words.W("ads.cli.anomalies.col_metric"), Words.W("ads.cli.anomalies.col_from"), Words.W("ads.cli.anomalies.col_to"),
                        Words.W("ads.cli.anomalies.col_peak"), Words.W("ads.cli.anomalies.col_value"), Words.W("ads.cli.anomalies.col_expected"), Words.W("ads.cli.anomalies.col_score"),
                        Words.W("ads.cli.anomalies.col_direction"), Words.W("ads.cli.anomalies.col_money", ("currency", Figures.Currency)),
                    ],
                    report.Anomalies.Select(a => (IReadOnlyList<string>)[
                        AdWords.ScopeText(a.Scope), AdWords.Of(a.Metric), Figures.When(a.Start, a.StartHour), Figures.When(a.End, a.EndHour), Figures.When(a.Peak, a.PeakHour), Figures.Number(a.Value),
                        Figures.Number(a.Expected), a.Score.ToString("F1", CultureInfo.CurrentCulture), AdWords.Of(a.Direction), a.MoneyInvolved is { } m ? Figures.Money(m) : "-",
                    ]),
                    new HashSet<int> { 5, 6, 7, 9 });
            });

    private static Command PacingCommand()
    {
        var through = new Option<string?>("--through") { Description = Words.W("ads.cli.pacing.through") };
        var all = new Option<bool>("--all") { Description = Words.W("ads.cli.pacing.all") };
        var format = CliContext.TableFormatOption();
        var command = new Command("pacing", Words.W("ads.cli.pacing.description"))
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
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            var o = Console.Out;
            if (shown == "table")
            {
                o.WriteLine(Words.W(
                    "ads.cli.pacing.summary", ("through", Figures.Day(report.Through)), ("campaigns", (long)report.Campaigns.Count), ("tolerance", report.Options.Tolerance.ToString("P0", CultureInfo.InvariantCulture))));
                if (report.Campaigns.Count == 0)
                {
                    o.WriteLine(result.GetValue(all) ? Words.W("ads.cli.pacing.none_started") : Words.W("ads.cli.pacing.none_in_flight"));
                    return MercatoCli.Ok;
                }
            }

            // Each campaign, then its channel lines (indented) when it has more than one.
            static IReadOnlyList<string> Row(string name, PacingPlan plan, PacingResult x, string status) =>
            [
                name, FormattableString.Invariant($"{plan.Start:yyyy-MM-dd}..{plan.End:yyyy-MM-dd}"), FormattableString.Invariant($"{x.ElapsedDays}/{x.FlightDays}"),
                Figures.Money(plan.Budget), Figures.Money(x.Actual), Figures.Money(x.Expected),
                x.PaceRatio is { } r ? r.ToString("0.00", CultureInfo.CurrentCulture) : "-",
                x.Projected is { } p ? Figures.Money(p) + (x.ProjectedLow is { } lo && x.ProjectedHigh is { } hi ? $" ({Figures.Money(lo)}–{Figures.Money(hi)})" : "") : "-",
                status,
            ];
            var currency = ("currency", (object?)Figures.Currency);
            return CliContext.WriteShown(
                result, shown, "pacing",
                [
                    Words.W("ads.cli.pacing.col_campaign"), Words.W("ads.cli.pacing.col_flight"), Words.W("ads.cli.pacing.col_day"), Words.W("ads.cli.pacing.col_budget", currency),
                    Words.W("ads.cli.pacing.col_spent", currency), Words.W("ads.cli.pacing.col_expected", currency), Words.W("ads.cli.pacing.col_pace"),
                    Words.W("ads.cli.pacing.col_projected", currency), Words.W("ads.cli.pacing.col_status"),
                ],
                report.Campaigns.SelectMany(c => c.Lines.Select(l => Row((shown == "table" ? "  " : "") + l.Channel, l.Plan, l.Result, AdWords.Of(l.Result.Status))).Prepend(Row(
                    c.Id, c.Plan, c.Result,
                    AdWords.Of(c.Result.Status) + (c.Live ? "" : Words.W("ads.pacing.ended")) + (c.DataFrom is { } f ? Words.W("ads.cli.pacing.data_from", ("day", Figures.Day(f))) : "")))),
                new HashSet<int> { 3, 4, 5, 6, 7 });
        });
        return command;
    }
}
