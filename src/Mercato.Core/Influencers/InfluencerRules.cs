using Mercato.Core.Campaigns;

namespace Mercato.Core.Influencers;

/// <summary>The problem codes of the influencer directory (sentences in the host's catalogue).</summary>
public static class InfluencerDirectoryCodes
{
    /// <summary>An influencer's code is another influencer's too (args: code, influencer).</summary>
    public const string CodeTakenByInfluencer = "influencer_code_taken";

    /// <summary>An influencer's code is a campaign's code in the campaign registry (args: code).</summary>
    public const string CodeIsCampaign = "influencer_code_is_campaign";

    /// <summary>A collaboration names a campaign the registry does not hold (args: campaign).</summary>
    public const string UnknownCampaign = "influencer_unknown_campaign";

    /// <summary>A collaboration's code is none of the influencer's referral or campaign codes, nor its campaign's (args: code).</summary>
    public const string CollaborationCodeNotOwn = "collaboration_code_not_own";

    /// <summary>No influencer has the id (args: influencer).</summary>
    public const string NotFound = "influencer_not_found";

    /// <summary>The influencer has no collaboration with the id (args: influencer, collaboration).</summary>
    public const string CollaborationNotFound = "collaboration_not_found";

    /// <summary>A follower sample to score holds no follower.</summary>
    public const string SampleEmpty = "follower_sample_empty";

    /// <summary>The workspace model was asked for and none is trained.</summary>
    public const string NoWorkspaceModel = "no_workspace_audit_model";

    /// <summary>An influencer with the id exists already (args: influencer).</summary>
    public const string Exists = "influencer_exists";
}

/// <summary>
/// The directory's rules, applied by the use case to every save (nothing is saved when one is broken): the id is a slug;
/// name and handle present; categories and codes are short trimmed texts, none twice (ignoring case); a rate card prices
/// each deliverable once, not negative; collaborations have unique ids, a known campaign (when named), an end not before
/// the start, at least one of each deliverable agreed, a fee that is not negative, and a code of the influencer's own or
/// its campaign's (the tag its sponsored posts carry). A
/// code joins facts to exactly one influencer: it may not be another influencer's (compared ignoring case) nor a
/// campaign's code (a campaign's touches are the campaign's, not one influencer's).
/// </summary>
public static class InfluencerRules
{
    /// <summary>Every broken rule of <paramref name="influencer"/>, with the path of the field.</summary>
    /// <param name="influencer">The influencer to save.</param>
    /// <param name="campaignCodes">The codes of the campaign registry (compared ignoring case).</param>
    /// <param name="others">The other influencers of the directory (the one with the same id is skipped).</param>
    public static IReadOnlyList<Problem> Problems(Influencer influencer, IEnumerable<string> campaignCodes, IEnumerable<Influencer> others)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var problems = new List<Problem>();
        CampaignValidation.CheckId(influencer.Id, "id", problems);
        TextRules.CheckRequiredText(influencer.Name, "name", problems);
        TextRules.CheckRequiredText(influencer.Handle, "handle", problems);
        if (!Enum.IsDefined(influencer.Platform))
        {
            problems.Add(CampaignValidation.UnknownChoice<InfluencerPlatform>("platform"));
        }

        if (influencer.DeclaredFollowers is < 0)
        {
            problems.Add(new("declaredFollowers", CommonCodes.Negative));
        }

        if (influencer.Notes is { } notes)
        {
            TextRules.CheckText(notes, "notes", 2_000, problems);
        }

