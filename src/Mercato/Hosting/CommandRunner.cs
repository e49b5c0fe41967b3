using System.CommandLine;
using Mercato.Features.Settings;
using Mercato.Storage;

namespace Mercato.Hosting;

/// <summary>
/// Runs a command with the same services the server builds (<see cref="MercatoServices.AddMercatoCore"/>): the options
/// from appsettings.json, the environment and the command line, the store they name, the OS user as the acting person.
/// A store that cannot be used is one clear line on stderr and exit 1, never a stack trace.
/// </summary>
public static class CommandRunner
{
    /// <summary>Sets <paramref name="action"/> as the command's action, run with the services.</summary>
    public static void SetAction(this Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, action, cancellationToken));
    }

    /// <summary>Builds the services, runs <paramref name="action"/>, and disposes them.</summary>
    public static async Task<int> RunAsync(ParseResult result, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(action);
        if (MercatoConfiguration.ForCommandLine(MercatoCli.Overrides(result), out var problems) is not { } options)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(Words.W("host.configuration", ("problem", problem))).ConfigureAwait(false);
            }

            return MercatoCli.InvalidInput;
        }

        try
        {
            var store = await StoreSelection.OpenAsync(options, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var services = new ServiceCollection();
                // The CLI prints every outcome itself ("refused (code): why"); OutcomeLog's lines show only with --verbose.
                services.AddLogging(logging => logging
                    .AddSimpleConsole(console => console.SingleLine = true)
                    .AddFilter((category, level) => result.GetValue(MercatoCli.VerboseOption)
                        ? level >= LogLevel.Information
                        : level >= LogLevel.Warning && category != typeof(OutcomeLog).FullName)
                    .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace));
                services.AddMercatoCore(options, store, new NamedUser(OsUser()));
                var provider = services.BuildServiceProvider();
                await using (provider.ConfigureAwait(false))
                {
                    var settings = (await provider.GetRequiredService<SettingsUseCases>().GetAsync(cancellationToken).ConfigureAwait(false))?.Value ?? WorkspaceSettings.Default;
                    Locale.Apply(MercatoCli.LanguageAsked ? Locale.Language : settings.EffectiveLanguage, settings.EffectiveCurrency);
                    // The workspace's names in that language (docs/demo-company.md, Names in two languages), for the sentences people read.
                    Names.Use(await provider.GetRequiredService<NameBooks>().GetAsync(Locale.Language, cancellationToken).ConfigureAwait(false));
                    return await action(result, provider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (StoreUnavailableException unavailable)
        {
            await Console.Error.WriteLineAsync(Messages.Text(unavailable)).ConfigureAwait(false);
            return MercatoCli.Failure;
        }
        catch (StoreFailedException failed)
        {
            await Console.Error.WriteLineAsync(Messages.Text(failed)).ConfigureAwait(false);
            return MercatoCli.Failure;
        }
    }

    /// <summary>Who runs the command: <c>MERCATO_ACTOR</c> when set, else the operating system's user.</summary>
    public static string OsUser() =>
        Environment.GetEnvironmentVariable("MERCATO_ACTOR") is { Length: > 0 } actor ? actor : Environment.UserName is { Length: > 0 } name ? name : "cli";
}
