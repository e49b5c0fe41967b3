using System.CommandLine;
using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>mercato mix events</c>: the workspace's own calendar events, fitted as controls.</summary>
internal static class MixEventsCommand
{
    public static Command Create()
    {
        var command = new Command("events", "The workspace's own events (a brand day, a fair, a price change), fitted as controls beside Spring Festival, 618 and Double 11")
        {
            Add(), Remove(),
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var events = await services.GetRequiredService<MixUseCases>().EventsAsync(cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
            {
                Console.Out.WriteLine("no event of the workspace's own: add one with mix events add NAME --from YYYY-MM-DD --to YYYY-MM-DD");
                return 0;
            }

            CliContext.WriteTable(["event", "first day", "last day"], events.Select(e => (IReadOnlyList<string>)[e.Name, D(e.First), D(e.Last)]));
            return 0;
        });
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The event's name: a snake_case word; occurrences with the same name are one control" };
        var from = new Option<DateOnly>("--from") { Description = "Its first day, YYYY-MM-DD", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Its last day, YYYY-MM-DD", Required = true };
        var command = new Command("add", "Add an occurrence of an event (the same name and first day replaces it)") { name, from, to };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var added = await services.GetRequiredService<MixUseCases>()
                .AddEventAsync(new MixEvent(result.GetValue(name)!, result.GetValue(from), result.GetValue(to)), cancellationToken).ConfigureAwait(false);
            if (added.Value is not { } e)
            {
                return CliContext.Fail(added);
            }

            Console.Out.WriteLine($"event {e.Name} from {D(e.First)} to {D(e.Last)}: a control of the next fit");
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The event's name" };
        var from = new Option<DateOnly?>("--from") { Description = "Only the occurrence starting on this day (default: every occurrence)" };
        var command = new Command("remove", "Remove an event's occurrences") { name, from };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<MixUseCases>().RemoveEventAsync(result.GetValue(name)!, result.GetValue(from), cancellationToken).ConfigureAwait(false);
            if (removed.Value is not { } gone)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"removed {gone.Count} occurrence(s) of {result.GetValue(name)}"));
            return 0;
        });
        return command;
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
