using System.CommandLine;
using System.Globalization;

namespace Mercato.Features.Imports;

internal static class SourcesCommand
{
    public static Command Create()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("sources", "Per data kind: rows held, first and last date, last import") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var report = await services.GetRequiredService<ImportUseCases>().SourcesAsync(cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["kind", "rows", "first date", "last date", "last import"],
                report.Kinds.Select(k => (IReadOnlyList<string>)[k.Kind, k.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    k.FirstDate ?? "-", k.LastDate ?? "-", k.LastImport ?? "never"]),
                new HashSet<int> { 1 });
            return MercatoCli.Ok;
        });
        return command;
    }
}
