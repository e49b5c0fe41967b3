using System.Text.Json.Nodes;
using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Documents;

/// <summary>
/// The audit log keeps no secret: accounts' password hashes and second-factor secrets and tokens' hashes are written as
/// "[redacted]" before and after, while the rest of the document (roles, lockout, session stamp) stays and the document
/// itself keeps its secrets.
/// </summary>
public abstract class AuditRedactionTests(StoreProvider provider) : StoreTest(provider)
{
    private const string Hash = "AQAAAAIAAYagAAAAEPbkdf2secretHASHvalue0123456789";

    private const string Secret = "JBSWY3DPEHPK3PXPSECRETTOTP";

    private const string TokenHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly ICurrentUser Admin = new ActingAs(new Principal("root", [new RoleGrant(Role.Admin)]), new WriteOrigin("page", "10.0.0.7"));

    private static readonly Account Ann = new(
        "ann", "Ann Lee", "ann@example.com", null, [new RoleGrant(Role.Viewer)], Hash, null, 0, null, "stamp-1", Start);

    private IDocumentStore Documents => Store.Inner.Documents;

    private IAuditLog Audit => Store.Inner.Audit;

    [Fact]
    public async Task AnAccountsPutsAndDelete_KeepNoSecretInTheLog_ButEveryOtherChange()
    {
        var enrolled = Ann with { TotpSecret = Secret, TotpLastStep = 42 };
        var promoted = enrolled with { Grants = [new RoleGrant(Role.Executive)], PasswordHash = Hash + "new", SessionStamp = "stamp-2", FailedSignIns = 3 };
        Assert.True((await Documents.CommitAsync([DocumentChange.Put(Account.Documents, Ann, 0)], Admin, default)).Committed);
        Assert.True((await Documents.CommitAsync([DocumentChange.Put(Account.Documents, enrolled, 1)], Admin, default)).Committed);
        Assert.True((await Documents.CommitAsync([DocumentChange.Put(Account.Documents, promoted, 2)], Admin, default)).Committed);
        Assert.True((await Documents.CommitAsync([DocumentChange.Delete(Account.Documents, "ann", 3)], Admin, default)).Committed);

        var entries = await Audit.QueryAsync(new AuditQuery(), default);

        Assert.Equal(["delete", "put", "put", "put"], entries.Select(e => e.Action));
        // Read from the table itself, not through the query's mapping.
        var logged = string.Join("\n", Query<string?>("SELECT before FROM audit_log").Concat(Query<string?>("SELECT after FROM audit_log")));
        Assert.Contains("ann@example.com", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logged, StringComparison.Ordinal);
        var (created, enrolment, promotion, deletion) = (entries[3], entries[2], entries[1], entries[0]);
        Assert.Null(created.Before);
        Assert.Equal(("[redacted]", null), (Field(created.After, "passwordHash"), Field(created.After, "totpSecret")));
        // The enrolment shows as a second factor that appeared; its secret does not.
        Assert.Equal((null, "[redacted]"), (Field(enrolment.Before, "totpSecret"), Field(enrolment.After, "totpSecret")));
        // Roles, failures and the session stamp still read as changed; the password's hash is redacted on both sides.
        Assert.Equal(("viewer", "executive"), (RoleOf(promotion.Before), RoleOf(promotion.After)));
        Assert.Equal(("stamp-1", "stamp-2"), (Field(promotion.Before, "sessionStamp"), Field(promotion.After, "sessionStamp")));
        Assert.Equal("3", JsonNode.Parse(promotion.After!)!["failedSignIns"]!.ToJsonString());
        Assert.Equal(("[redacted]", "[redacted]"), (Field(promotion.Before, "passwordHash"), Field(promotion.After, "passwordHash")));
        Assert.Equal(("[redacted]", "[redacted]", null), (Field(deletion.Before, "passwordHash"), Field(deletion.Before, "totpSecret"), deletion.After));
        Assert.Equal("ann@example.com", Field(deletion.Before, "email"));
    }

    [Fact]
    public async Task AnAccountPut_LeavesNoHashInTheLog_WhileTheDocumentKeepsIt()
    {
        var enrolled = Ann with { TotpSecret = Secret, TotpLastStep = 42 };
        await Documents.CommitAsync([DocumentChange.Put(Account.Documents, enrolled)], Admin, default);

        var stored = await Documents.GetAsync(Account.Documents, "ann", default);

        Assert.Equal((Hash, Secret), (stored!.Value.PasswordHash, stored.Value.TotpSecret));
        var logged = Assert.Single(Query<string>("SELECT after FROM audit_log"));
        Assert.DoesNotContain(Hash, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenPut_LeavesNoHashInTheLog_WhileTheDocumentKeepsIt()
    {
        var token = new ApiToken("abcd1234", "ingest", "ann", TokenScope.Read, TokenHash, Start, null, null, null);
        await Documents.CommitAsync([DocumentChange.Put(ApiToken.Documents, token)], Admin, default);
        await Documents.CommitAsync([DocumentChange.Put(ApiToken.Documents, token with { RevokedAt = Start.AddDays(1) })], Admin, default);

        Assert.Equal(TokenHash, (await Documents.GetAsync(ApiToken.Documents, "abcd1234", default))!.Value.Hash);
        var entries = await Audit.QueryAsync(new AuditQuery(), default);
        Assert.Equal(2, entries.Count);
        Assert.All(entries.SelectMany(e => new[] { e.Before, e.After }).OfType<string>(), text => Assert.DoesNotContain(TokenHash, text, StringComparison.Ordinal));
        Assert.Equal(("[redacted]", "[redacted]"), (Field(entries[0].Before, "hash"), Field(entries[0].After, "hash")));
        Assert.Equal(("ingest", null, "2026-04-02T08:00:00+00:00"), (Field(entries[0].After, "name"), Field(entries[0].Before, "revokedAt"), Field(entries[0].After, "revokedAt")));
    }

    [Fact]
    public void OnlyAccountsAndTokens_HaveSecretFields()
    {
        Assert.Equal(["passwordHash", "totpSecret"], SecretDocuments.Of("accounts"));
        Assert.Equal(["hash"], SecretDocuments.Of("api_tokens"));
        Assert.Empty(SecretDocuments.Of(CampaignDocuments.People.Collection));
        Assert.Empty(SecretDocuments.Of("settings"));
    }

    private static string? Field(string? json, string name) => JsonNode.Parse(json!)![name]?.GetValue<string>();

    private static string? RoleOf(string? json) => JsonNode.Parse(json!)!["grants"]![0]!["role"]!.GetValue<string>();
}

public sealed class AuditRedactionTestsOnSqlite() : AuditRedactionTests(StoreProvider.Sqlite);

public sealed class AuditRedactionTestsOnPostgres() : AuditRedactionTests(StoreProvider.Postgres);
