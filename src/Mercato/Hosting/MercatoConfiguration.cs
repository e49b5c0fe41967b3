using System.ComponentModel.DataAnnotations;

namespace Mercato.Hosting;

/// <summary>
/// Where the settings come from, for the server and the command line alike: <c>appsettings.json</c> beside the program,
/// then <c>MERCATO_*</c> environment variables, then options given on the command line.
/// </summary>
public static class MercatoConfiguration
{
    /// <summary>The <c>MERCATO_*</c> environment variables and the settings they set.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MERCATO_DATA_DIR"] = "Mercato:DataDir",
        ["MERCATO_STORE"] = "Mercato:Store",
        ["MERCATO_CONNECTION"] = "Mercato:Connection",
        ["MERCATO_FACTS"] = "Mercato:Facts",
        ["MERCATO_FACTS_CONNECTION"] = "Mercato:FactsConnection",
        ["MERCATO_ACTOR"] = "Mercato:Actor",
        ["MERCATO_URLS"] = "Mercato:Urls",
        ["MERCATO_NO_DEMO"] = "Mercato:NoDemo",
        ["MERCATO_NO_AUTH"] = "Mercato:NoAuth",
        ["MERCATO_REQUIRE_ADMIN_TOTP"] = "Mercato:RequireAdminTotp",
        ["MERCATO_DEMO_SCALE"] = "Mercato:DemoScale",
        ["MERCATO_MAX_IMPORT_BYTES"] = "Mercato:MaxImportBytes",
        ["MERCATO_FIGURE_WAIT_MILLISECONDS"] = "Mercato:FigureWaitMilliseconds",
    };

    /// <summary>The environment variables that are set, as configuration keys.</summary>
    public static Dictionary<string, string?> FromEnvironment()
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (variable, key) in Variables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                map[key] = value;
            }
        }

        return map;
    }

    /// <summary>Adds the environment and the command line's <paramref name="overrides"/> to <paramref name="configuration"/>, in that order.</summary>
    public static IConfigurationBuilder AddMercatoSources(this IConfigurationBuilder configuration, IReadOnlyDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.AddInMemoryCollection(FromEnvironment()).AddInMemoryCollection(overrides);
    }

    /// <summary>The options of <paramref name="configuration"/>, validated: null with the reasons when a value is invalid.</summary>
    public static MercatoOptions? Options(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        MercatoOptions options;
        try
        {
            options = configuration.GetSection(MercatoOptions.Section).Get<MercatoOptions>() ?? new MercatoOptions();
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong type (MERCATO_FIGURE_WAIT_MILLISECONDS=abc): the binder's message names the setting and the value.
            problems = [e.Message];
            return null;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var found = results.Select(r => r.ErrorMessage ?? "").ToList();
        if (!StoreSelection.Providers.Contains(options.Store, StringComparer.Ordinal))
        {
            found.Add(Words.W("host.configuration.store_unknown", ("store", options.Store), ("providers", StoreSelection.Providers.ToArray())));
        }

        if (options.Store == "postgres" && string.IsNullOrWhiteSpace(options.Connection))
        {
            found.Add(Words.W("host.configuration.connection_required"));
        }

        if (!string.IsNullOrEmpty(options.Facts) && !StoreSelection.FactStores.Contains(options.Facts, StringComparer.Ordinal))
        {
            found.Add(Words.W("host.configuration.facts_unknown", ("facts", options.Facts), ("providers", StoreSelection.FactStores.ToArray())));
        }

        if (options.Facts == "clickhouse" && string.IsNullOrWhiteSpace(options.FactsConnection))
        {
            found.Add(Words.W("host.configuration.facts_connection_required"));
        }
        else if (options.Facts == "clickhouse")
        {
            // A connection string that cannot be read is a wrong setting (exit 2), not a store that does not answer (exit 1).
            try
            {
                _ = Storage.ClickHouse.ClickHouseSettings.Parse(options.FactsConnection!);
            }
            catch (FormatException e)
            {
                found.Add(Words.W("host.configuration.facts_connection_invalid", ("detail", e.Message)));
            }
        }

        if (options.NoAuth && ServingGuard.NonLoopback(options.Urls) is { Count: > 0 } open)
        {
            found.Add(Words.W("host.configuration.no_auth_open", ("urls", open.ToArray())));
        }

        problems = found;
        if (found.Count > 0)
        {
            return null;
        }

        options.DataDir = DataDirectory.Resolve(options.DataDir);
        return options;
    }

    /// <summary>The options of the command line: appsettings.json, the environment, then <paramref name="overrides"/>.</summary>
    public static MercatoOptions? ForCommandLine(IReadOnlyDictionary<string, string?> overrides, out IReadOnlyList<string> problems) =>
        Options(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddMercatoSources(overrides)
            .Build(), out problems);
}
