using Mercato.Core.DataCenter;
using Mercato.Features.Channels;
using Mercato.Storage.Import;
using Microsoft.AspNetCore.Mvc;

namespace Mercato.Features.Imports;

/// <summary>The Data center page's forms: a file upload through the import pipeline, and a channel's group.</summary>
public static class DataCenterForms
{
    public static WebApplication MapDataCenterForms(this WebApplication app)
    {
        app.MapPost("/datacenter/upload", async ([FromForm] string kind, IFormFile file, [FromForm] bool? skipInvalid, ImportUseCases imports, CancellationToken cancellationToken) =>
            {
                if (DataKinds.Find(kind) is not { } dataKind)
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", kind), ("expected", DataKinds.All.Select(k => k.Name)));
                }

                if (!FileFormat.TryFromFileName(file.FileName, out var format))
                {
                    return ApiProblems.Bad(ApiCodes.UnsupportedFile, ("name", file.FileName));
                }

                var result = await imports.ImportAsync(new ImportRequest(dataKind, Path.GetFileName(file.FileName), format, file.OpenReadStream)
                {
                    SkipInvalid = skipInvalid ?? false,
                }, cancellationToken);
                return Results.Redirect($"/datacenter/batches/{result.BatchId}");
            })
            .ExcludeFromDescription();

        app.MapPost("/datacenter/channels", async ([FromForm] string name, [FromForm] string group, ChannelUseCases channels, CancellationToken cancellationToken) =>
            {
                if (!(await channels.SetGroupAsync(name, group, cancellationToken)).IsOk)
                {
                    return ApiProblems.Bad(ApiCodes.ChannelOrGroupUnknown, ("name", name), ("group", group));
                }

                return Results.Redirect("/datacenter#channels");
            })
            .ExcludeFromDescription();
        return app;
    }
}
