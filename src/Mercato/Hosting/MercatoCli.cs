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
    public static Option<string?> DataDirOption { get; } = new("--data-dir")
    {
        Description = $"The data directory (default: ${DataDirectory.Variable}, else {DataDirectory.Default})",
        Recursive = true,
    };

    /// <summary><c>--store</c>, shared by every command.</summary>
    public static Option<string?> StoreOption { get; } = new("--store")
    {
        Description = "Where the workspace lives: sqlite (embedded, in the data directory) or postgres (default: $MERCATO_STORE, else sqlite)",
        Recursive = true,
    };

    /// <summary><c>--connection</c>, shared by every command.</summary>
    public static Option<string?> ConnectionOption { get; } = new("--connection")
    {
        Description = "The PostgreSQL connection string (Npgsql form) with --store postgres (default: $MERCATO_CONNECTION)",
        Recursive = true,
    };

    /// <summary><c>--verbose</c>, shared by every command: log what happens (imports, refusals, slow queries) to stderr.</summary>
    public static Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Log what happens to stderr: the store opened, imports, refusals, queries slower than a second",
        Recursive = true,
    };

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

        return overrides;
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build()
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand("Mercato: the marketing department's operating system and data center. Runs the server when no command is given.")
        {
            DataDirOption,
            StoreOption,
            ConnectionOption,
            VerboseOption,
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
