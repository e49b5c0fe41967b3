using Mercato.Core.Demo;
using Mercato.Features.Demo;

namespace Mercato.Tests.UseCases;

/// <summary>The demo company (docs/access.md): loaded and removed by an admin; whether it is loaded asked by every page.</summary>
public sealed class DemoAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemo_IsLoadedAndRemovedByAnAdmin_NotAnExecutive_AndItsTruthIsReadByAViewer_NotAnAgency()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite);
        var demo = w.Get<DemoUseCases>();

        w.ActAs(AccessSamples.Executive);
        await Assert.ThrowsAsync<AccessDeniedException>(() => demo.LoadAsync(new DemoOptions(DemoUseCases.DefaultSeed, DemoScale.Small, demo.LastMonth()), null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => demo.RemoveAsync(Ct));

        w.ActAs(AccessSamples.Agency);
        Assert.False(await demo.IsLoadedAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => demo.GroundTruthAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => demo.StoreIsEmptyAsync(Ct));

        w.ActAs(AccessSamples.Viewer);
        Assert.Null(await demo.GroundTruthAsync(Ct));
        Assert.True(await demo.StoreIsEmptyAsync(Ct));

        w.ActAs(AccessSamples.Admin);
        Assert.Equal(0, await demo.RemoveAsync(Ct));
    }
}
