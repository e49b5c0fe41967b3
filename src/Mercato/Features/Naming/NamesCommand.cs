using System.CommandLine;
using System.Text;

namespace Mercato.Features.Naming;

/// <summary>
/// <c>mercato names import FILE</c> and <c>mercato names export</c>: the workspace's display names (docs/demo-company.md,
/// Names in two languages), through <see cref="NamesUseCases"/>.
/// </summary>
internal static class NamesCommand
{
    public static Command Create()
    {
        var command = new Command("names", Words.W("names.cli.description")) { Import(), Export() };
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = Words.W("names.cli.import_file") };
        var command = new Command("import", Words.W("names.cli.import")) { file };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                return CliContext.Invalid(ApiCodes.FileNotFound, ("path", path.FullName));
            }

            Outcome<NamesImported> imported;
            await using (var stream = path.OpenRead())
            {
                imported = await services.GetRequiredService<NamesUseCases>().ImportAsync(stream, cancellationToken);
            }

            if (imported.Value is not { } done)
            {
                return CliContext.Fail(imported);
            }

            Console.Out.WriteLine(Words.W("names.cli.imported", ("rows", (long)done.Rows), ("changed", (long)done.Changed)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Export()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("export", Words.W("names.cli.export")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var rows = await services.GetRequiredService<NamesUseCases>().ExportAsync(cancellationToken);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(new { names = rows });
                return MercatoCli.Ok;
            }

            if (shown == "csv")
            {
                return WriteCsv(result, rows);
            }

            return CliContext.WriteShown(result, shown, "names",
                [Words.W("names.cli.col_kind"), Words.W("names.cli.col_id"), Words.W("names.cli.col_language"), Words.W("names.cli.col_name")],
                rows.Select(r => (IReadOnlyList<string>)[r.Kind, r.Id, r.Language, r.Name]));
        });
        return command;
    }

    /// <summary>
    /// The machine CSV that <c>names import</c> reads back (header <c>kind,id,language,name</c> in every language): to
    /// standard output, or to <c>--output FILE</c> (written whole or not at all).
    /// </summary>
    private static int WriteCsv(ParseResult result, IReadOnlyList<DisplayName> rows)
    {
        var csv = new StringBuilder().Append(string.Join(',', DisplayNameRules.Fields)).Append('\n');
        foreach (var r in rows)
        {
            csv.Append(Cell(r.Kind)).Append(',').Append(Cell(r.Id)).Append(',').Append(Cell(r.Language)).Append(',').Append(Cell(r.Name)).Append('\n');
        }

        if (result.GetValue(MercatoCli.OutputOption) is not { } output)
        {
            Console.Out.Write(csv.ToString());
            return MercatoCli.Ok;
        }

        var full = Path.GetFullPath(output);
        var temporary = full + ".partial";
        File.WriteAllText(temporary, csv.ToString(), new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
        Console.Error.WriteLine(Words.W("export.written", ("rows", (long)rows.Count), ("file", full)));
        return MercatoCli.Ok;
    }

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
