using System.CommandLine;
using Mercato.Features.Campaigns;
using Mercato.Features.Channels;
using Mercato.Features.Demo;
using Mercato.Features.Imports;
using Mercato.Features.Measurement;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Features.Settings;

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

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build()
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand("Mercato: the marketing department's operating system and data center. Runs the server when no command is given.")
        {
            DataDirOption,
            serve,
            DemoCommand.Create(),
            ImportCommand.Create(),
            SourcesCommand.Create(),
            BatchesCommand.Create(),
            ChannelsCommand.Create(),
            ConfigCommand.Create(),
            ReportCommand.Create(),
            OrgCommand.Create(),
            PeopleCommand.Create(),
            CampaignsCommand.Create(),
        };
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(result, cancellationToken));
        return root;
    }
}
