using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.Imports;

/// <summary><c>mercato batches [ID]</c>: the import history as a table, JSON, CSV or Excel, or one import with its errors.</summary>
internal static class BatchesCommand
{
    public static Command Create()
    {
        var format = CliContext.TableFormatOption();
        var limit = new Option<int>("--limit") { Description = Words.W("imports.batches.option_limit"), DefaultValueFactory = _ => 20 };
        var id = new Argument<long?>("id") { Description = Words.W("imports.batches.arg_id"), Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("batches", Words.W("imports.batches.description")) { id, format, limit };
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

                Console.Out.WriteLine(Words.W(
                    "imports.batches.batch",
                    ("id", batch.Id), ("kind", batch.Kind), ("source", batch.Source), ("format", batch.Format), ("status", Status(batch.Status)), ("started", batch.StartedAt)));
                Console.Out.WriteLine(Words.W(
                    "imports.batches.counts",
                    ("read", batch.RowsRead), ("added", batch.RowsAdded), ("updated", batch.RowsUpdated), ("unchanged", batch.RowsUnchanged), ("rejected", batch.RowsRejected)));
                if (batch.Message is not null)
                {
                    Console.Out.WriteLine(Messages.Text(batch.Message));
                }

                foreach (var w in batch.Warnings)
                {
                    Console.Out.WriteLine(Words.W("imports.import.warning", ("warning", Messages.Text(w))));
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

            static string N(long n) => Figures.Count(n);
            return CliContext.WriteShown(
                result,
                result.GetValue(format)!,
                "batches",
                [
                    Words.W("imports.batches.col_id"), Words.W("imports.batches.col_kind"), Words.W("imports.batches.col_status"), Words.W("imports.batches.col_started"),
                    Words.W("imports.batches.col_read"), Words.W("imports.batches.col_added"), Words.W("imports.batches.col_updated"), Words.W("imports.batches.col_present"),
                    Words.W("imports.batches.col_rejected"), Words.W("imports.batches.col_source"),
                ],
                batches.Select(b => (IReadOnlyList<string>)[b.Id.ToString(CultureInfo.InvariantCulture), b.Kind, Status(b.Status), b.StartedAt,
                    N(b.RowsRead), N(b.RowsAdded), N(b.RowsUpdated), N(b.RowsUnchanged), N(b.RowsRejected), b.Source]),
                new HashSet<int> { 0, 4, 5, 6, 7, 8 });
        });
        return command;
    }

    /// <summary>A batch's status as a word (<c>committed</c>, <c>rejected</c>, ...); an unknown one as it is stored.</summary>
    private static string Status(string status) => Words.Template("imports.status." + status) is null ? status : Words.W("imports.status." + status);
}
