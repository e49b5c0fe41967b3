using Mercato.Core.Campaigns;
using Mercato.Core.Organization;

namespace Mercato.Features.Campaigns;

/// <summary>The campaign workspace as read, with the version of each document (for the versions a write expects).</summary>
/// <param name="Workspace">People, squads, campaigns and the structure.</param>
/// <param name="Versions">Each document's version by (collection, id).</param>
public sealed record LoadedWorkspace(CampaignWorkspace Workspace, IReadOnlyDictionary<(string Collection, string Id), long> Versions)
{
    /// <summary>The version of a person as read (0 when there is none).</summary>
    public long PersonVersion(string id) => Versions.GetValueOrDefault((CampaignDocuments.People.Collection, id));

    /// <summary>The version of a squad as read (0 when there is none).</summary>
    public long SquadVersion(string id) => Versions.GetValueOrDefault((CampaignDocuments.Squads.Collection, id));

    /// <summary>The version of a campaign as read (0 when there is none).</summary>
    public long CampaignVersion(string id) => Versions.GetValueOrDefault((CampaignDocuments.Campaigns.Collection, id));
}

/// <summary>
/// Reads and writes the campaign workspace's documents for the people and campaigns use cases: one read of everything
/// (the rules check a change against the whole workspace) and one commit that applies every document a change touches,
/// each at the version it was read, or none.
/// </summary>
public sealed class WorkspaceDocuments(IDocumentStore documents, ICurrentUser user)
{
    /// <summary>People, squads, campaigns and the structure, with versions.</summary>
    public async Task<LoadedWorkspace> LoadAsync(CancellationToken cancellationToken)
    {
        var people = await documents.ListAsync(CampaignDocuments.People, cancellationToken).ConfigureAwait(false);
        var squads = await documents.ListAsync(CampaignDocuments.Squads, cancellationToken).ConfigureAwait(false);
        var campaigns = await documents.ListAsync(CampaignDocuments.Campaigns, cancellationToken).ConfigureAwait(false);
        var structure = await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false);
        var versions = new Dictionary<(string, string), long>();
        foreach (var p in people)
        {
            versions[(CampaignDocuments.People.Collection, p.Value.Id)] = p.Version;
        }

        foreach (var s in squads)
        {
            versions[(CampaignDocuments.Squads.Collection, s.Value.Id)] = s.Version;
        }

        foreach (var c in campaigns)
        {
            versions[(CampaignDocuments.Campaigns.Collection, c.Value.Id)] = c.Version;
        }

        return new LoadedWorkspace(
            new CampaignWorkspace([.. people.Select(p => p.Value)], [.. squads.Select(s => s.Value)], [.. campaigns.Select(c => c.Value)], structure?.Value),
            versions);
    }

    /// <summary>The people directory.</summary>
    public Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken cancellationToken) => documents.ValuesAsync(CampaignDocuments.People, cancellationToken);

    /// <summary>The squads.</summary>
    public Task<IReadOnlyList<Squad>> SquadsAsync(CancellationToken cancellationToken) => documents.ValuesAsync(CampaignDocuments.Squads, cancellationToken);

    /// <summary>The campaigns.</summary>
    public Task<IReadOnlyList<Campaign>> CampaignsAsync(CancellationToken cancellationToken) => documents.ValuesAsync(CampaignDocuments.Campaigns, cancellationToken);

    /// <summary>One campaign with its version, or null.</summary>
    public Task<Versioned<Campaign>?> CampaignAsync(string id, CancellationToken cancellationToken) => documents.GetAsync(CampaignDocuments.Campaigns, id, cancellationToken);

    /// <summary>One person with its version, or null.</summary>
    public Task<Versioned<Person>?> PersonAsync(string id, CancellationToken cancellationToken) => documents.GetAsync(CampaignDocuments.People, id, cancellationToken);

    /// <summary>One squad with its version, or null.</summary>
    public Task<Versioned<Squad>?> SquadAsync(string id, CancellationToken cancellationToken) => documents.GetAsync(CampaignDocuments.Squads, id, cancellationToken);

    /// <summary>Applies <paramref name="changes"/> as the acting person: all, or none when one moved meanwhile.</summary>
    public async Task<bool> CommitAsync(IReadOnlyList<DocumentChange> changes, CancellationToken cancellationToken) =>
        (await documents.CommitAsync(changes, user, cancellationToken).ConfigureAwait(false)).Committed;
}
