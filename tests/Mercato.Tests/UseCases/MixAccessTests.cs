using Mercato.Core.Mix;
using Mercato.Features.Mix;

namespace Mercato.Tests.UseCases;

/// <summary>
/// The mix model and budget plans (docs/access.md): fits and events read by whoever reads reports, the shared events
/// written by whoever writes shared work, a plan drafted by a lead of its owning unit, approved only by a budget approver.
/// </summary>
public sealed class MixAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MixEvent Fair = new("medical_fair", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 4));

    [Fact]
    public async Task Events_AreReadByAViewer_NotAnAgency_AndWrittenByAUnitLead_NotAViewerOrAnAnalyst()
    {
        await using var w = await AccessSamples.OpenAsync();
        var mix = w.Get<MixUseCases>();

        foreach (var refused in new[] { AccessSamples.Viewer, AccessSamples.Analyst, AccessSamples.SquadMember })
        {
            w.ActAs(refused);
            await Assert.ThrowsAsync<AccessDeniedException>(() => mix.AddEventAsync(Fair, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => mix.RemoveEventAsync(Fair.Name, null, Ct));
        }

        w.ActAs(AccessSamples.PrLead);
        Expect.Ok(await mix.AddEventAsync(Fair, Ct));
        w.ActAs(AccessSamples.Viewer);
        Assert.Equal([Fair], await mix.EventsAsync(Ct));
        w.ActAs(AccessSamples.Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => mix.EventsAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => mix.FitWorkspaceAsync(MixOutcomeKind.Revenue, new MixOptions { Replicates = 0 }, Ct));
    }

    [Fact]
    public async Task APlan_IsDraftedByALeadOfItsOwningUnit_AndApprovedOnlyByABudgetApprover()
    {
        await using var w = await AccessSamples.OpenAsync();
        var plans = w.Get<MixPlanUseCases>();
        Task<Outcome<MixPlan>> DraftForBrand() =>
            plans.DraftAsync(MixOutcomeKind.Revenue, new MixOptions { Replicates = 0 }, 1000, "2026-05", [], 0.3, MixObjective.Revenue, null, null, "brand", Ct);

        w.ActAs(AccessSamples.PrLead);
        await Assert.ThrowsAsync<AccessDeniedException>(DraftForBrand);
        // The lead of marketing gets past the check to the fit, which an empty store cannot make.
        w.ActAs(AccessSamples.MarketingLead);
        Assert.Equal(OutcomeKind.Invalid, (await DraftForBrand()).Kind);

        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.ApproveAsync("2026-05-a", "ann", null, null, Ct));
        w.ActAs(AccessSamples.Executive);
        Expect.NotFound(await plans.ApproveAsync("nope", "ann", null, null, Ct), MixPlanCodes.NotFound, Expect.Args(("id", "nope")));

        w.ActAs(AccessSamples.Viewer);
        Assert.Empty((await plans.ListAsync(Ct)).Plans);
        w.ActAs(AccessSamples.Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.ListAsync(Ct));
    }
}
