using System.Data.Common;
using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Documents;

/// <summary>
/// The audit log: every document change recorded in the commit's transaction with the JSON before and after, nothing for a
/// refused commit, rows the store refuses to update or delete, and queries filtered and paged in SQL, newest first.
/// </summary>
public abstract class AuditLogTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly Person Ann = new("ann", "Ann Lee", "brand", "Brand manager");

    private static readonly ICurrentUser Lin = new ActingAs(new Principal("lin", [new RoleGrant(Role.Executive)]), new WriteOrigin("page", "10.0.0.7"));

    private IDocumentStore Documents => Store.Inner.Documents;

    protected IAuditLog Audit => Store.Inner.Audit;

    private static string Json(Person p) => CampaignDocuments.People.ToJson(p);

    [Fact]
    public async Task PutPutDelete_WriteThreeEntries_WithTheDocumentBeforeAndAfter()
    {
        var renamed = Ann with { Name = "Ann Li" };
        Assert.True((await Documents.CommitAsync([DocumentChange.Put(CampaignDocuments.People, Ann, 0)], Lin, default)).Committed);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Documents.CommitAsync([DocumentChange.Put(CampaignDocuments.People, renamed, 1)], Lin, default)).Committed);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Documents.CommitAsync([DocumentChange.Delete(CampaignDocuments.People, "ann", 2)], new NamedUser("root"), default)).Committed);

        var entries = await Audit.QueryAsync(new AuditQuery(), default);

        Assert.Equal(
            [
                ("root", "cli", null, "delete", "people", "ann", Json(renamed), null, Start.AddMinutes(2)),
                ("lin", "page", "10.0.0.7", "put", "people", "ann", Json(Ann), Json(renamed), Start.AddMinutes(1)),
                ("lin", "page", "10.0.0.7", "put", "people", "ann", null, Json(Ann), Start),
            ],
            entries.Select(e => (e.Actor, e.Door, e.Address, e.Action, e.Collection, e.Target, e.Before, e.After, e.At)));
        Assert.True(entries[0].Id > entries[1].Id && entries[1].Id > entries[2].Id);
        Assert.Null(await Documents.GetAsync("people", "ann", default));
    }

    [Fact]
    public async Task RefusedCommit_WritesNoEntry_EvenForTheChangesBeforeTheConflict()
    {
        await Documents.CommitAsync([DocumentChange.Put(CampaignDocuments.People, Ann)], Lin, default);

        var refused = await Documents.CommitAsync(
            [
                DocumentChange.Put(CampaignDocuments.People, Ann with { Id = "bo", Name = "Bo Chen" }, 0),
                DocumentChange.Put(CampaignDocuments.People, Ann with { Name = "x" }, expectedVersion: 5),
            ],
            Lin, default);

        Assert.False(refused.Committed);
        Assert.Equal(1, Count("audit_log"));
        Assert.Equal(["ann"], (await Audit.QueryAsync(new AuditQuery(), default)).Select(e => e.Target));
    }

    [Fact]
    public async Task DeletingADocumentThatIsNotThere_ChangesNothing_AndWritesNoEntry()
    {
        Assert.True((await Documents.CommitAsync([DocumentChange.Delete(CampaignDocuments.People, "nobody")], Lin, default)).Committed);

        Assert.Equal(0, Count("audit_log"));
    }

    [Fact]
    public async Task TheStore_RefusesToUpdateOrDeleteAnEntry()
    {
        await Audit.AppendAsync("lin", WriteOrigin.Cli, "import", "spend", "7", default);

        Assert.ThrowsAny<DbException>(() => Execute("UPDATE audit_log SET actor = 'someone else'"));
        Assert.ThrowsAny<DbException>(() => Execute("DELETE FROM audit_log"));

        var kept = Assert.Single(await Audit.QueryAsync(new AuditQuery(), default));
        Assert.Equal(("lin", "cli", null, "import", "spend", "7", null, null), (kept.Actor, kept.Door, kept.Address, kept.Action, kept.Collection, kept.Target, kept.Before, kept.After));
    }

    [Fact]
    public async Task Query_FiltersByTimeActorAndCollection_InSql_AndPagesNewestFirst()
    {
        // Six entries a minute apart: lin imports spend (0, 2, 4), bo imports mentions (1, 3), lin puts a person (5).
        for (var i = 0; i < 5; i++)
        {
            await Audit.AppendAsync(i % 2 == 0 ? "lin" : "bo", new WriteOrigin("api", "10.0.0." + i), "import", i % 2 == 0 ? "spend" : "mentions", "b" + i, default);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Documents.CommitAsync([DocumentChange.Put(CampaignDocuments.People, Ann)], Lin, default);

        Assert.Equal(["ann", "b4", "b3", "b2", "b1", "b0"], await Targets(new AuditQuery()));
        Assert.Equal(["ann", "b4", "b2", "b0"], await Targets(new AuditQuery(Actor: "lin")));
        Assert.Equal(["b3", "b1"], await Targets(new AuditQuery(Collection: "mentions")));
        Assert.Equal(["b4", "b2"], await Targets(new AuditQuery(Actor: "lin", Collection: "spend", From: Start.AddMinutes(1))));
        // From included, to excluded.
        Assert.Equal(["b3", "b2", "b1"], await Targets(new AuditQuery(From: Start.AddMinutes(1), To: Start.AddMinutes(4))));
        Assert.Empty(await Targets(new AuditQuery(Actor: "nobody")));

        var first = await Audit.QueryAsync(new AuditQuery(Limit: 2), default);
        var second = await Audit.QueryAsync(new AuditQuery(Limit: 2, BeforeId: first[^1].Id), default);
        var third = await Audit.QueryAsync(new AuditQuery(Limit: 2, BeforeId: second[^1].Id), default);
        var fourth = await Audit.QueryAsync(new AuditQuery(Limit: 2, BeforeId: third[^1].Id), default);
        Assert.Equal(["ann", "b4", "b3", "b2", "b1", "b0"], first.Concat(second).Concat(third).Select(e => e.Target));
        Assert.Empty(fourth);
    }

    [Fact]
    public async Task Query_CapsTheLimit_BetweenOneAndTenThousand()
    {
        for (var i = 0; i < 3; i++)
        {
            await Audit.AppendAsync("lin", WriteOrigin.Cli, "import", "spend", "b" + i, default);
        }

        Assert.Single(await Audit.QueryAsync(new AuditQuery(Limit: 0), default));
        Assert.Equal(3, (await Audit.QueryAsync(new AuditQuery(Limit: 1_000_000), default)).Count);
    }

    [Fact]
    public async Task Entries_AreKeptAcrossOpens()
    {
        await Documents.CommitAsync([DocumentChange.Put(CampaignDocuments.People, Ann)], Lin, default);

        await using var reopened = await Store.ReopenAsync(Clock);

        Assert.Equal("ann", Assert.Single(await reopened.Inner.Audit.QueryAsync(new AuditQuery(), default)).Target);
    }

    private async Task<List<string?>> Targets(AuditQuery query) =>
        [.. (await Audit.QueryAsync(query, default)).Select(e => e.Target)];
}

public sealed class AuditLogTestsOnSqlite() : AuditLogTests(StoreProvider.Sqlite);

public sealed class AuditLogTestsOnPostgres() : AuditLogTests(StoreProvider.Postgres)
{
    [Fact]
    public async Task TruncateIsRefusedToo()
    {
        await Audit.AppendAsync("lin", WriteOrigin.Cli, "import", "spend", "7", default);

        Assert.ThrowsAny<DbException>(() => Execute("TRUNCATE audit_log"));

        Assert.Equal(1, Count("audit_log"));
    }
}