        Texts(influencer.Categories, "categories", problems);
        RateCard(influencer.RateCard ?? [], problems);
        var codes = influencer.Codes ?? InfluencerCodes.None;
        Texts(codes.Referral, "codes.referral", problems);
        Texts(codes.Campaign, "codes.campaign", problems);
        Texts(codes.Hosts, "codes.hosts", problems);
        Texts(codes.Costs, "codes.costs", problems);
        Collisions(influencer, codes, campaignCodes, others, problems);
        Collaborations(influencer, codes, campaignCodes, problems);
        return problems;
    }

    private static void Texts(IReadOnlyList<string>? texts, string path, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (texts?.Count ?? 0); i++)
        {
            var at = Problem.At(path, i);
            TextRules.CheckRequiredText(texts![i], at, problems);
            if (texts[i] is { } text && !seen.Add(text))
            {
                problems.Add(Problem.Of(at, CommonCodes.DuplicateIgnoringCase, ("value", text)));
            }
        }
    }

    private static void RateCard(IReadOnlyList<RateCardItem> card, List<Problem> problems)
    {
        var seen = new HashSet<DeliverableKind>();
        for (var i = 0; i < card.Count; i++)
        {
            var at = Problem.At("rateCard", i);
            if (card[i] is not { } item)
            {
                problems.Add(new(at, CommonCodes.NullItem));
                continue;
            }

            if (!seen.Add(item.Kind))
            {
                problems.Add(Problem.Of(at + ".kind", CommonCodes.Duplicate, ("value", EnumWords.Word(item.Kind))));
            }

            Amount(item.Price, at + ".price", problems);
        }
    }

    private static void Collisions(Influencer influencer, InfluencerCodes codes, IEnumerable<string> campaignCodes, IEnumerable<Influencer> others,
        List<Problem> problems)
    {
        var campaigns = new HashSet<string>(campaignCodes ?? [], StringComparer.OrdinalIgnoreCase);
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var other in others ?? [])
        {
            if (string.Equals(other.Id, influencer.Id, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (_, code) in (other.Codes ?? InfluencerCodes.None).All)
            {
                taken.TryAdd(code, other.Id);
            }
        }

        foreach (var (kind, list) in new[] { ("referral", codes.Referral), ("campaign", codes.Campaign), ("hosts", codes.Hosts), ("costs", codes.Costs) })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (list![i] is not { } code)
                {
                    continue;
                }

                var at = Problem.At("codes." + kind, i);
                if (taken.TryGetValue(code, out var owner))
                {
                    problems.Add(Problem.Of(at, InfluencerDirectoryCodes.CodeTakenByInfluencer, ("code", code), ("influencer", owner)));
                }

                // A host is a person's name on a live session, not a code touches carry: it cannot be mistaken for a campaign.
                if (kind != "hosts" && campaigns.Contains(code))
                {
                    problems.Add(Problem.Of(at, InfluencerDirectoryCodes.CodeIsCampaign, ("code", code)));
                }
            }
        }
    }

    private static void Collaborations(Influencer influencer, InfluencerCodes codes, IEnumerable<string> campaignCodes, List<Problem> problems)
    {
        var campaigns = new HashSet<string>(campaignCodes ?? [], StringComparer.OrdinalIgnoreCase);
        var own = new HashSet<string>((codes.Referral ?? []).Concat(codes.Campaign ?? []).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = influencer.Collaborations ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var at = Problem.At("collaborations", i);
            if (list[i] is not { } c)
            {
                problems.Add(new(at, CommonCodes.NullItem));
                continue;
            }

            CampaignValidation.CheckId(c.Id, at + ".id", problems);
            if (c.Id is { } id && !ids.Add(id))
            {
                problems.Add(Problem.Of(at + ".id", CommonCodes.Duplicate, ("value", id)));
            }

            if (c.Campaign is { } campaign && !campaigns.Contains(campaign))
            {
                problems.Add(Problem.Of(at + ".campaign", InfluencerDirectoryCodes.UnknownCampaign, ("campaign", campaign)));
            }

            if (c.Code is { } code && !own.Contains(code) && !string.Equals(code, c.Campaign, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Problem.Of(at + ".code", InfluencerDirectoryCodes.CollaborationCodeNotOwn, ("code", code)));
            }

            if (c.End < c.Start)
            {
                problems.Add(CampaignValidation.EndBeforeStart(at + ".end", c.Start, c.End));
            }

            if (!Enum.IsDefined(c.Status))
            {
                problems.Add(CampaignValidation.UnknownChoice<CollaborationStatus>(at + ".status"));
            }

            Amount(c.AgreedFee, at + ".agreedFee", problems);
            var kinds = new HashSet<DeliverableKind>();
            for (var j = 0; j < (c.Deliverables?.Count ?? 0); j++)
            {
                var dat = Problem.At(at + ".deliverables", j);
                if (c.Deliverables![j] is not { } d)
                {
                    problems.Add(new(dat, CommonCodes.NullItem));
                }
                else if (!kinds.Add(d.Kind))
                {
                    problems.Add(Problem.Of(dat + ".kind", CommonCodes.Duplicate, ("value", EnumWords.Word(d.Kind))));
                }
                else if (d.Count < 1)
                {
                    problems.Add(Problem.Of(dat + ".count", CommonCodes.OutOfRange, ("value", d.Count), ("min", 1), ("max", int.MaxValue)));
                }
            }
        }
    }

    private static void Amount(decimal amount, string path, List<Problem> problems)
    {
        if (amount < 0)
        {
            problems.Add(new(path, CommonCodes.Negative));
        }
        else if (amount > TextRules.MaxAmount || decimal.Round(amount, 4) != amount)
        {
            problems.Add(new(path, CommonCodes.AmountOutOfRange));
        }
    }
}
