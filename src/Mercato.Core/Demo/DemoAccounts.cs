using Mercato.Core.Access;
using Mercato.Core.Campaigns;

namespace Mercato.Core.Demo;

/// <summary>An account of the demo workspace, with what its role lets it see (shown on a demo workspace's sign-in page only).</summary>
/// <param name="Id">The sign-in name.</param>
/// <param name="Name">Who it is.</param>
/// <param name="Person">The person of the demo's people directory.</param>
/// <param name="Grants">Its roles.</param>
public sealed record DemoAccount(string Id, string Name, string? Person, IReadOnlyList<RoleGrant> Grants)
{
    /// <summary>What its role shows, in a sentence.</summary>
    public string Explains => Grants.Count > 0 ? DemoAccounts.Explain(Grants[0].Role) : "";

    /// <summary>The e-mail address (the demo company's domain).</summary>
    public string Email => Id + DemoAccounts.Domain;

    /// <summary>The roles as words: <c>unit_lead at new_media</c>.</summary>
    public string RoleText => string.Join(", ", Grants.Select(g => EnumWords.Word(g.Role) + (g.Unit is { } u ? " at " + u : "")
        + (g.Campaigns.Count > 0 ? " on " + string.Join(", ", g.Campaigns) : "")));
}

/// <summary>
/// The demo company's accounts: one per role, so a newcomer can sign in as the CMO, a unit lead, a squad member, an
/// analyst, a viewer or an agency and see the difference. They are created with the demo and leave with it; their password
/// is public (<see cref="Password"/>), which is why a workspace without the demo has none of them.
/// </summary>
public static class DemoAccounts
{
    /// <summary>The demo accounts' e-mail domain: reserved for examples (RFC 2606), so no real account has it.</summary>
    public const string Domain = "@kangning.example";

    /// <summary>The password of every demo account.</summary>
    public const string Password = "kangning-demo-2026";

    /// <summary>What a role lets a demo account see, in a sentence (the sign-in page of a demo workspace shows it).</summary>
    public static string Explain(Role role) => role switch
    {
        Role.Admin => "Everything, plus accounts, settings and the store.",
        Role.Executive => "Everything in the workspace; approves budgets and plans; reads the audit log.",
        Role.UnitLead => "Writes the campaigns, squads and targets of their unit and the units below it; reads all reports.",
        Role.Member => "Writes the campaigns of the squads they are in; reads reports.",
        Role.Analyst => "Imports data and classifies channels; reads everything.",
        Role.Viewer => "Reads every report, but no one's personal data (no people, no squads' members).",
        _ => "Reads and writes only the campaigns it is named on; sees no revenue, margin or people.",
    };

    /// <summary>Whether an account with <paramref name="email"/> is one of the demo's.</summary>
    public static bool IsDemo(string email) => email?.EndsWith(Domain, StringComparison.OrdinalIgnoreCase) ?? false;

    /// <summary>
    /// The accounts, from the demo's squads and campaigns: the member is the first non-lead member of a squad that runs a
    /// campaign; the agency is named on the influencer collaborations.
    /// </summary>
    public static IReadOnlyList<DemoAccount> For(IReadOnlyList<Person> people, IReadOnlyList<Squad> squads, IReadOnlyList<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(squads);
        ArgumentNullException.ThrowIfNull(campaigns);
        var names = people.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var accounts = new List<DemoAccount>
        {
            new("admin", "Workspace administrator", null, [new RoleGrant(Role.Admin)]),
            new("lin-hui", "Lin Hui, CMO", Known("lin-hui"), [new RoleGrant(Role.Executive)]),
            new("he-jing", "He Jing, head of new media", Known("he-jing"), [new RoleGrant(Role.UnitLead, "new_media")]),
            new("ma-rui", "Ma Rui, head of the data center", Known("ma-rui"), [new RoleGrant(Role.Analyst)]),
            new("board", "Board observer", null, [new RoleGrant(Role.Viewer)]),
        };
        if (squads.Where(s => s.Campaigns.Count > 0).SelectMany(s => s.Members).FirstOrDefault(m => m.Role != SquadRole.Lead) is { } member
            && names.TryGetValue(member.Person, out var memberName))
        {
            accounts.Add(new(member.Person, memberName + ", squad member", member.Person, [new RoleGrant(Role.Member, people.First(p => p.Id == member.Person).Unit)]));
        }

        var named = campaigns.Where(c => c.Type == CampaignType.InfluencerCollaboration).Select(c => c.Id).Order(StringComparer.Ordinal).Take(3).ToList();
        if (named.Count > 0)
        {
            accounts.Add(new("bluewave-agency", "Bluewave, the KOL agency", null, [new RoleGrant(Role.Agency, null, named)]));
        }

        return accounts;

        string? Known(string id) => names.ContainsKey(id) ? id : null;
    }
}
