using System.Text.Json.Serialization;

namespace Mercato.Core.Access;

/// <summary>
/// What a person may do in the workspace (docs/access.md has the table). A role is granted at a unit of the organization
/// and holds there and in every unit below it; a grant with no unit holds for the whole organization.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Accounts, settings and the store; and everything an executive may do.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>Everything in the workspace; approves budgets and plans.</summary>
    [JsonStringEnumMemberName("executive")]
    Executive,

    /// <summary>Writes the campaigns, squads, targets, plans and cases of a unit and the units below it; reads all reports.</summary>
    [JsonStringEnumMemberName("unit_lead")]
    UnitLead,

    /// <summary>Writes the campaigns of the squads the person is in; reads reports.</summary>
    [JsonStringEnumMemberName("member")]
    Member,

    /// <summary>Imports data, classifies channels, reads everything.</summary>
    [JsonStringEnumMemberName("analyst")]
    Analyst,

    /// <summary>Reads everything but people's personal data.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer,

    /// <summary>Reads and writes only the campaigns it is named on; sees no revenue, margin or people.</summary>
    [JsonStringEnumMemberName("agency")]
    Agency,
}

/// <summary>What an action needs (docs/access.md maps each to the roles that hold it).</summary>
public enum Permission
{
    /// <summary>Read reports, boards, the data center, listening, influencers, ads: everything but personal data.</summary>
    ReadReports,

    /// <summary>Read one campaign (everyone who reads reports; an agency only the campaigns it is named on).</summary>
    ReadCampaign,

    /// <summary>Read people's personal data: the people directory, squads' members, the staff leaderboard.</summary>
    ReadPeople,

    /// <summary>Read revenue, margin and returns (everyone but an agency).</summary>
    ReadMoney,

    /// <summary>Import data (files, the ingestion API), rescore, remove batches.</summary>
    Import,

    /// <summary>Classify channels and sources.</summary>
    ClassifyChannels,

    /// <summary>Write the organization: units, functions, KPIs.</summary>
    WriteOrganization,

    /// <summary>Write the work of a unit: its campaigns, squads, targets, plans and cases (scoped by unit).</summary>
    WriteUnitWork,

    /// <summary>Write one campaign (scoped by its unit, its squads, or an agency's naming).</summary>
    WriteCampaign,

    /// <summary>Write what all units share: the watch list, the influencer directory, alerts, crisis cases, models.</summary>
    WriteShared,

    /// <summary>Approve a campaign's budget or a budget plan.</summary>
    ApproveBudget,

    /// <summary>Approve a campaign's content kit (scoped by the campaign's unit).</summary>
    ApproveKit,

    /// <summary>Manage accounts, roles and tokens.</summary>
    ManageAccounts,

    /// <summary>Change workspace settings.</summary>
    ManageSettings,

    /// <summary>Load or remove the demo, back up, restore, manage the store.</summary>
    ManageStore,

    /// <summary>Read the audit log.</summary>
    ReadAudit,
}

/// <summary>A role granted at a unit (null: the whole organization); an agency's grant names its campaigns.</summary>
/// <param name="Role">The role.</param>
/// <param name="Unit">The unit it is granted at, or null for the whole organization.</param>
/// <param name="Campaigns">For <see cref="Role.Agency"/>: the ids of the campaigns it is named on.</param>
public sealed record RoleGrant(Role Role, string? Unit = null, IReadOnlyList<string>? Campaigns = null)
{
    /// <summary>The campaigns of an agency's grant; empty otherwise.</summary>
    public IReadOnlyList<string> Campaigns { get; init; } = [.. Campaigns ?? []];

    /// <summary>Value equality with the campaigns compared item by item.</summary>
    public bool Equals(RoleGrant? other) =>
        other is not null && Role == other.Role && string.Equals(Unit, other.Unit, StringComparison.Ordinal)
        && Campaigns.SequenceEqual(other.Campaigns, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Role, Unit, Campaigns.Count);
}

/// <summary>
/// Who is acting and what they hold: the signed-in account, a token's account within its scope, or the operating-system
/// user of the command line (an administrator: whoever can read the store file can read everything).
/// </summary>
/// <param name="Name">The account's id (or the OS user's name); what every change records.</param>
/// <param name="Grants">The roles it holds.</param>
/// <param name="Person">The person of the people directory the account is, if any.</param>
/// <param name="TokenScope">When acting through an API token: what the token allows; null for a signed-in person.</param>
public sealed record Principal(string Name, IReadOnlyList<RoleGrant> Grants, string? Person = null, TokenScope? TokenScope = null)
{
    /// <summary>An administrator of the whole workspace (the command line, a server running without sign-in).</summary>
    public static Principal Administrator(string name) => new(name, [new RoleGrant(Role.Admin)]);

    /// <summary>Nobody signed in: holds nothing.</summary>
    public static Principal Anonymous { get; } = new("anonymous", []);

    /// <summary>Whether nobody is signed in.</summary>
    public bool IsAnonymous => Grants.Count == 0 && ReferenceEquals(this, Anonymous);

    /// <summary>Value equality with the grants compared item by item.</summary>
    public bool Equals(Principal? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Grants.SequenceEqual(other.Grants)
        && string.Equals(Person, other.Person, StringComparison.Ordinal) && TokenScope == other.TokenScope;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Grants.Count, Person, TokenScope);
}

/// <summary>What an API token may do, at most (the account's roles still apply).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TokenScope>))]
public enum TokenScope
{
    /// <summary>Only the ingestion endpoints (<c>/api/v1/events</c>, <c>/api/v1/import/{kind}</c>).</summary>
    [JsonStringEnumMemberName("import")]
    Import,

    /// <summary>Reads only.</summary>
    [JsonStringEnumMemberName("read")]
    Read,

    /// <summary>Reads and writes, as the account may.</summary>
    [JsonStringEnumMemberName("write")]
    Write,
}

/// <summary>Which front door a change came through, and from where: what the audit log records beside the actor.</summary>
/// <param name="Door"><c>page</c>, <c>api</c>, <c>cli</c> or <c>server</c> (the server's own schedule).</param>
/// <param name="Address">The client's address for the web doors; null for the command line.</param>
public sealed record WriteOrigin(string Door, string? Address = null)
{
    /// <summary>The command line on the store's machine.</summary>
    public static WriteOrigin Cli { get; } = new("cli");

    /// <summary>The server itself (the alert schedule, the demo loaded at start).</summary>
    public static WriteOrigin Server { get; } = new("server");
}
