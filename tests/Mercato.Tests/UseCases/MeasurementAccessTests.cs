using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Measurement;

namespace Mercato.Tests.UseCases;

/// <summary>
/// Who may read measurement: the journey reports need read_reports, the ROI and cohort reports read_money; an agency,
/// which holds neither, is refused each.
/// </summary>
public sealed class MeasurementAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal ReadToken = new("bot", [new RoleGrant(Role.Analyst)], TokenScope: TokenScope.Read);
    private static readonly Principal ImportToken = new("bot", [new RoleGrant(Role.Analyst)], TokenScope: TokenScope.Import);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<(string Name, Func<MeasurementUseCases, Task> Call, Permission Needs)> Reads() =>
    [
        ("attribution", m => m.AttributionAsync(new AttributionRequest(AttributionModel.Last), Ct), Permission.ReadReports),
        ("journeys", m => m.JourneysAsync(Ct), Permission.ReadReports),
        ("compare", m => m.CompareModelsAsync(Ct), Permission.ReadReports),
        ("lift", m => m.LiftAsync(Ct), Permission.ReadReports),
        ("roi", m => m.RoiAsync(new RoiRequest(), Ct), Permission.ReadMoney),
        ("cohorts", m => m.CohortsAsync(Ct), Permission.ReadMoney),
    ];

    [Fact]
    public async Task AViewerAndAReadToken_ReadEveryReport()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var measurement = w.Get<MeasurementUseCases>();

        foreach (var reader in new[] { Viewer, ReadToken })
        {
            w.ActAs(reader);
            foreach (var (_, call, _) in Reads())
            {
                await call(measurement);
            }
        }

        Assert.Equal(0L, Expect.Ok(await measurement.AttributionAsync(new AttributionRequest(AttributionModel.Last), Ct)).TotalConversions);
    }

    [Fact]
    public async Task AnAgencyAndAnImportToken_AreRefusedEveryReport_WithThePermissionItNeeds()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var measurement = w.Get<MeasurementUseCases>();

        foreach (var refused in new[] { Agency, ImportToken })
        {
            w.ActAs(refused);
            foreach (var (name, call, needs) in Reads())
            {
                var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => call(measurement));
                Assert.True(needs == denied.Permission, name + ": " + denied.Permission);
            }
        }
    }
}
