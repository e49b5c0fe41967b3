using Mercato.Core.Campaigns;
using Mercato.Core.Demo;
using Mercato.Core.Influencers;
using Mercato.Features.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// The identities of the access tests on a demo workspace, each an account with a write-scoped API token: an administrator,
/// an executive, a unit lead at the target campaign's unit (<c>lead_in</c>) and one at a unit outside it (<c>lead_out</c>),
/// a member of one of the target's squads and a member of none, an analyst, a viewer, an agency named on the target and
/// one named on another campaign; and the ids that fill the routes' parameters.
/// </summary>
public sealed class AccessFixture
{
    private readonly Dictionary<string, string> _values;

    private AccessFixture(Dictionary<string, string> tokens, Dictionary<string, string> values, Campaign target, Campaign other)
    {
        Tokens = tokens;
        _values = values;
        Target = target;
        Other = other;
    }

    /// <summary>The identity's raw API token.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; }

    /// <summary>The campaign the scoped identities are in or out of.</summary>
    public Campaign Target { get; }

    /// <summary>The campaign only <c>agency_out</c> is named on.</summary>
    public Campaign Other { get; }

    public const string Password = "matrix-pass-2026!";

    public static async Task<AccessFixture> CreateAsync(RunningApp app)
    {
        var documents = app.Services.GetRequiredService<IDocumentStore>();
        var squads = await documents.ValuesAsync(CampaignDocuments.Squads, default);
        var people = await documents.ValuesAsync(CampaignDocuments.People, default);
        var campaigns = await documents.ValuesAsync(CampaignDocuments.Campaigns, default);
        var target = campaigns.First(c => squads.Any(s => s.Campaigns.Contains(c.Id) && s.Members.Count > 1) && c.Unit != "rnd");
        var other = campaigns.First(c => c.Id != target.Id);
        var squad = squads.First(s => s.Campaigns.Contains(target.Id) && s.Members.Count > 1);
        var inSquads = squads.Where(s => s.Campaigns.Contains(target.Id)).SelectMany(s => s.Members.Select(m => m.Person)).ToHashSet();
        var memberIn = squad.Members.First().Person;
        var memberOut = people.First(p => !inSquads.Contains(p.Id)).Id;
        var grants = new Dictionary<string, (RoleGrant Grant, string? Person)>
        {
            ["admin"] = (new RoleGrant(Role.Admin), null),
            ["executive"] = (new RoleGrant(Role.Executive), null),
            ["lead_in"] = (new RoleGrant(Role.UnitLead, target.Unit), null),
            ["lead_out"] = (new RoleGrant(Role.UnitLead, "rnd"), null),
            ["member_in"] = (new RoleGrant(Role.Member, people.First(p => p.Id == memberIn).Unit), memberIn),
            ["member_out"] = (new RoleGrant(Role.Member, people.First(p => p.Id == memberOut).Unit), memberOut),
            ["analyst"] = (new RoleGrant(Role.Analyst), null),
            ["viewer"] = (new RoleGrant(Role.Viewer), null),
            ["agency_in"] = (new RoleGrant(Role.Agency, null, [target.Id]), null),
            ["agency_out"] = (new RoleGrant(Role.Agency, null, [other.Id]), null),
        };
        var accounts = app.Services.GetRequiredService<AccountUseCases>();
        var tokenCases = app.Services.GetRequiredService<TokenUseCases>();
        var tokens = new Dictionary<string, string>();
        foreach (var (who, (grant, person)) in grants)
        {
            var id = "t-" + who.Replace('_', '-');
            var added = await accounts.AddAsync(id, who, id + "@example.com", person, [grant], Password, default);
            Assert.True(added.IsOk, "account " + id + ": " + added + " " + string.Join(", ", added.Problems));
            var token = await tokenCases.CreateAsync("matrix", id, TokenScope.Write, null, default);
            Assert.True(token.IsOk, "token " + id + ": " + token);
            tokens[who] = token.Value!.Raw;
        }

        var influencers = await documents.ValuesAsync(Influencer.Documents, default);
        var influencer = influencers.First(i => i.Collaborations.Count > 0);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["campaign"] = target.Id,
            ["squad"] = squad.Id,
            ["person"] = memberIn,
            ["influencer"] = influencer.Id,
            ["collaboration"] = influencer.Collaborations[0].Id,
            ["case"] = CrisisDocumentsCaseId,
            ["unit"] = target.Unit,
        };
        return new AccessFixture(tokens, values, target, other);
    }

    private const string CrisisDocumentsCaseId = DemoCrisis.CaseId;

    /// <summary>A URL for <paramref name="pattern"/>: each route parameter filled with an id the demo has where one matters.</summary>
    public string Fill(string pattern)
    {
        string Of(string key) => _values[key];
        var kind = pattern switch
        {
            _ when pattern.Contains("/campaigns/people/", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/people/", StringComparison.Ordinal) => "person",
            _ when pattern.Contains("/squads/", StringComparison.Ordinal) => "squad",
            _ when pattern.Contains("campaigns", StringComparison.Ordinal) => "campaign",
            _ when pattern.Contains("influencers", StringComparison.Ordinal) => "influencer",
            _ when pattern.Contains("/crisis/", StringComparison.Ordinal) || pattern.Contains("/cases/", StringComparison.Ordinal) => "case",
            _ when pattern.Contains("/units/", StringComparison.Ordinal) => "unit",
            _ => null,
        };
        var url = pattern
            .Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{Id:long}", "1", StringComparison.Ordinal)
            .Replace("{squad}", Of("squad"), StringComparison.Ordinal)
            .Replace("{collaboration}", Of("collaboration"), StringComparison.Ordinal).Replace("{Collaboration}", Of("collaboration"), StringComparison.Ordinal)
            .Replace("{kpi}", "new_users", StringComparison.Ordinal).Replace("{unit}", Of("unit"), StringComparison.Ordinal).Replace("{period}", "2026-01", StringComparison.Ordinal)
            .Replace("{name}", pattern.Contains("templates", StringComparison.Ordinal) ? "recommended" : pattern.Contains("channels", StringComparison.Ordinal) ? "email" : "none", StringComparison.Ordinal)
            .Replace("{kind}", "touchpoints", StringComparison.Ordinal).Replace("{stage}", "planning", StringComparison.Ordinal).Replace("{statementId}", "s-1", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal);
        var id = kind is null ? "none" : Of(kind);
        return url.Replace("{id}", id, StringComparison.Ordinal).Replace("{Id}", id, StringComparison.Ordinal);
    }
}
