using System.CommandLine;
using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>mercato mix events</c>: the workspace's own calendar events, fitted as controls.</summary>
internal static class MixEventsCommand
{
    public static Command Create()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("events", Words.W("mix.cli.events.description"))
        {
            format,
            Add(), Remove(),
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var events = await services.GetRequiredService<MixUseCases>().EventsAsync(cancellationToken).ConfigureAwait(false);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { events });
                return 0;
            }

            if (events.Count == 0 && shown == "table")
            {
                Console.Out.WriteLine(Words.W("mix.cli.events.none"));
                return 0;
            }

            return CliContext.WriteShown(
                result,
                shown,
                "mix-events",
                [Words.W("mix.cli.events.col_event"), Words.W("mix.cli.events.col_first"), Words.W("mix.cli.events.col_last")],
                events.Select(e => (IReadOnlyList<string>)[e.Name, D(e.First), D(e.Last)]));
        });
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = Words.W("mix.cli.events.argument_name") };
        var from = new Option<DateOnly>("--from") { Description = Words.W("mix.cli.events.option_from"), Required = true };
        var to = new Option<DateOnly>("--to") { Description = Words.W("mix.cli.events.option_to"), Required = true };
        var command = new Command("add", Words.W("mix.cli.events.add.description")) { name, from, to };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var added = await services.GetRequiredService<MixUseCases>()
                .AddEventAsync(new MixEvent(result.GetValue(name)!, result.GetValue(from), result.GetValue(to)), cancellationToken).ConfigureAwait(false);
            if (added.Value is not { } e)
            {
                return CliContext.Fail(added);
            }

            Console.Out.WriteLine(Words.W("mix.cli.events.added", ("name", e.Name), ("from", e.First), ("to", e.Last)));
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = Words.W("mix.cli.events.argument_name_remove") };
        var from = new Option<DateOnly?>("--from") { Description = Words.W("mix.cli.events.option_from_remove") };
        var command = new Command("remove", Words.W("mix.cli.events.remove.description")) { name, from };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<MixUseCases>().RemoveEventAsync(result.GetValue(name)!, result.GetValue(from), cancellationToken).ConfigureAwait(false);
            if (removed.Value is not { } gone)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(Words.W("mix.cli.events.removed", ("count", (long)gone.Count), ("name", result.GetValue(name))));
            return 0;
        });
        return command;
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
