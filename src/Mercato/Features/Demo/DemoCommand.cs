using System.CommandLine;
using Mercato.Core.Demo;
using Mercato.Storage;

namespace Mercato.Features.Demo;

internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same company", DefaultValueFactory = _ => DemoUseCases.DefaultSeed };
        var scale = new Option<string>("--scale")
        {
            Description = "small (~2k users, seconds), medium (~100k users, ~1M touchpoints), large (>=1M users, >=10M touchpoints)",
            DefaultValueFactory = _ => "small",
        };
        scale.AcceptOnlyFromAmong("small", "medium", "large");
        var remove = new Option<bool>("--remove") { Description = "Remove the demo data instead (your own imports stay)" };
        var command = new Command("demo", "Generate the demo company and load it, replacing earlier demo data") { seed, scale, remove };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var demo = services.GetRequiredService<DemoUseCases>();
            var location = services.GetRequiredService<IMercatoStore>().Location;
            if (result.GetValue(remove))
            {
                var removed = await demo.RemoveAsync(cancellationToken);
                Console.Out.WriteLine(FormattableString.Invariant($"removed {removed:N0} demo rows from {location}"));
                return MercatoCli.Ok;
            }

            var options = new DemoOptions(result.GetValue(seed), Enum.Parse<DemoScale>(result.GetValue(scale)!, ignoreCase: true), demo.LastMonth());
            Console.Out.WriteLine($"generating {DemoCompany.Name} (seed {options.Seed}, {result.GetValue(scale)}, 12 months through {options.LastMonth}) into {location}");
            var time = services.GetRequiredService<TimeProvider>();
            var started = time.GetTimestamp();
            var outcome = await demo.LoadAsync(options, new Progress<long>(n => Console.Error.Write(FormattableString.Invariant($"\r  {n:N0} rows"))), cancellationToken);
            Console.Error.WriteLine();
            if (outcome.Value is not { } loaded)
            {
                return CliContext.Fail(outcome);
            }

            foreach (var (kind, rows) in loaded.RowsByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                Console.Out.WriteLine(FormattableString.Invariant($"  {kind,-12} {rows,12:N0}"));
            }

            Console.Out.WriteLine(FormattableString.Invariant(
                $"loaded in {time.GetElapsedTime(started).TotalSeconds:F1} s; ground truth in {loaded.TruthFile}"));
            return MercatoCli.Ok;
        });
        return command;
    }
}
