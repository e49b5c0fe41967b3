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
        return new Command("config", "Workspace settings") { timeZone, AlertsCommand.Config() };
    }
}
