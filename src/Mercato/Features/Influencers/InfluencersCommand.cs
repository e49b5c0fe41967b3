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
        var command = new Command("influencers", "Influencers (KOLs): the directory, engagement against benchmark, fake-follower audits, returns joined to conversions")
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
        var platform = new Option<string?>("--platform") { Description = "Only this platform: " + string.Join(", ", EnumWords.All<InfluencerPlatform>()) };
        var tier = new Option<string?>("--tier") { Description = "Only this tier: " + string.Join(", ", EnumWords.All<InfluencerTier>()) };
        var category = new Option<string?>("--category") { Description = "Only influencers with this category" };
        var query = new Option<string?>("--q") { Description = "Text the id, name or handle contains" };
        var sort = new Option<string?>("--sort") { Description = "name (default), followers, tier or platform" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "The directory: id, name, platform, handle, followers (latest snapshot, else declared), tier, collaborations")
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(entries);
                return 0;
            }

            CliContext.WriteTable(
                ["id", "name", "platform", "handle", "followers", "tier", "collaborations", "version"],
                entries.Select(e => (IReadOnlyList<string>)
                [
                    e.Influencer.Id, e.Influencer.Name, EnumWords.Word(e.Influencer.Platform), e.Influencer.Handle,
                    e.Followers is { } f ? f.ToString("N0", CultureInfo.InvariantCulture) + (e.FollowersOn is null ? " (declared)" : "") : "",
                    e.Tier is { } t ? EnumWords.Word(t) : "", e.Influencer.Collaborations.Count.ToString(CultureInfo.InvariantCulture),
                    e.Version.ToString(CultureInfo.InvariantCulture),
                ]),
                new HashSet<int> { 4, 6, 7 });
            if (entries.Count == 0)
            {
                Console.Out.WriteLine("(no influencer matches; add one with mercato influencers add or put)");
            }

            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The influencer's id" };
        var format = CliContext.FormatOption("json");
        var command = new Command("show", "One influencer as stored, with followers, tier and version") { id, format };
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
        var file = new Argument<string>("file") { Description = "A JSON file holding one influencer, as show prints its \"influencer\"" };
        var ifVersion = CliContext.IfVersionOption("influencer");
        var command = new Command("put", "Add or replace an influencer from a JSON file; nothing is saved unless all of it is valid") { file, ifVersion };
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
                Console.Error.WriteLine($"{path}: the file holds no influencer");
                return MercatoCli.InvalidInput;
            }

            return Saved(await Directory(services).SaveAsync(influencer, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "The id: lower-case letters, digits, '_' and '-'" };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var platform = new Option<string>("--platform") { Description = "The platform: " + string.Join(", ", EnumWords.All<InfluencerPlatform>()), Required = true };
        platform.AcceptOnlyFromAmong([.. EnumWords.All<InfluencerPlatform>()]);
        var handle = new Option<string>("--handle") { Description = "The account's handle", Required = true };
        var followers = new Option<long?>("--followers") { Description = "Followers as declared (the tier follows the latest snapshot once one is imported)" };
        var categories = new Option<string[]>("--category") { Description = "A content category; repeat for more" };
        var referral = new Option<string[]>("--referral-code") { Description = "A touchpoint referral_code that is this influencer's; repeat for more" };
        var campaign = new Option<string[]>("--campaign-code") { Description = "A touchpoint/post campaign code used only for this influencer; repeat for more" };
        var hosts = new Option<string[]>("--host") { Description = "A live-stream host name (host_kind influencer) that is this influencer; repeat for more" };
        var costs = new Option<string[]>("--cost-code") { Description = "A cost row's campaign value carrying this influencer's fees; repeat for more" };
        var command = new Command("add", "Add an influencer (refused when the id exists); collaborations and rate cards through put")
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
        var id = new Argument<string>("id") { Description = "The influencer's id" };
        var ifVersion = CliContext.IfVersionOption("influencer");
        var command = new Command("remove", "Remove an influencer from the directory (its facts stay)") { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var removed = await Directory(services).RemoveAsync(result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine($"removed {result.GetValue(id)}");
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

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {v.Value.Id} (version {v.Version})"));
        return 0;
    }
}
