using System.CommandLine;
using Mercato.Features.Alerts;

namespace Mercato.Features.Settings;

/// <summary><c>mercato config</c>: the workspace settings.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var zone = new Argument<string?>("zone") { Description = "An IANA time zone, e.g. Asia/Shanghai", Arity = ArgumentArity.ZeroOrOne };
        var timeZone = new Command("time-zone", "Show or set the workspace time zone (a date without a time means midnight there)") { zone };
        timeZone.SetAction(async (result, services, cancellationToken) =>
        {
            var settings = services.GetRequiredService<SettingsUseCases>();
            if (result.GetValue(zone) is not { } id)
            {
                await Console.Out.WriteLineAsync((await settings.ZoneAsync(cancellationToken)).Id);
                return MercatoCli.Ok;
            }

            var set = await settings.SetTimeZoneAsync(id, cancellationToken);
            if (set.Value is not { } changed)
            {
                return CliContext.Fail(set);
            }

            await Console.Out.WriteLineAsync($"workspace time zone: {changed.Id}");
            return MercatoCli.Ok;
        });
        return new Command("config", "Workspace settings") { timeZone, ClickIps(), AlertsCommand.Config() };
    }

    /// <summary><c>mercato config click-ips [keep|truncate]</c>: show or set whether click IPs are truncated on import.</summary>
    private static Command ClickIps()
    {
        var mode = new Argument<string?>("mode")
        {
            Description = "keep: store click IPs as given (the default); truncate: IPv4 to /24, IPv6 to /48 as clicks are imported",
            Arity = ArgumentArity.ZeroOrOne,
        };
        mode.AcceptOnlyFromAmong("keep", "truncate");
        var command = new Command("click-ips", "Show or set whether click IPs are truncated for privacy as clicks are imported") { mode };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var settings = services.GetRequiredService<SettingsUseCases>();
            if (result.GetValue(mode) is not { } word)
            {
                await Console.Out.WriteLineAsync(Word(await settings.TruncateClickIpsAsync(cancellationToken)));
                return MercatoCli.Ok;
            }

            var set = await settings.SetTruncateClickIpsAsync(string.Equals(word, "truncate", StringComparison.Ordinal), cancellationToken);
            if (set.Kind != OutcomeKind.Ok)
            {
                return CliContext.Fail(set);
            }

            await Console.Out.WriteLineAsync($"click IPs: {Word(set.Value)}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Word(bool truncate) => truncate ? "truncate" : "keep";
}
