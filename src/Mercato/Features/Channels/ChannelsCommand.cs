using System.CommandLine;
using Mercato.Core.DataCenter;
using Words = Mercato.Shared.Words;

namespace Mercato.Features.Channels;

internal static class ChannelsCommand
{
    public static Command Create()
    {
        var format = CliContext.TableFormatOption();
        var list = new Command("list", Words.W("channels.cli.list")) { format };
        async Task<int> List(ParseResult result, IServiceProvider services, CancellationToken cancellationToken)
        {
            var channels = await services.GetRequiredService<ChannelUseCases>().ListAsync(cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { channels });
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(result, shown, "channels",
                [Words.W("channels.cli.col_channel"), Words.W("channels.cli.col_group"), Words.W("channels.cli.col_touchpoints"), Words.W("channels.cli.col_spend", ("currency", Figures.Currency))],
                channels.Select(c => (IReadOnlyList<string>)[c.Name, c.Group, Figures.Count(c.Touchpoints), Figures.Money(c.Spend)]),
                new HashSet<int> { 2, 3 });
        }

        list.SetAction(List);
        var name = new Argument<string>("channel") { Description = Words.W("channels.cli.channel_name") };
        var group = new Argument<string>("group") { Description = Words.W("channels.cli.group_one_of", ("groups", string.Join(", ", ChannelGroups.All.Select(g => g.Slug())))) };
        var set = new Command("set", Words.W("channels.cli.set")) { name, group };
        set.SetAction(async (result, services, cancellationToken) =>
        {
            var changed = await services.GetRequiredService<ChannelUseCases>().SetGroupAsync(result.GetValue(name)!, result.GetValue(group), cancellationToken);
            if (changed.Value is not { } channel)
            {
                return CliContext.Fail(changed);
            }

            Console.Out.WriteLine(Words.W("channels.cli.set_done", ("channel", channel.Name), ("group", Terms.Of("channel_group", channel.Group, channel.GroupLabel))));
            return MercatoCli.Ok;
        });

        var command = new Command("channels", Words.W("channels.cli.description")) { list, set, format };
        command.SetAction(List);
        return command;
    }
}
