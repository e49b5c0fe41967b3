using Mercato.Core.DataCenter;
using Mercato.Storage.DataCenter;
using Mercato.Storage.Import;
using Microsoft.AspNetCore.Mvc;

namespace Mercato.Features.Imports;

/// <summary>The Data center page's forms: a file upload through the import pipeline, and a channel's group.</summary>
public static class DataCenterForms
{
    public static WebApplication MapDataCenterForms(this WebApplication app)
    {
        app.MapPost("/datacenter/upload", ([FromForm] string kind, IFormFile file, [FromForm] bool? skipInvalid, FactImporter importer) =>
            {
                if (DataKinds.Find(kind) is not { } dataKind)
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", kind), ("expected", DataKinds.All.Select(k => k.Name)));
                }

                if (!FileFormat.TryFromFileName(file.FileName, out var format))
                {
                    return ApiProblems.Bad(ApiCodes.UnsupportedFile, ("name", file.FileName));
                }

                var result = importer.Import(new ImportRequest(dataKind, Path.GetFileName(file.FileName), format, file.OpenReadStream)
                {
                    SkipInvalid = skipInvalid ?? false,
                });
                return Results.Redirect($"/datacenter/batches/{result.BatchId}");
            })
            .ExcludeFromDescription();

        app.MapPost("/datacenter/channels", ([FromForm] string name, [FromForm] string group, DataCenterQueries queries) =>
            {
                if (!ChannelGroups.TryParse(group, out var parsed) || !queries.SetChannelGroup(name, parsed))
                {
                    return ApiProblems.Bad(ApiCodes.ChannelOrGroupUnknown, ("name", name), ("group", group));
                }

                return Results.Redirect("/datacenter#channels");
            })
            .ExcludeFromDescription();
        return app;
    }
}
