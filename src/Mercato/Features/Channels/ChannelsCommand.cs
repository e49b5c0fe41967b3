using System.CommandLine;
using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Features.Channels;

internal static class ChannelsCommand
{
    public static Command Create()
    {
        var format = CliContext.FormatOption("table", "json");
        var list = new Command("list", "The channel catalog: each channel's group, touchpoints and spend") { format };
        async Task<int> List(ParseResult result, IServiceProvider services, CancellationToken cancellationToken)
        {
            var channels = await services.GetRequiredService<ChannelUseCases>().ListAsync(cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { channels });
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["channel", "group", "touchpoints", "spend"],
                channels.Select(c => (IReadOnlyList<string>)[c.Name, c.Group, c.Touchpoints.ToString("N0", CultureInfo.InvariantCulture),
                    c.Spend.ToString("N2", CultureInfo.InvariantCulture)]),
                new HashSet<int> { 2, 3 });
            return MercatoCli.Ok;
        }

        list.SetAction(List);
        var name = new Argument<string>("channel") { Description = "The channel name" };
        var group = new Argument<string>("group") { Description = "One of: " + string.Join(", ", ChannelGroups.All.Select(g => g.Slug())) };
        var set = new Command("set", "Put a channel in a group") { name, group };
        set.SetAction(async (result, services, cancellationToken) =>
        {
            var changed = await services.GetRequiredService<ChannelUseCases>().SetGroupAsync(result.GetValue(name)!, result.GetValue(group), cancellationToken);
            if (changed.Value is not { } channel)
            {
                return CliContext.Fail(changed);
            }

            Console.Out.WriteLine($"{channel.Name} is now in {channel.GroupLabel}");
            return MercatoCli.Ok;
        });

        var command = new Command("channels", "The channel catalog (lists it when no subcommand is given)") { list, set, format };
        command.SetAction(List);
        return command;
    }
}
