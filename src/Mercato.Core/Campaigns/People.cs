using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;
using Mercato.Core.Organization;

namespace Mercato.Core.Campaigns;

/// <summary>A member's role in a squad; written in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SquadRole>))]
public enum SquadRole
{
    /// <summary>Leads the squad; the resources gate needs one.</summary>
    [JsonStringEnumMemberName("lead")]
    Lead,

    /// <summary>Creative: copy, visuals, video.</summary>
    [JsonStringEnumMemberName("creative")]
    Creative,

    /// <summary>Media planning and buying.</summary>
    [JsonStringEnumMemberName("media")]
    Media,

    /// <summary>Content production and publishing.</summary>
    [JsonStringEnumMemberName("content")]
    Content,

    /// <summary>Data and evaluation.</summary>
    [JsonStringEnumMemberName("analyst")]
    Analyst,

    /// <summary>Live-stream host.</summary>
    [JsonStringEnumMemberName("host")]
    Host,

    /// <summary>Anything else.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>
/// A person of the people directory. Every employee can take part in marketing (DOMAIN.md §6, all-staff marketing):
/// referral codes credit them, and staff hosts front live streams.
/// </summary>
public sealed record Person
{
    /// <summary>Creates a person.</summary>
    public Person(string id, string name, string unit, string? title = null, IReadOnlyList<string>? referralCodes = null, bool isStaffHost = false)
    {
        Id = id;
        Name = name;
        Unit = unit;
        Title = title;
        ReferralCodes = [.. referralCodes ?? []];
        IsStaffHost = isStaffHost;
    }

    /// <summary>A slug, unique in the directory.</summary>
    public string Id { get; init; }

    /// <summary>The person's name.</summary>
    public string Name { get; init; }

    /// <summary>The id of the unit they belong to.</summary>
    public string Unit { get; init; }

    /// <summary>Job title, optional.</summary>
    public string? Title { get; init; }

    /// <summary>The person's referral codes (<see cref="Referrals.IsValidCode"/>), unique across the directory.</summary>
    public IReadOnlyList<string> ReferralCodes { get; init; }

    /// <summary>Whether the person hosts live streams for the company.</summary>
    public bool IsStaffHost { get; init; }

    /// <inheritdoc/>
    public bool Equals(Person? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Unit, other.Unit, StringComparison.Ordinal)
        && string.Equals(Title, other.Title, StringComparison.Ordinal)
        && ReferralCodes.SequenceEqual(other.ReferralCodes, StringComparer.Ordinal)
        && IsStaffHost == other.IsStaffHost;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Unit, Title, ReferralCodes.Count, IsStaffHost);
}

/// <summary>A member of a squad.</summary>
/// <param name="Person">The person's id.</param>
/// <param name="Role">Their role in this squad.</param>
public sealed record SquadMember(string Person, SquadRole Role);

/// <summary>
/// A squad: people from any unit assembled around a project, time-boxed, attached to one or more campaigns, and
/// dissolved after (DOMAIN.md §6, from fixed teams to distributed collaboration).
/// </summary>
public sealed record Squad
{
    /// <summary>Creates a squad.</summary>
    public Squad(string id, string name, IReadOnlyList<SquadMember> members, DateOnly start, DateOnly end, IReadOnlyList<string>? campaigns = null)
    {
        Id = id;
        Name = name;
        Members = [.. members ?? []]; // a body without members is a validation problem, not a crash
        Start = start;
        End = end;
        Campaigns = [.. campaigns ?? []];
    }

    /// <summary>A slug, unique among squads.</summary>
    public string Id { get; init; }

    /// <summary>The squad's name.</summary>
    public string Name { get; init; }

    /// <summary>The members, one entry per person.</summary>
    public IReadOnlyList<SquadMember> Members { get; init; }

    /// <summary>The first day of the time box.</summary>
    public DateOnly Start { get; init; }

    /// <summary>The last day of the time box (included).</summary>
    public DateOnly End { get; init; }

    /// <summary>The ids of the campaigns the squad works on.</summary>
    public IReadOnlyList<string> Campaigns { get; init; }

    /// <summary>The time box as a range of days.</summary>
    [JsonIgnore]
    public DateRange TimeBox => new(Start, End);

    /// <summary>Whether the squad has a member with the lead role.</summary>
    [JsonIgnore]
    public bool HasLead => Members.Any(m => m.Role == SquadRole.Lead);

