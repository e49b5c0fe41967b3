using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Features.Imports;
using Mercato.Storage.Import;

namespace Mercato.Tests.UseCases;

/// <summary>Who may import and who may read the data center's holdings (issue 15: checked once, in the use case).</summary>
public sealed class ImportsAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    private static readonly Principal ImportToken = new("bot", [new RoleGrant(Role.Analyst)], TokenScope: TokenScope.Import);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ImportRequest Spend() => Csv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

    private static ImportRequest Csv(DataKind kind, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false));
    }

    [Fact]
    public async Task AnAnalystImports_AViewerAndAnAgencyAreRefused_WithNothingWritten()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var imports = w.Get<ImportUseCases>();

        foreach (var refused in new[] { Viewer, Agency })
        {
            w.ActAs(refused);
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => imports.ImportAsync(Spend(), Ct));
            Assert.Equal((refused.Name, Permission.Import), (denied.Actor, denied.Permission));
        }

        w.ActAs(Viewer);
        Assert.Empty(await imports.BatchesAsync(10, null, Ct));

        w.ActAs(Analyst);
        var imported = await imports.ImportAsync(Spend(), Ct);
        Assert.Equal((ImportStatus.Committed, 1L), (imported.Status, imported.Added));
    }

    [Fact]
    public async Task AnImportToken_ImportsMentionsReadWithTheWatchList_ButReadsNoHoldings()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var imports = w.Get<ImportUseCases>();
        w.ActAs(ImportToken);

        // Reading mentions at import reads the watch list: the import's own check covers it, the token holds nothing else.
        var imported = await imports.ImportAsync(Csv(DataKinds.Mentions, "mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares\nm1,2026-03-30T10:00:00Z,weibo,ann,,terrible recall,,en,100,0,0,0\n"), Ct);
        Assert.Equal((ImportStatus.Committed, 1L), (imported.Status, imported.Added));

        Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(() => imports.SourcesAsync(Ct))).Permission);
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.BatchesAsync(10, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.BatchAsync(imported.BatchId, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.MonthlyRowsAsync(Ct));
    }

    [Fact]
    public async Task AViewerReadsTheHoldings_AnAgencyIsRefused()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var imports = w.Get<ImportUseCases>();
        var batch = (await imports.ImportAsync(Spend(), Ct)).BatchId;

        w.ActAs(Viewer);
        Assert.Equal(1L, (await imports.SourcesAsync(Ct)).Kinds.Single(k => k.Kind == DataKinds.Spend.Name).Rows);
        Assert.Equal(1L, (await imports.MonthlyRowsAsync(Ct)).Sum(m => m.Rows));
        Assert.Equal([batch], (await imports.BatchesAsync(10, null, Ct)).Select(b => b.Id));
        Assert.Equal(batch, Expect.Ok(await imports.BatchAsync(batch, Ct)).Id);

        w.ActAs(Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.SourcesAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.MonthlyRowsAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.BatchesAsync(10, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.BatchAsync(batch, Ct));
    }
}
