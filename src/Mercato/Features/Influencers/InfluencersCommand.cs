using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mercato.Core.Influencers;

namespace Mercato.Features.Influencers;

/// <summary><c>mercato influencers</c>: the influencer (KOL) directory, audits and returns.</summary>
internal static partial class InfluencersCommand
{
    public static Command Create()
    {
        var command = new Command("influencers", Words.W("influencers.cli.description"))
        {
            List(), Show(), Put(), Add(), Remove(),
        };
        foreach (var sub in AuditCommands())
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static InfluencerDirectoryUseCases Directory(IServiceProvider services) => services.GetRequiredService<InfluencerDirectoryUseCases>();

    private static Command List()
    {
        var platform = new Option<string?>("--platform") { Description = Words.W("influencers.cli.list.platform", ("words", string.Join(", ", EnumWords.All<InfluencerPlatform>()))) };
        var tier = new Option<string?>("--tier") { Description = Words.W("influencers.cli.list.tier", ("words", string.Join(", ", EnumWords.All<InfluencerTier>()))) };
        var category = new Option<string?>("--category") { Description = Words.W("influencers.cli.list.category") };
        var query = new Option<string?>("--q") { Description = Words.W("influencers.cli.list.q") };
        var sort = new Option<string?>("--sort") { Description = Words.W("influencers.cli.list.sort") };
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("influencers.cli.list.description"))
        {
            platform, tier, category, query, sort, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var listed = await Directory(services).ListAsync(
                new InfluencerFilter(result.GetValue(platform), result.GetValue(tier), result.GetValue(category), result.GetValue(query), result.GetValue(sort)),
                cancellationToken).ConfigureAwait(false);
            if (listed.Value is not { } entries)
            {
                return CliContext.Fail(listed);
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(entries);
                return 0;
            }

            var written = CliContext.WriteShown(
                result, shown, "influencers",
                [
                    Words.W("influencers.cli.col_id"), Words.W("influencers.cli.col_name"), Words.W("influencers.cli.col_platform"), Words.W("influencers.cli.col_handle"),
                    Words.W("influencers.cli.col_followers"), Words.W("influencers.cli.col_tier"), Words.W("influencers.cli.col_collaborations"), Words.W("influencers.cli.col_version"),
                ],
                entries.Select(e => (IReadOnlyList<string>)
                [
                    e.Influencer.Id, e.Influencer.Name, InfluencerWords.Of(e.Influencer.Platform), e.Influencer.Handle,
                    e.Followers is { } f ? Figures.Count(f) + (e.FollowersOn is null ? Words.W("influencers.directory.declared") : "") : "",
                    e.Tier is { } t ? InfluencerWords.Of(t) : "", e.Influencer.Collaborations.Count.ToString(CultureInfo.InvariantCulture),
                    e.Version.ToString(CultureInfo.InvariantCulture),
                ]),
                new HashSet<int> { 4, 6, 7 });
            if (entries.Count == 0 && shown == "table")
            {
                Console.Out.WriteLine(Words.W("influencers.cli.list.none"));
            }

            return written;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = Words.W("influencers.cli.arg_id") };
        var format = CliContext.FormatOption("json");
        var command = new Command("show", Words.W("influencers.cli.show.description")) { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await Directory(services).GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } entry)
            {
                return CliContext.Fail(found);
            }

            CliContext.WriteJson(entry);
            return 0;
        });
        return command;
    }

    private static Command Put()
    {
        var file = new Argument<string>("file") { Description = Words.W("influencers.cli.put.file") };
        var ifVersion = CliContext.IfVersionOption("influencer");
        var command = new Command("put", Words.W("influencers.cli.put.description")) { file, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            Influencer? influencer;
            try
            {
                influencer = JsonSerializer.Deserialize<Influencer>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), CliContext.Json);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return MercatoCli.InvalidInput;
            }

            if (influencer is null)
            {
                Console.Error.WriteLine(Words.W("influencers.cli.put.empty", ("path", path)));
                return MercatoCli.InvalidInput;
            }

            return Saved(await Directory(services).SaveAsync(influencer, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = Words.W("influencers.cli.add.id") };
        var name = new Option<string>("--name") { Description = Words.W("influencers.cli.add.name"), Required = true };
        var platform = new Option<string>("--platform") { Description = Words.W("influencers.cli.add.platform", ("words", string.Join(", ", EnumWords.All<InfluencerPlatform>()))), Required = true };
        platform.AcceptOnlyFromAmong([.. EnumWords.All<InfluencerPlatform>()]);
        var handle = new Option<string>("--handle") { Description = Words.W("influencers.cli.add.handle"), Required = true };
        var followers = new Option<long?>("--followers") { Description = Words.W("influencers.cli.add.followers") };
        var categories = new Option<string[]>("--category") { Description = Words.W("influencers.cli.add.category") };
        var referral = new Option<string[]>("--referral-code") { Description = Words.W("influencers.cli.add.referral_code") };
        var campaign = new Option<string[]>("--campaign-code") { Description = Words.W("influencers.cli.add.campaign_code") };
        var hosts = new Option<string[]>("--host") { Description = Words.W("influencers.cli.add.host") };
        var costs = new Option<string[]>("--cost-code") { Description = Words.W("influencers.cli.add.cost_code") };
        var command = new Command("add", Words.W("influencers.cli.add.description"))
        {
            id, name, platform, handle, followers, categories, referral, campaign, hosts, costs,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            EnumWords.TryParse<InfluencerPlatform>(result.GetValue(platform), out var p);
            var influencer = new Influencer(
                result.GetValue(id)!, result.GetValue(name)!, p, result.GetValue(handle)!, result.GetValue(categories) ?? [], [],
                new InfluencerCodes(result.GetValue(referral) ?? [], result.GetValue(campaign) ?? [], result.GetValue(hosts) ?? [], result.GetValue(costs) ?? []),
                [], result.GetValue(followers));
            return Saved(await Directory(services).SaveAsync(influencer, 0, cancellationToken).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = Words.W("influencers.cli.arg_id") };
        var ifVersion = CliContext.IfVersionOption("influencer");
        var command = new Command("remove", Words.W("influencers.cli.remove.description")) { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var removed = await Directory(services).RemoveAsync(result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(Words.W("influencers.cli.removed", ("influencer", result.GetValue(id))));
            return 0;
        });
        return command;
    }

    private static int Saved(Outcome<Versioned<Influencer>> saved)
    {
        if (saved.Value is not { } v)
        {
            return CliContext.Fail(saved);
        }

        Console.Out.WriteLine(Words.W("influencers.cli.saved", ("influencer", v.Value.Id), ("version", v.Version)));
        return 0;
    }
}
