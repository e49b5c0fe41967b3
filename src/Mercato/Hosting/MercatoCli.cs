using System.CommandLine;
using Mercato.Features.Access;
using Mercato.Features.Ads;
using Mercato.Features.Alerts;
using Mercato.Features.Anomalies;
using Mercato.Features.Audit;
using Mercato.Features.Campaigns;
using Mercato.Features.Channels;
using Mercato.Features.Crisis;
using Mercato.Features.Demo;
using Mercato.Features.Imports;
using Mercato.Features.Influencers;
using Mercato.Features.Listening;
using Mercato.Features.Measurement;
using Mercato.Features.Mix;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Features.Settings;
using Mercato.Features.Store;

namespace Mercato.Hosting;

/// <summary>The <c>mercato</c> command line: one executable for the server and every command.</summary>
public static class MercatoCli
{
    /// <summary>Exit code: done.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: any failure other than invalid input.</summary>
    public const int Failure = 1;

    /// <summary>Exit code: the input was invalid (and nothing of it was written).</summary>
    public const int InvalidInput = 2;

    /// <summary><c>--data-dir</c>, shared by every command.</summary>
    public static Option<string?> DataDirOption { get; } = new("--data-dir") { Recursive = true };

    /// <summary><c>--store</c>, shared by every command.</summary>
    public static Option<string?> StoreOption { get; } = new("--store") { Recursive = true };

    /// <summary><c>--connection</c>, shared by every command.</summary>
    public static Option<string?> ConnectionOption { get; } = new("--connection") { Recursive = true };

    /// <summary><c>--facts</c>, shared by every command: <c>clickhouse</c> keeps the facts there.</summary>
    public static Option<string?> FactsOption { get; } = new("--facts") { Recursive = true };

    /// <summary><c>--facts-connection</c>, shared by every command: the ClickHouse connection string.</summary>
    public static Option<string?> FactsConnectionOption { get; } = new("--facts-connection") { Recursive = true };

    /// <summary><c>--verbose</c>, shared by every command: log what happens (imports, refusals, slow queries) to stderr.</summary>
    public static Option<bool> VerboseOption { get; } = new("--verbose") { Recursive = true };

    /// <summary><c>--output</c>, shared by every command: the file a <c>--format csv|xlsx</c> table is written to.</summary>
    public static Option<string?> OutputOption { get; } = new("--output") { Recursive = true };

    /// <summary><c>--lang</c>, shared by every command: the language of what the command writes for people.</summary>
    public static Option<string?> LanguageOption { get; } = new("--lang") { Recursive = true };

    /// <summary>
    /// The language asked for by <c>--lang</c> (or <c>--lang=</c>) in <paramref name="args"/>, else <c>MERCATO_LANG</c>;
    /// null when neither is given. Read before the command tree is built, so its help speaks it too. In <c>listening
    /// score</c>, <c>--lang</c> is the language of the texts scored: its messages follow <c>MERCATO_LANG</c> only.
    /// </summary>
    public static string? AskedLanguage(IReadOnlyList<string> args, string? environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        // `listening score --lang en|zh|auto` names the language of the texts it scores, not of Mercato's words.
        var scoring = args.Count >= 2 && args.Select((a, i) => (a, i)).Any(p => p.a == "listening" && p.i + 1 < args.Count && args[p.i + 1] == "score");
        for (var i = 0; !scoring && i < args.Count; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--lang=", StringComparison.Ordinal))
            {
                return args[i]["--lang=".Length..];
            }
        }

        return string.IsNullOrWhiteSpace(environment) ? null : environment;
    }

    /// <summary>
    /// Applies the language asked for before anything is written: true when one was asked for and is spoken; a language
    /// Mercato does not speak writes the notice (<c>language_fell_back</c>) to stderr and leaves the choice to the
    /// workspace's language.
    /// </summary>
    public static bool ApplyAskedLanguage(IReadOnlyList<string> args)
    {
        var asked = AskedLanguage(args, Environment.GetEnvironmentVariable("MERCATO_LANG"));
        if (asked is null)
        {
            Locale.Apply(Languages.English, Currencies.Dollar);
            return false;
        }

        if (Languages.TryNormalize(asked, out var language))
        {
            Locale.Apply(language, Currencies.Dollar);
            return true;
        }

        Locale.Apply(Languages.English, Currencies.Dollar);
        Console.Error.WriteLine(Messages.Text(SettingsLanguageCodes.LanguageFellBack, MessageArgs.Of(("value", asked), ("language", "English"))));
        return false;
    }

    /// <summary>Whether the language of this run was asked for on the command line or in the environment (set by <see cref="ApplyAskedLanguage"/>).</summary>
    public static bool LanguageAsked { get; set; }

    /// <summary>The settings the command line gives, as configuration keys (the environment and appsettings.json come first).</summary>
    public static Dictionary<string, string?> Overrides(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (result.GetValue(DataDirOption) is { } dataDir)
        {
            overrides["Mercato:DataDir"] = dataDir;
        }

        if (result.GetValue(StoreOption) is { } store)
        {
            overrides["Mercato:Store"] = store;
        }

        if (result.GetValue(ConnectionOption) is { } connection)
        {
            overrides["Mercato:Connection"] = connection;
        }

        if (result.GetValue(FactsOption) is { } facts)
        {
            overrides["Mercato:Facts"] = facts;
        }

        if (result.GetValue(FactsConnectionOption) is { } factsConnection)
        {
            overrides["Mercato:FactsConnection"] = factsConnection;
        }

        return overrides;
    }

    /// <summary>Builds the command tree, its words in the language of the run (<see cref="ApplyAskedLanguage"/> comes first).</summary>
    public static RootCommand Build()
    {
        DataDirOption.Description = Words.W("host.option.data_dir", ("variable", DataDirectory.Variable), ("default", DataDirectory.Default));
        StoreOption.Description = Words.W("host.option.store");
        ConnectionOption.Description = Words.W("host.option.connection");
        FactsOption.Description = Words.W("host.option.facts");
        FactsConnectionOption.Description = Words.W("host.option.facts_connection");
        VerboseOption.Description = Words.W("host.option.verbose");
        OutputOption.Description = Words.W("host.option.output");
        LanguageOption.Description = Words.W("host.option.lang");
        var serve = ServeCommand.Create();
        var root = new RootCommand(Words.W("host.root.description"))
        {
            DataDirOption,
            StoreOption,
            ConnectionOption,
            FactsOption,
            FactsConnectionOption,
            VerboseOption,
            LanguageOption,
            OutputOption,
            serve,
            DemoCommand.Create(),
            ImportCommand.Create(),
            SourcesCommand.Create(),
            BatchesCommand.Create(),
            ChannelsCommand.Create(),
            ConfigCommand.Create(),
            ReportCommand.Create(),
            MixCommand.Create(),
            ListeningCommand.Create(),
            InfluencersCommand.Create(),
            AlertsCommand.Create(),
            CrisisCommand.Create(),
            AnomaliesCommand.Create(),
            AdsCommand.Create(),
            OrgCommand.Create(),
            Features.Naming.NamesCommand.Create(),
            PeopleCommand.Create(),
            CampaignsCommand.Create(),
            StoreCommand.Create(),
            AuditCommand.Create(),
            UsersCommand.Create(),
            TokensCommand.Create(),
        };
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(result, cancellationToken));
        return root;
    }
}
