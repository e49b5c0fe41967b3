namespace Mercato.Campaigns;

/// <summary>Shared words of the campaigns area's pages.</summary>
public static class CampaignsArea
{
    /// <summary>The path of a campaign's page.</summary>
    public static string CampaignPath(string id) => "/campaigns/c/" + Uri.EscapeDataString(id);
}