    /// <summary>Whether the squad works on <paramref name="campaignId"/>.</summary>
    public bool Serves(string campaignId) => Campaigns.Contains(campaignId, StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(Squad? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Members.SequenceEqual(other.Members)
        && Start == other.Start
        && End == other.End
        && Campaigns.SequenceEqual(other.Campaigns, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Members.Count, Start, End, Campaigns.Count);
}

/// <summary>Validation of the people directory and of squads.</summary>
public static class PeopleValidation
{
    /// <summary>
    /// Every problem of a directory: per person (paths <c>people[i].field</c>) an id (slug, once), a name, a unit (a unit of
    /// <paramref name="structure"/> when given), a title of at most 200 characters, and referral codes that have the
    /// format of <see cref="Referrals.IsValidCode"/> and are unique across the whole directory ignoring case.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(IReadOnlyList<Person> people, OrgStructure? structure = null)
    {
        ArgumentNullException.ThrowIfNull(people);
        var problems = new List<Problem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            var path = Problem.At("people", i);
            if (p is null || p.ReferralCodes is null || p.ReferralCodes.Any(c => c is null))
            {
                problems.Add(p is null ? new(path, CommonCodes.NullItem) : new(path + ".referralCodes", CommonCodes.NullItem));
                continue;
            }

            CampaignValidation.CheckId(p.Id, path + ".id", problems);
            if (!string.IsNullOrEmpty(p.Id) && !ids.Add(p.Id))
            {
                problems.Add(Problem.Of(path + ".id", CommonCodes.Duplicate, ("value", p.Id)));
            }

            TextRules.CheckRequiredText(p.Name, path + ".name", problems);
            if (string.IsNullOrWhiteSpace(p.Unit))
            {
                problems.Add(new(path + ".unit", CommonCodes.Required));
            }
            else if (structure is not null && structure.FindUnit(p.Unit) is null)
            {
                problems.Add(Problem.Of(path + ".unit", OrgCodes.UnknownUnit, ("unit", p.Unit)));
            }

            if (p.Title is not null)
            {
                TextRules.CheckText(p.Title, path + ".title", TextRules.MaxTextLength, problems);
            }

            for (var j = 0; j < p.ReferralCodes.Count; j++)
            {
                var code = p.ReferralCodes[j];
                var codePath = Problem.At(path + ".referralCodes", j);
                if (!Referrals.IsValidCode(code))
                {
                    problems.Add(Problem.Of(codePath, CampaignCodes.NotReferralCode, ("value", code)));
                }
                else if (codes.TryGetValue(ReferralCode.Normalize(code)!, out var owner))
                {
                    problems.Add(Problem.Of(codePath, CampaignCodes.ReferralCodeTaken, ("code", code), ("person", owner)));
                }
                else
                {
                    codes.Add(ReferralCode.Normalize(code)!, p.Id);
                }
            }
        }

        return problems;
    }

    /// <summary>The null members and campaign ids a squad read from JSON can carry, each a problem at its path.</summary>
    public static IReadOnlyList<Problem> Nulls(Squad squad)
    {
        ArgumentNullException.ThrowIfNull(squad);
        return [.. CampaignValidation.NullItems("members", squad.Members), .. CampaignValidation.NullItems("campaigns", squad.Campaigns)];
    }

    /// <summary>
    /// Every problem of a squad (paths <c>field</c>, <c>members[i].person</c>): id, name, end not before start, at least one
    /// member, each person once and (when <paramref name="people"/> is given) in the directory, a defined role, and campaign
    /// ids that are slugs, given once and (when <paramref name="campaignIds"/> is given) known.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(Squad squad, IEnumerable<Person>? people = null, IEnumerable<string>? campaignIds = null)
    {
        ArgumentNullException.ThrowIfNull(squad);
        if (Nulls(squad) is { Count: > 0 } nulls)
        {
            return nulls; // the other rules read the items
        }

        var problems = new List<Problem>();
        CampaignValidation.CheckId(squad.Id, "id", problems);
        TextRules.CheckRequiredText(squad.Name, "name", problems);
        if (squad.End < squad.Start)
        {
            problems.Add(CampaignValidation.EndBeforeStart("end", squad.Start, squad.End));
        }

        if (squad.Members.Count == 0)
        {
            problems.Add(new("members", CampaignCodes.SquadWithoutMembers));
        }

        var known = people?.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < squad.Members.Count; i++)
        {
            var m = squad.Members[i];
            var path = Problem.At("members", i);
            if (string.IsNullOrEmpty(m.Person))
            {
                problems.Add(new(path + ".person", CommonCodes.Required));
            }
            else if (known is not null && !known.Contains(m.Person))
            {
                problems.Add(Problem.Of(path + ".person", CampaignCodes.UnknownPerson, ("person", m.Person)));
            }
            else if (!seen.Add(m.Person))
            {
                problems.Add(Problem.Of(path + ".person", CampaignCodes.MemberTwice, ("person", m.Person)));
            }

            if (!EnumWords.IsDefined(m.Role))
            {
                problems.Add(CampaignValidation.UnknownChoice<SquadRole>(path + ".role"));
            }
        }

        var campaigns = campaignIds?.ToHashSet(StringComparer.Ordinal);
        var seenCampaigns = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < squad.Campaigns.Count; i++)
        {
            var id = squad.Campaigns[i];
            var path = Problem.At("campaigns", i);
            if (!CampaignValidation.IsSlug(id))
            {
                problems.Add(CampaignValidation.NotSlug(path, id));
            }
            else if (campaigns is not null && !campaigns.Contains(id))
            {
                problems.Add(Problem.Of(path, CampaignCodes.UnknownCampaign, ("campaign", id)));
            }
            else if (!seenCampaigns.Add(id))
            {
                problems.Add(Problem.Of(path, CommonCodes.Duplicate, ("value", id)));
            }
        }

        return problems;
    }
}
