using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Mercato.Features.Targets;

namespace Mercato.Tests.UseCases;

/// <summary>KPI targets (docs/access.md): read by whoever reads reports, written by a lead of the target's unit or above.</summary>
public sealed class TargetsAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Kpi = KpiCatalog.All[0].Id;

    [Fact]
    public async Task ATarget_IsSetAndRemovedByALeadOfItsUnitOrAbove_AndNotByASiblingsLead()
    {
        await using var w = await AccessSamples.OpenAsync();
        var targets = w.Get<TargetUseCases>();
        var brand = new TargetInput(Kpi, "brand", "2026-03", 10);

        foreach (var refused in new[] { AccessSamples.PrLead, AccessSamples.Viewer, AccessSamples.SquadMember })
        {
            w.ActAs(refused);
            await Assert.ThrowsAsync<AccessDeniedException>(() => targets.SetAsync([brand], Ct));
        }

        w.ActAs(AccessSamples.MarketingLead);
        Assert.Equal(new TargetsSaved(1, 0), Expect.Ok(await targets.SetAsync([brand], Ct)));
        // One input outside the lead's units refuses the whole set.
        w.ActAs(AccessSamples.BrandLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => targets.SetAsync([brand, new TargetInput(Kpi, "pr", "2026-03", 5)], Ct));
        w.ActAs(AccessSamples.PrLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => targets.DeleteAsync(Kpi, "brand", Period.Parse("2026-03"), Ct));

        w.ActAs(AccessSamples.Viewer);
        Assert.Equal(["brand"], (await targets.ListAsync(null, null, null, Ct)).Select(t => t.Unit));
        w.ActAs(AccessSamples.Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => targets.ListAsync(null, null, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => targets.ListVersionedAsync(null, null, null, Ct));

        w.ActAs(AccessSamples.BrandLead);
        Expect.Ok(await targets.DeleteAsync(Kpi, "brand", Period.Parse("2026-03"), Ct));
    }
}
