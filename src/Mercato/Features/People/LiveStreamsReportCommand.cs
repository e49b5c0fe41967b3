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
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (default: all sessions)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("livestreams", "Live-stream sessions: GMV per viewer-hour, order conversion, follower gain, and hosts side by side") { from, to, format };
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
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { sessions, hosts });
                return MercatoCli.Ok;
            }

            if (sessions.Count == 0)
            {
                Console.Out.WriteLine("No live-stream sessions in this range: import them with `mercato import livestreams FILE`.");
                return MercatoCli.Ok;
            }

            static string N(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
            Console.Out.WriteLine("Hosts (viewer-hours = viewers x session hours; docs/campaigns.md)");
            CliContext.WriteTable(
                ["rank", "host", "kind", "sessions", "hours", "viewers", "orders", "gmv", "gmv/viewer-hour", "order conv.", "follower gain"],
                hosts.Select(h => (IReadOnlyList<string>)[
                    h.Rank.ToString(CultureInfo.InvariantCulture), h.Name, h.HostKind.ToString().ToLowerInvariant(),
                    h.Sessions.ToString(CultureInfo.InvariantCulture), N(h.Hours, "N1"), h.Viewers.ToString("N0", CultureInfo.InvariantCulture),
                    h.Orders.ToString("N0", CultureInfo.InvariantCulture), h.Gmv.ToString("N2", CultureInfo.InvariantCulture),
                    N(h.GmvPerViewerHour, "N2"), N(h.OrderConversion, "P2"), N(h.FollowerGain, "P2")]),
                new HashSet<int> { 0, 3, 4, 5, 6, 7, 8, 9, 10 });
            return MercatoCli.Ok;
        });
        return command;
    }
}
