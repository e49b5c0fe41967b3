namespace Mercato.Core.Campaigns;

/// <summary>The campaign workspace's collections in the document store: people, squads and campaigns, keyed by id.</summary>
public static class CampaignDocuments
{
    /// <summary>The people directory.</summary>
    public static DocumentKind<Person> People { get; } = new("people", p => p.Id);

    /// <summary>The squads.</summary>
    public static DocumentKind<Squad> Squads { get; } = new("squads", s => s.Id);

    /// <summary>The campaigns.</summary>
    public static DocumentKind<Campaign> Campaigns { get; } = new("campaigns", c => c.Id);
}
