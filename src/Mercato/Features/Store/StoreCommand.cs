using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.Store;

/// <summary><c>mercato store</c>: the store itself (docs/operations.md).</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var toStore = new Option<string>("--to-store") { Description = "The target's provider: sqlite or postgres", Required = true };
        toStore.AcceptOnlyFromAmong([.. StoreSelection.Providers]);
        var toConnection = new Option<string>("--to-connection")
        {
            Description = "The target: an Npgsql connection string for postgres, a data directory for sqlite",
            Required = true,
        };
        var copy = new Command("copy", "Copy the whole workspace into an empty store, then check that every report is the same on both sides")
        {
            toStore, toConnection,
        };
        copy.SetAction(async (result, services, cancellationToken) =>
        {
            var stores = services.GetRequiredService<StoreUseCases>();
            await Console.Error.WriteLineAsync($"copying {stores.Provider} store {stores.Location} into {result.GetValue(toStore)}");
            var last = "";
            var progress = new Progress<Storage.Relational.CopyProgress>(p =>
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"\r  {p.Table,-20} {p.Rows,12:N0} of {p.Total:N0}");
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

            CliContext.WriteTable(["table", "rows"], done.Tables.Select(t => (IReadOnlyList<string>)[t.Table, t.Rows.ToString("N0", CultureInfo.InvariantCulture)]),
                new HashSet<int> { 1 });
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"copied into {done.To}; {done.Compared.Count} reports and documents are the same on both sides"));
            return MercatoCli.Ok;
        });
        return new Command("store", "The store: copy the workspace into another one") { copy };
    }
}
