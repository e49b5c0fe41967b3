namespace Mercato.Core.DataCenter;

/// <summary>The group a channel belongs to in the channel catalog.</summary>
public enum ChannelGroup
{
    /// <summary>A channel the user has not classified yet.</summary>
    Unassigned = 0,
    /// <summary>Search engine ads (Baidu, Google, app-store search).</summary>
    PaidSearch,
    /// <summary>Paid placements on social and short-video platforms.</summary>
    SocialAds,
    /// <summary>Influencer (KOL/KOC) posts and collaborations.</summary>
    Influencer,
    /// <summary>Live-stream selling sessions.</summary>
    LiveStream,
    /// <summary>The brand's own social accounts.</summary>
    OwnedSocial,
    /// <summary>Articles, video and other owned content.</summary>
    Content,
    /// <summary>E-mail, SMS and CRM messages.</summary>
    EmailCrm,
    /// <summary>App-store presence (listings, ratings, organic installs).</summary>
    AppStore,
    /// <summary>Exhibitions, fairs and events.</summary>
    OfflineEvent,
    /// <summary>Press and earned media.</summary>
    PrEarned,
    /// <summary>Referrals: staff and customer codes, partner links.</summary>
    Referral,
    /// <summary>Direct visits with no other source.</summary>
    Direct,
}

/// <summary>Slugs, labels and the built-in guesses that map well-known channel names to groups.</summary>
public static class ChannelGroups
{
    private static readonly (ChannelGroup Group, string Slug, string Label)[] Table =
    [
        (ChannelGroup.Unassigned, "unassigned", "Unassigned"),
        (ChannelGroup.PaidSearch, "paid_search", "Paid search"),
        (ChannelGroup.SocialAds, "social_ads", "Social ads"),
        (ChannelGroup.Influencer, "influencer", "Influencer"),
        (ChannelGroup.LiveStream, "live_stream", "Live stream"),
        (ChannelGroup.OwnedSocial, "owned_social", "Owned social"),
        (ChannelGroup.Content, "content", "Content"),
        (ChannelGroup.EmailCrm, "email_crm", "Email and CRM"),
        (ChannelGroup.AppStore, "app_store", "App store"),
        (ChannelGroup.OfflineEvent, "offline_event", "Offline event"),
        (ChannelGroup.PrEarned, "pr_earned", "PR and earned"),
        (ChannelGroup.Referral, "referral", "Referral"),
        (ChannelGroup.Direct, "direct", "Direct"),
    ];

    // Well-known channel names. Matching is on the lower-cased name with '-' and ' ' read as '_'.
    private static readonly Dictionary<string, ChannelGroup> Known = new(StringComparer.Ordinal)
    {
        ["search"] = ChannelGroup.PaidSearch, ["paid_search"] = ChannelGroup.PaidSearch, ["sem"] = ChannelGroup.PaidSearch,
        ["google_ads"] = ChannelGroup.PaidSearch, ["baidu_sem"] = ChannelGroup.PaidSearch, ["bing_ads"] = ChannelGroup.PaidSearch,
        ["social_ads"] = ChannelGroup.SocialAds, ["douyin_ads"] = ChannelGroup.SocialAds, ["wechat_ads"] = ChannelGroup.SocialAds,
        ["meta_ads"] = ChannelGroup.SocialAds, ["facebook_ads"] = ChannelGroup.SocialAds, ["tiktok_ads"] = ChannelGroup.SocialAds,
        ["weibo_ads"] = ChannelGroup.SocialAds, ["display"] = ChannelGroup.SocialAds,
        ["influencer"] = ChannelGroup.Influencer, ["kol"] = ChannelGroup.Influencer, ["influencers"] = ChannelGroup.Influencer,
        ["livestream"] = ChannelGroup.LiveStream, ["live_stream"] = ChannelGroup.LiveStream, ["live"] = ChannelGroup.LiveStream,
        ["owned_social"] = ChannelGroup.OwnedSocial, ["weibo"] = ChannelGroup.OwnedSocial, ["wechat"] = ChannelGroup.OwnedSocial,
        ["wechat_official"] = ChannelGroup.OwnedSocial, ["zhihu"] = ChannelGroup.OwnedSocial, ["douyin"] = ChannelGroup.OwnedSocial,
        ["toutiao"] = ChannelGroup.OwnedSocial,
        ["content"] = ChannelGroup.Content, ["seo"] = ChannelGroup.Content, ["blog"] = ChannelGroup.Content,
        ["organic_search"] = ChannelGroup.Content, ["official_site"] = ChannelGroup.Content,
        ["email"] = ChannelGroup.EmailCrm, ["crm"] = ChannelGroup.EmailCrm, ["sms"] = ChannelGroup.EmailCrm,
        ["push"] = ChannelGroup.EmailCrm, ["newsletter"] = ChannelGroup.EmailCrm,
        ["app_store"] = ChannelGroup.AppStore, ["appstore"] = ChannelGroup.AppStore, ["app_store_ads"] = ChannelGroup.AppStore,
        ["aso"] = ChannelGroup.AppStore, ["google_play"] = ChannelGroup.AppStore,
        ["event"] = ChannelGroup.OfflineEvent, ["events"] = ChannelGroup.OfflineEvent, ["exhibition"] = ChannelGroup.OfflineEvent,
        ["trade_fair"] = ChannelGroup.OfflineEvent, ["offline_event"] = ChannelGroup.OfflineEvent,
        ["pr"] = ChannelGroup.PrEarned, ["press"] = ChannelGroup.PrEarned, ["earned"] = ChannelGroup.PrEarned,
        ["referral"] = ChannelGroup.Referral, ["staff_referral"] = ChannelGroup.Referral, ["affiliate"] = ChannelGroup.Referral,
        ["direct"] = ChannelGroup.Direct, ["(direct)"] = ChannelGroup.Direct,
    };

    /// <summary>All groups in catalog order.</summary>
    public static IReadOnlyList<ChannelGroup> All { get; } = Table.Select(t => t.Group).ToArray();

    /// <summary>The stable slug stored and exchanged for a group, e.g. <c>paid_search</c>.</summary>
    public static string Slug(this ChannelGroup group) => Table[(int)group].Slug;

    /// <summary>The label shown to people, e.g. "Paid search".</summary>
    public static string Label(this ChannelGroup group) => Table[(int)group].Label;

    /// <summary>Parses a slug; false for anything not in the catalog.</summary>
    public static bool TryParse(string? slug, out ChannelGroup group)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                group = row.Group;
                return true;
            }
        }

        group = ChannelGroup.Unassigned;
        return false;
    }

    /// <summary>
    /// The catalog's choices of group as one text, for the keys of results that depend on the groups: <c>id:group</c> of
    /// each channel whose stored group is not the one <see cref="Guess"/> gives its name, by id. Every store adds a channel
    /// with that guess, so a channel arriving with new data leaves the text as it was (the data versions tell that
    /// change, and a new key would make every such figure one never computed); setting a group changes it.
    /// </summary>
    public static string Signature(IEnumerable<(long Id, string Name, string Group)> channels) =>
        string.Join(",", channels.Where(c => !string.Equals(c.Group, Guess(c.Name).Slug(), StringComparison.Ordinal))
            .OrderBy(c => c.Id).Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + c.Group));

    /// <summary>The group of a well-known channel name, or <see cref="ChannelGroup.Unassigned"/>.</summary>
    public static ChannelGroup Guess(string channelName)
    {
        var key = channelName.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return Known.GetValueOrDefault(key, ChannelGroup.Unassigned);
    }
}
