using System.CommandLine;

namespace Mercato.Features.Imports;

internal static class SourcesCommand
{
    public static Command Create()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("sources", Words.W("imports.sources.description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var report = await services.GetRequiredService<ImportUseCases>().SourcesAsync(cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(
                result,
                result.GetValue(format)!,
                "sources",
                [Words.W("imports.sources.col_kind"), Words.W("imports.sources.col_rows"), Words.W("imports.sources.col_first"), Words.W("imports.sources.col_last"),
                    Words.W("imports.sources.col_last_import")],
                report.Kinds.Select(k => (IReadOnlyList<string>)[k.Kind, Figures.Count(k.Rows), k.FirstDate ?? "-", k.LastDate ?? "-", k.LastImport ?? Words.W("imports.sources.never")]),
                new HashSet<int> { 1 });
        });
        return command;
    }
}
