using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Documents;

/// <summary>The document store: versions, all-or-nothing commits, edits made meanwhile refused, and reads by collection.</summary>
public abstract class DocumentStoreTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly Person Ann = new("ann", "Ann Lee", "brand", "Brand manager", ["ANN-1"]);
    private static readonly Person Bo = new("bo", "Bo Chen", "new_media", "Editor");

    private IDocumentStore Documents => Store.Inner.Documents;

    private Task<DocumentCommit> Commit(params DocumentChange[] changes) => Documents.CommitAsync(changes, new NamedUser("ann"), default);

    [Fact]
    public async Task Put_NewDocument_IsVersion1_WithWhenAndWho()
    {
        Assert.True((await Commit(DocumentChange.Put(CampaignDocuments.People, Ann, expectedVersion: 0))).Committed);

        var stored = await Documents.GetAsync(CampaignDocuments.People, "ann", default);

        Assert.NotNull(stored);
        Assert.Equal(Ann, stored.Value);
        Assert.Equal(1, stored.Version);
        Assert.Equal("2026-04-01T08:00:00.000Z", stored.SavedAt);
        Assert.Equal("ann", stored.SavedBy);
    }

    [Fact]
    public async Task Put_AtTheVersionRead_BumpsIt_AndAStaleVersionIsRefusedWithNothingWritten()
    {
        await Commit(DocumentChange.Put(CampaignDocuments.People, Ann));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var renamed = Ann with { Name = "Ann Li" };

        var first = await Commit(DocumentChange.Put(CampaignDocuments.People, renamed, expectedVersion: 1));
        var second = await Commit(DocumentChange.Put(CampaignDocuments.People, Ann with { Title = "CMO" }, expectedVersion: 1));

        Assert.True(first.Committed);
        Assert.False(second.Committed);
        Assert.Equal(("people", "ann"), second.Conflict);
        Assert.Equal(2, second.ActualVersion);
        var stored = await Documents.GetAsync(CampaignDocuments.People, "ann", default);
        Assert.Equal((renamed, 2L, "2026-04-01T08:01:00.000Z"), (stored!.Value, stored.Version, stored.SavedAt));
    }

    [Fact]
    public async Task Commit_IsAllOrNothing_WhenOneChangeMovedMeanwhile()
    {
        await Commit(DocumentChange.Put(CampaignDocuments.People, Ann));

        var refused = await Commit(
            DocumentChange.Put(CampaignDocuments.People, Bo, expectedVersion: 0),
            DocumentChange.Put(CampaignDocuments.People, Ann with { Name = "x" }, expectedVersion: 0));

        Assert.False(refused.Committed);
        Assert.Equal(("people", "ann"), refused.Conflict);
        Assert.Equal(["ann"], (await Documents.ListAsync(CampaignDocuments.People, default)).Select(d => d.Value.Id));
    }

    [Fact]
    public async Task Delete_RemovesTheDocument_AtTheVersionRead()
    {
        await Commit(DocumentChange.Put(CampaignDocuments.People, Ann), DocumentChange.Put(CampaignDocuments.People, Bo));

        Assert.False((await Commit(DocumentChange.Delete(CampaignDocuments.People, "ann", expectedVersion: 2))).Committed);
        Assert.True((await Commit(DocumentChange.Delete(CampaignDocuments.People, "ann", expectedVersion: 1))).Committed);
        Assert.True((await Commit(DocumentChange.Delete(CampaignDocuments.People, "nobody"))).Committed);

        Assert.Null(await Documents.GetAsync(CampaignDocuments.People, "ann", default));
        Assert.Equal([Bo], await Documents.ValuesAsync(CampaignDocuments.People, default));
    }

    [Fact]
    public async Task Put_ExpectingNoDocument_IsRefusedWhenOneExists()
    {
        await Commit(DocumentChange.Put(CampaignDocuments.People, Ann));

        var refused = await Commit(DocumentChange.Put(CampaignDocuments.People, Ann, expectedVersion: 0));

        Assert.Equal((("people", "ann"), 1L), (refused.Conflict, refused.ActualVersion));
    }

    [Fact]
    public async Task List_IsByIdInOrdinalOrder_AndCollectionsAreApart()
    {
        var ids = new[] { "b", "A", "a", "_x", "Z" };
        await Commit([.. ids.Select(id => DocumentChange.Put(CampaignDocuments.People, Ann with { Id = id }))]);
        await Commit(DocumentChange.Put(OrganizationDocuments.Structure, OrgTemplates.Get("recommended")!));

        Assert.Equal(ids.Order(StringComparer.Ordinal), (await Documents.ListAsync(CampaignDocuments.People, default)).Select(d => d.Value.Id));
        Assert.Empty(await Documents.ListAsync(CampaignDocuments.Squads, default));
        Assert.Equal(OrgTemplates.Get("recommended"), (await Documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, default))!.Value);
    }

    [Fact]
    public async Task Documents_NeverChangeTheDataVersionOfTheFacts()
    {
        var before = Store.DataVersion();

        await Commit(DocumentChange.Put(CampaignDocuments.People, Ann));

        Assert.Equal(before, Store.DataVersion());
    }

    [Fact]
    public async Task ConcurrentCommits_AtTheSameVersion_OneWinsAndTheOthersAreRefused()
    {
        await Commit(DocumentChange.Put(CampaignDocuments.People, Ann));

        var commits = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Documents.CommitAsync([DocumentChange.Put(CampaignDocuments.People, Ann with { Title = "t" + i }, expectedVersion: 1)], new NamedUser("u" + i), default))));

        Assert.Equal(1, commits.Count(c => c.Committed));
        Assert.All(commits.Where(c => !c.Committed), c => Assert.Equal(2, c.ActualVersion));
        Assert.Equal(2, (await Documents.GetAsync(CampaignDocuments.People, "ann", default))!.Version);
    }

    [Fact]
    public async Task Documents_AreKeptAcrossOpens()
    {
        await Commit(DocumentChange.Put(WorkspaceSettings.Document, new WorkspaceSettings("Asia/Shanghai")));

        await using var reopened = await Store.ReopenAsync(Clock);

        var settings = await reopened.Inner.Documents.GetAsync(WorkspaceSettings.Document, WorkspaceSettings.Id, default);
        Assert.Equal("Asia/Shanghai", settings!.Value.Zone.Id);
    }
}

public sealed class DocumentStoreTestsOnSqlite() : DocumentStoreTests(StoreProvider.Sqlite);

public sealed class DocumentStoreTestsOnPostgres() : DocumentStoreTests(StoreProvider.Postgres);
