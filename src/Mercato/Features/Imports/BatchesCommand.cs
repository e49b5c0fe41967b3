using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.Imports;

internal static class BatchesCommand
{
    public static Command Create()
    {
        var format = CliContext.FormatOption("table", "json");
        var limit = new Option<int>("--limit") { Description = "How many imports to list, newest first", DefaultValueFactory = _ => 20 };
        var id = new Argument<long?>("id") { Description = "Show one import with its errors", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("batches", "The import history: each import's source, status, counts and errors") { id, format, limit };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var imports = services.GetRequiredService<ImportUseCases>();
            if (result.GetValue(id) is { } batchId)
            {
                var found = await imports.BatchAsync(batchId, cancellationToken);
                if (found.Value is not { } batch)
                {
                    return CliContext.Fail(found);
                }

                if (result.GetValue(format) == "json")
                {
                    CliContext.WriteJson(batch);
                    return MercatoCli.Ok;
                }

                Console.Out.WriteLine(FormattableString.Invariant(
                    $"batch {batch.Id}: {batch.Kind} from {batch.Source} ({batch.Format}), {batch.Status}, started {batch.StartedAt}"));
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"read {batch.RowsRead}, added {batch.RowsAdded}, updated {batch.RowsUpdated}, already present {batch.RowsUnchanged}, rejected {batch.RowsRejected}"));
                if (batch.Message is not null)
                {
                    Console.Out.WriteLine(Messages.Text(batch.Message));
                }

                foreach (var w in batch.Warnings)
                {
                    Console.Out.WriteLine("warning: " + Messages.Text(w));
                }

                foreach (var e in batch.Errors)
                {
                    Console.Out.WriteLine(Messages.WithPlace(e));
                }

                return MercatoCli.Ok;
            }

            var batches = await imports.BatchesAsync(result.GetValue(limit), null, cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { batches });
                return MercatoCli.Ok;
            }

            static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
            CliContext.WriteTable(
                ["id", "kind", "status", "started", "read", "added", "updated", "present", "rejected", "source"],
                batches.Select(b => (IReadOnlyList<string>)[b.Id.ToString(CultureInfo.InvariantCulture), b.Kind, b.Status, b.StartedAt,
                    N(b.RowsRead), N(b.RowsAdded), N(b.RowsUpdated), N(b.RowsUnchanged), N(b.RowsRejected), b.Source]),
                new HashSet<int> { 0, 4, 5, 6, 7, 8 });
            return MercatoCli.Ok;
        });
        return command;
    }
}
