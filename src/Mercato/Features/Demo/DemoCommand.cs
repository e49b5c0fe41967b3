using System.CommandLine;
using Mercato.Core.Demo;
using Mercato.Storage;

namespace Mercato.Features.Demo;

internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = Words.W("demo.cli.seed"), DefaultValueFactory = _ => DemoUseCases.DefaultSeed };
        var scale = new Option<string>("--scale")
        {
            Description = Words.W("demo.cli.scale"),
            DefaultValueFactory = _ => "small",
        };
        scale.AcceptOnlyFromAmong("small", "medium", "large");
        var remove = new Option<bool>("--remove") { Description = Words.W("demo.cli.remove") };
        var command = new Command("demo", Words.W("demo.cli.description")) { seed, scale, remove };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var demo = services.GetRequiredService<DemoUseCases>();
            var location = services.GetRequiredService<IMercatoStore>().Location;
            if (result.GetValue(remove))
            {
                var removed = await demo.RemoveAsync(cancellationToken);
                Console.Out.WriteLine(Words.W("demo.cli.removed", ("rows", Figures.Count(removed)), ("location", location)));
                return MercatoCli.Ok;
            }

            var options = new DemoOptions(result.GetValue(seed), Enum.Parse<DemoScale>(result.GetValue(scale)!, ignoreCase: true), demo.LastMonth());
            Console.Out.WriteLine(Words.W("demo.cli.generating", ("company", DemoCompany.Name), ("seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("scale", result.GetValue(scale)), ("last", options.LastMonth.ToString()), ("location", location)));
            var time = services.GetRequiredService<TimeProvider>();
            var started = time.GetTimestamp();
            var outcome = await demo.LoadAsync(options, new Progress<long>(n => Console.Error.Write("\r  " + Words.W("demo.cli.progress", ("rows", Figures.Count(n))))), cancellationToken);
            Console.Error.WriteLine();
            if (outcome.Value is not { } loaded)
            {
                return CliContext.Fail(outcome);
            }

            foreach (var (kind, rows) in loaded.RowsByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                Console.Out.WriteLine("  " + kind.PadRight(12) + " " + Figures.Count(rows).PadLeft(12));
            }

            Console.Out.WriteLine(Words.W("demo.cli.loaded", ("seconds", time.GetElapsedTime(started).TotalSeconds.ToString("F1", System.Globalization.CultureInfo.CurrentCulture)), ("file", loaded.TruthFile)));
            return MercatoCli.Ok;
        });
        return command;
    }
}
