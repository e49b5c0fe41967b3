using Mercato.Features.Store;

namespace Mercato.Tests.UseCases;

/// <summary>The store itself (docs/access.md): its health and copies are an admin's.</summary>
public sealed class StoreAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheStore_IsManagedByAnAdmin_AndNotByAnExecutive()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite);
        var store = w.Get<StoreUseCases>();
        using var target = new TempDir();

        w.ActAs(AccessSamples.Executive);
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.HealthAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.CopyAsync("sqlite", target.Path, null, Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target.Path));

        w.ActAs(AccessSamples.Admin);
        Assert.NotNull(await store.HealthAsync(Ct));
    }
}
