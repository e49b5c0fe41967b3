namespace Mercato.Features.Demo;

/// <summary><c>/api/v1/demo</c>: whether demo data is loaded, and its ground truth.</summary>
public static class DemoApi
{
    public static RouteGroupBuilder MapDemoApi(this RouteGroupBuilder api)
    {
        api.MapGet("/demo", async (DemoUseCases demo, CancellationToken cancellationToken) =>
                TypedResults.Ok(new { loaded = await demo.IsLoadedAsync(cancellationToken), groundTruth = await demo.GroundTruthAsync(cancellationToken) }))
            .WithName("GetDemo")
            .WithSummary("Whether the demo company is loaded, and the ground truth it was generated from");
        return api;
    }
}
