using System.CommandLine;

namespace Mercato.Features.Store;

/// <summary><c>mercato store</c>: the store itself (docs/operations.md).</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var toStore = new Option<string>("--to-store") { Description = Words.W("store.cli.to_store"), Required = true };
        toStore.AcceptOnlyFromAmong([.. StoreSelection.Providers]);
        var toConnection = new Option<string>("--to-connection")
        {
            Description = Words.W("store.cli.to_connection"),
            Required = true,
        };
        var copy = new Command("copy", Words.W("store.cli.copy"))
        {
            toStore, toConnection,
        };
        copy.SetAction(async (result, services, cancellationToken) =>
        {
            var stores = services.GetRequiredService<StoreUseCases>();
            await Console.Error.WriteLineAsync(Words.W("store.cli.copying", ("from", stores.Provider), ("location", stores.Location), ("to", result.GetValue(toStore))));
            var last = "";
            var progress = new Progress<Storage.Relational.CopyProgress>(p =>
            {
                var line = "\r  " + Words.W("store.cli.progress", ("table", p.Table.PadRight(20)), ("rows", Figures.Count(p.Rows).PadLeft(12)), ("total", Figures.Count(p.Total)));
                if (line != last)
                {
                    Console.Error.Write(line);
                    last = line;
                }
            });
            var copied = await stores.CopyAsync(result.GetValue(toStore)!, result.GetValue(toConnection)!, progress, cancellationToken);
            await Console.Error.WriteLineAsync();
            if (copied.Value is not { } done)
            {
                return CliContext.Fail(copied);
            }

            CliContext.WriteTable([Words.W("store.cli.col_table"), Words.W("store.cli.col_rows")], done.Tables.Select(t => (IReadOnlyList<string>)[t.Table, Figures.Count(t.Rows)]),
                new HashSet<int> { 1 });
            await Console.Out.WriteLineAsync(Words.W("store.cli.copied", ("to", done.To), ("count", (long)done.Compared.Count)));
            return MercatoCli.Ok;
        });
        return new Command("store", Words.W("store.cli.description")) { copy };
    }
}
