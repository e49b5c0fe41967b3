using System.CommandLine;
using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Storage.DataCenter;

namespace Mercato.Features.Channels;

internal static class ChannelsCommand
{
    public static Command Create()
    {
        var format = CliContext.FormatOption("table", "json");
        var list = new Command("list", "The channel catalog: each channel's group, touchpoints and spend") { format };
        int List(ParseResult result)
        {
            var channels = new DataCenterQueries(CliContext.OpenStore(result)).Channels();
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
        set.SetAction(result =>
        {
            if (!ChannelGroups.TryParse(result.GetValue(group), out var parsed))
            {
                Console.Error.WriteLine($"unknown group '{result.GetValue(group)}'; use one of: {string.Join(", ", ChannelGroups.All.Select(g => g.Slug()))}");
                return MercatoCli.InvalidInput;
            }

            if (!new DataCenterQueries(CliContext.OpenStore(result)).SetChannelGroup(result.GetValue(name)!, parsed))
            {
                Console.Error.WriteLine(Messages.Text(ApiCodes.ChannelNotFound, MessageArgs.Of(("name", result.GetValue(name)))));
                return MercatoCli.InvalidInput;
            }

            Console.Out.WriteLine($"{result.GetValue(name)} is now in {parsed.Label()}");
            return MercatoCli.Ok;
        });

        var command = new Command("channels", "The channel catalog (lists it when no subcommand is given)") { list, set, format };
        command.SetAction(List);
        return command;
    }
}
