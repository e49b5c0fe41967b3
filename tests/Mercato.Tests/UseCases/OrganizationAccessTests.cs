using Mercato.Core.Demo;
using Mercato.Features.Organization;

namespace Mercato.Tests.UseCases;

/// <summary>The organization (docs/access.md): read by whoever reads reports, its structure written by an executive or an admin.</summary>
public sealed class OrganizationAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheStructure_IsWrittenByAnExecutive_AndNotByAUnitLead_AndReadByAViewer_NotAnAgency()
    {
        await using var w = await AccessSamples.OpenAsync();
        var organization = w.Get<OrganizationUseCases>();
        var renamed = DemoOrganization.Structure() with { Name = "Renamed" };

        foreach (var refused in new[] { AccessSamples.MarketingLead, AccessSamples.Analyst, AccessSamples.Viewer })
        {
            w.ActAs(refused);
            await Assert.ThrowsAsync<AccessDeniedException>(() => organization.SaveAsync(renamed, replace: true, expectedVersion: null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => organization.DeleteAsync(Ct));
        }

        w.ActAs(AccessSamples.Executive);
        Expect.Ok(await organization.SaveAsync(renamed, replace: true, expectedVersion: null, Ct));

        w.ActAs(AccessSamples.Viewer);
        Assert.Equal("Renamed", (await organization.StructureAsync(Ct))!.Name);
        Expect.Ok(await organization.ResolveAsync("current", allowFiles: false, Ct));
        w.ActAs(AccessSamples.Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => organization.StructureAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => organization.GetAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => organization.DefaultPeriodAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => organization.ChartAsync(Period.Parse("2026-03"), Ct));
    }
}
