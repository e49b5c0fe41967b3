using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.People;

/// <summary>
/// <c>mercato report livestreams</c>: per-session figures and the host leaderboard (docs/campaigns.md, Live streams), through
/// <see cref="PeopleUseCases.LiveStreamsAsync"/>.
/// </summary>
internal static class LiveStreamsReportCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = Words.W("people.cli.streams_from") };
        var to = new Option<string?>("--to") { Description = Words.W("people.cli.streams_to") };
        var format = CliContext.TableFormatOption();
        var command = new Command("livestreams", Words.W("people.cli.streams")) { from, to, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!Periods.TryDay(result.GetValue(from), out var first) || !Periods.TryDay(result.GetValue(to), out var last))
            {
                return CliContext.Invalid(Periods.DaysMalformedMessage);
            }

            var found = await services.GetRequiredService<PeopleUseCases>().LiveStreamsAsync(first, last, cancellationToken);
            if (found.Value is not { } report)
            {
                return CliContext.Fail(found);
            }

            var sessions = report.Sessions.Select(s => s.Metrics).ToList();
            var hosts = report.Hosts;
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { sessions, hosts });
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                if (sessions.Count == 0)
                {
                    Console.Out.WriteLine(Words.W("people.cli.streams_empty"));
                    return MercatoCli.Ok;
                }

                Console.Out.WriteLine(Words.W("people.cli.streams_title"));
            }

            static string N(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "-";
            static string P(double? value) => value is { } v ? Figures.Percent(v, 2) : "-";
            return CliContext.WriteShown(result, shown, "livestream-hosts",
                [Words.W("people.cli.col_rank"), Words.W("people.cli.col_host"), Words.W("people.cli.col_kind"), Words.W("people.cli.col_sessions"),
                    Words.W("people.cli.col_hours"), Words.W("people.cli.col_viewers"), Words.W("people.cli.col_orders"), Words.W("people.cli.col_gmv", ("currency", Figures.Currency)),
                    Words.W("people.cli.col_gmv_per_viewer_hour"), Words.W("people.cli.col_order_conversion"), Words.W("people.cli.col_follower_gain")],
                hosts.Select(h => (IReadOnlyList<string>)[
                    h.Rank.ToString(CultureInfo.CurrentCulture), h.Name, StaffView.Word(h.HostKind),
                    h.Sessions.ToString(CultureInfo.CurrentCulture), N(h.Hours, "N1"), Figures.Count(h.Viewers),
                    Figures.Count(h.Orders), Figures.Money(h.Gmv),
                    N(h.GmvPerViewerHour, "N2"), P(h.OrderConversion), P(h.FollowerGain)]),
                new HashSet<int> { 0, 3, 4, 5, 6, 7, 8, 9, 10 });
        });
        return command;
    }
}
