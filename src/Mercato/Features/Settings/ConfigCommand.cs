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
        return new Command("config", "Workspace settings") { timeZone, ClickIps(), BuyingModels(), AlertsCommand.Config() };
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

    /// <summary><c>mercato config buying-model [CHANNEL cpc|cpm|cpi|default]</c>: list or set how channels are paid.</summary>
    private static Command BuyingModels()
    {
        var channel = new Argument<string?>("channel") { Description = "The channel", Arity = ArgumentArity.ZeroOrOne };
        var model = new Argument<string?>("model")
        {
            Description = "cpc (per click, the default), cpm (per thousand impressions), cpi (per install), or default to remove the channel's setting",
            Arity = ArgumentArity.ZeroOrOne,
        };
        model.AcceptOnlyFromAmong("cpc", "cpm", "cpi", "default");
        var command = new Command("buying-model", "List or set how each channel is paid: it decides the money invalid traffic puts at risk (docs/ads.md)") { channel, model };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var settings = services.GetRequiredService<SettingsUseCases>();
            if (result.GetValue(channel) is not { } name)
            {
                var models = await settings.BuyingModelsAsync(cancellationToken);
                await Console.Out.WriteLineAsync(models.Count == 0
                    ? "every channel: cpc (the default)"
                    : string.Join(Environment.NewLine, models.Select(m => m.Key + ": " + EnumWords.Word(m.Value)).Append("other channels: cpc (the default)")));
                return MercatoCli.Ok;
            }

            if (result.GetValue(model) is not { } word)
            {
                return CliContext.Invalid(SettingsCodes.BuyingModelRequired);
            }

            var set = await settings.SetBuyingModelAsync(
                name, word == "default" ? null : word switch { "cpm" => Core.AdMonitoring.BuyingModel.Cpm, "cpi" => Core.AdMonitoring.BuyingModel.Cpi, _ => Core.AdMonitoring.BuyingModel.Cpc },
                cancellationToken);
            if (set.Kind != OutcomeKind.Ok)
            {
                return CliContext.Fail(set);
            }

            await Console.Out.WriteLineAsync($"{name.Trim().ToLowerInvariant()}: {(word == "default" ? "cpc (the default)" : word)}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Word(bool truncate) => truncate ? "truncate" : "keep";
}
