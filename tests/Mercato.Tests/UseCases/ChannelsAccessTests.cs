using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Features.Channels;
using Mercato.Features.Imports;
using Mercato.Storage.Import;

namespace Mercato.Tests.UseCases;

/// <summary>Who may read the channel catalog and who may classify channels.</summary>
public sealed class ChannelsAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    private static readonly Principal Lead = new("lee", [new RoleGrant(Role.UnitLead)]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestWorkspace> WithSearchAsync()
    {
        var w = await TestWorkspace.OpenAsync();
        var bytes = Encoding.UTF8.GetBytes("date,channel,spend\n2026-03-01,search,1\n");
        Assert.Equal(ImportStatus.Committed, (await w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct)).Status);
        return w;
    }

    [Fact]
    public async Task AViewerListsTheChannels_AnAgencyIsRefused()
    {
        await using var w = await WithSearchAsync();
        var channels = w.Get<ChannelUseCases>();

        w.ActAs(Viewer);
        Assert.Equal(["search"], (await channels.ListAsync(Ct)).Select(c => c.Name));

        w.ActAs(Agency);
        Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(() => channels.ListAsync(Ct))).Permission);
    }

    [Fact]
    public async Task AnAnalystClassifiesAChannel_AViewerAndAUnitLeadAreRefused_WithTheGroupUnchanged()
    {
        await using var w = await WithSearchAsync();
        var channels = w.Get<ChannelUseCases>();
        var before = (await channels.ListAsync(Ct)).Single().Group;
        var group = ChannelGroups.All.First(g => g != ChannelGroup.Unassigned && g.Slug() != before).Slug();

        foreach (var refused in new[] { Viewer, Lead })
        {
            w.ActAs(refused);
            Assert.Equal(Permission.ClassifyChannels, (await Assert.ThrowsAsync<AccessDeniedException>(() => channels.SetGroupAsync("search", group, Ct))).Permission);
        }

        Assert.Equal(before, (await channels.ListAsync(Ct)).Single().Group);

        w.ActAs(Analyst);
        Assert.Equal(group, Expect.Ok(await channels.SetGroupAsync("search", group, Ct)).Group);
    }
}
