using Microsoft.AspNetCore.Mvc;

namespace Mercato.Features.Export;

/// <summary>
/// <c>POST /export/{csv|xlsx}</c> (JSON: <c>name</c>, <c>header</c>, <c>rows</c> as shown): the file of a table a page
/// shows, for <c>export.js</c>. It reads nothing from the store: it turns what the person already sees into a file, so
/// being signed in is all it asks. More than <see cref="TableExport.MaxRows"/> rows, a row wider than the header, or
/// another format is 400.
/// </summary>
public static class ExportApi
{
    public static WebApplication MapTableExport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/export/{format}", (string format, [FromBody] ShownTable? table) =>
            {
                if (!TableExport.Formats.Contains(format))
                {
                    return ApiProblems.Invalid<Problem>([Problem.Of("format", CommonCodes.NotOneOf, ("value", format), ("expected", TableExport.Formats.ToArray()))]);
                }

                if (table?.Header is not { Count: > 0 } header || table.Rows is null)
                {
                    return ApiProblems.Invalid<Problem>([Problem.Of("header", CommonCodes.Required)]);
                }

                if (table.Rows.Count > TableExport.MaxRows)
                {
                    return ApiProblems.Invalid<Problem>([Problem.Of("rows", CommonCodes.OutOfRange, ("value", table.Rows.Count), ("min", 0), ("max", TableExport.MaxRows))]);
                }

                using var file = new MemoryStream();
                if (format == "csv")
                {
                    TableExport.WriteCsv(table, file);
                }
                else
                {
                    TableExport.WriteXlsx(table, file);
                }

                return Results.File(
                    file.ToArray(),
                    format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    TableExport.FileName(table.Name, format));
            })
            .ExcludeFromDescription()
            .DisableAntiforgery();
        return app;
    }
}
