using System.CommandLine;
using Mercato.Features.Alerts;

namespace Mercato.Features.Settings;

/// <summary><c>mercato config</c>: the workspace settings.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var zone = new Argument<string?>("zone") { Description = Words.W("settings.cli.zone"), Arity = ArgumentArity.ZeroOrOne };
        var timeZone = new Command("time-zone", Words.W("settings.cli.time_zone")) { zone };
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

            await Console.Out.WriteLineAsync(Words.W("settings.cli.time_zone_set", ("zone", changed.Id)));
            return MercatoCli.Ok;
        });
        return new Command("config", Words.W("settings.cli.description")) { timeZone, Language(), Currency(), ClickIps(), BuyingModels(), AlertsCommand.Config() };
    }

    /// <summary><c>mercato config click-ips [keep|truncate]</c>: show or set whether click IPs are truncated on import.</summary>
    private static Command ClickIps()
    {
        var mode = new Argument<string?>("mode")
        {
            Description = Words.W("settings.cli.click_ips_mode"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        mode.AcceptOnlyFromAmong("keep", "truncate");
        var command = new Command("click-ips", Words.W("settings.cli.click_ips")) { mode };
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

            await Console.Out.WriteLineAsync(Words.W("settings.cli.click_ips_set", ("mode", Word(set.Value))));
            return MercatoCli.Ok;
        });
        return command;
    }

    /// <summary><c>mercato config buying-model [CHANNEL cpc|cpm|cpi|default]</c>: list or set how channels are paid.</summary>
    private static Command BuyingModels()
    {
        var channel = new Argument<string?>("channel") { Description = Words.W("settings.cli.channel"), Arity = ArgumentArity.ZeroOrOne };
        var model = new Argument<string?>("model")
        {
            Description = Words.W("settings.cli.buying_model_model"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        model.AcceptOnlyFromAmong("cpc", "cpm", "cpi", "default");
        var command = new Command("buying-model", Words.W("settings.cli.buying_model")) { channel, model };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var settings = services.GetRequiredService<SettingsUseCases>();
            if (result.GetValue(channel) is not { } name)
            {
                var models = await settings.BuyingModelsAsync(cancellationToken);
                await Console.Out.WriteLineAsync(models.Count == 0
                    ? Words.W("settings.cli.every_channel_cpc")
                    : string.Join(Environment.NewLine, models.Select(m => Words.W("settings.cli.channel_model", ("channel", m.Key), ("model", EnumWords.Word(m.Value)))).Append(Words.W("settings.cli.other_channels_cpc"))));
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

            await Console.Out.WriteLineAsync(Words.W("settings.cli.channel_model", ("channel", name.Trim().ToLowerInvariant()), ("model", word == "default" ? Words.W("settings.cli.cpc_default") : word)));
            return MercatoCli.Ok;
        });
        return command;
    }

    /// <summary><c>mercato config language [en|zh-CN|default]</c>: show or set the workspace's language.</summary>
    private static Command Language()
    {
        var language = new Argument<string?>("language") { Description = Words.W("settings.cli.language_value"), Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("language", Words.W("settings.cli.language")) { language };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var settings = services.GetRequiredService<SettingsUseCases>();
            if (result.GetValue(language) is not { } asked)
            {
                await Console.Out.WriteLineAsync(await settings.LanguageAsync(cancellationToken));
                return MercatoCli.Ok;
            }

            var set = await settings.SetLanguageAsync(IsDefault(asked) ? null : asked, cancellationToken);
            if (set.Value is not { } chosen)
            {
                return CliContext.Fail(set);
            }

            await Console.Out.WriteLineAsync(Words.W("settings.cli.language_set", ("language", chosen), ("default", IsDefault(asked) ? "yes" : "no")));
            return MercatoCli.Ok;
        });
        return command;
    }

    /// <summary><c>mercato config currency [CODE|default]</c>: show or set the ISO 4217 currency money is shown in.</summary>
    private static Command Currency()
    {
        var currency = new Argument<string?>("currency") { Description = Words.W("settings.cli.currency_value"), Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("currency", Words.W("settings.cli.currency")) { currency };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var settings = services.GetRequiredService<SettingsUseCases>();
            if (result.GetValue(currency) is not { } asked)
            {
                await Console.Out.WriteLineAsync(await settings.CurrencyAsync(cancellationToken));
                return MercatoCli.Ok;
            }

            var set = await settings.SetCurrencyAsync(IsDefault(asked) ? null : asked, cancellationToken);
            if (set.Value is not { } chosen)
            {
                return CliContext.Fail(set);
            }

            await Console.Out.WriteLineAsync(Words.W("settings.cli.currency_set", ("currency", chosen), ("default", IsDefault(asked) ? "yes" : "no")));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static bool IsDefault(string word) => string.Equals(word.Trim(), "default", StringComparison.OrdinalIgnoreCase);

    private static string Word(bool truncate) => truncate ? "truncate" : "keep";
}
