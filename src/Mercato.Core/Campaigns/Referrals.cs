using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Organization;

namespace Mercato.Core.Campaigns;

/// <summary>What one referral code brought in a window: the store's GROUP BY of touchpoints by <c>referral_code</c>, with the credit an attribution model gave the code.</summary>
/// <param name="Code">The referral code as it appears in the touchpoints (matched ignoring case and surrounding spaces).</param>
/// <param name="Touches">Touchpoints carrying the code.</param>
/// <param name="Conversions">Conversions credited to the code's touches by the chosen attribution model (fractional).</param>
/// <param name="Revenue">Revenue credited the same way.</param>
public sealed record ReferralTally(string Code, long Touches, double Conversions, double Revenue);

/// <summary>A person's line of the referral leaderboard.</summary>
/// <param name="Rank">Competition rank (1, 1, 3): equal revenue, conversions and touches share a rank.</param>
/// <param name="Person">The person's id.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Unit">The person's unit id.</param>
/// <param name="Touches">Touchpoints carrying any of their codes.</param>
/// <param name="Conversions">Conversions credited to their codes.</param>
/// <param name="Revenue">Revenue credited to their codes, rounded to 4 decimals.</param>
public sealed record PersonCredit(int Rank, string Person, string Name, string Unit, long Touches, double Conversions, decimal Revenue);

/// <summary>A unit's line of the referral leaderboard: the sum of its people's lines (the person's own unit; <see cref="Referrals.RollUp"/> rolls these up the org tree).</summary>
/// <param name="Rank">Competition rank, as for people.</param>
/// <param name="Unit">The unit id.</param>
/// <param name="People">Its people with at least one touch.</param>
/// <param name="Touches">Sum of touches.</param>
/// <param name="Conversions">Sum of credited conversions.</param>
/// <param name="Revenue">Sum of credited revenue.</param>
public sealed record UnitCredit(int Rank, string Unit, int People, long Touches, double Conversions, decimal Revenue);

/// <summary>A referral code seen in the data that belongs to nobody in the directory.</summary>
/// <param name="Code">The code, normalized (upper case).</param>
/// <param name="Touches">Touchpoints carrying it.</param>
/// <param name="Conversions">Credited conversions.</param>
/// <param name="Revenue">Credited revenue.</param>
public sealed record UnmatchedCode(string Code, long Touches, double Conversions, decimal Revenue);

/// <summary>All-staff marketing leaderboards.</summary>
/// <param name="People">People with at least one touch or credit, best first.</param>
/// <param name="Units">Units of those people, best first.</param>
/// <param name="Unmatched">Codes nobody owns, by touches descending then code.</param>
public sealed record ReferralLeaderboard(IReadOnlyList<PersonCredit> People, IReadOnlyList<UnitCredit> Units, IReadOnlyList<UnmatchedCode> Unmatched);

/// <summary>
/// A unit's line rolled up the org tree: the credit of its own people and of every unit below it, so a center's line holds
/// its departments' and a department's its teams'.
/// </summary>
/// <param name="Unit">The unit id.</param>
/// <param name="Parent">The unit above; null for the root and for a unit the structure does not hold.</param>
/// <param name="Depth">0 for the root, 1 below it, and so on; 0 for a unit the structure does not hold.</param>
/// <param name="People">People with credit in the unit and below it.</param>
/// <param name="Touches">Touches of the unit and below it.</param>
/// <param name="Conversions">Credited conversions of the unit and below it.</param>
/// <param name="Revenue">Credited revenue of the unit and below it.</param>
/// <param name="Share">Revenue over all revenue credited to people (0..1); 0 when nobody has revenue.</param>
/// <param name="InStructure">False for a unit people name that the org structure does not hold (listed last, not rolled up).</param>
public sealed record UnitTreeCredit(
    string Unit, string? Parent, int Depth, int People, long Touches, double Conversions, decimal Revenue, double Share, bool InStructure);

/// <summary>
/// All-staff marketing (DOMAIN.md §6): every person has referral codes and share links; touchpoints carrying a code
/// credit its owner and the owner's unit.
/// </summary>
public static class Referrals
{
    /// <summary>The query parameter a share link carries the code in: <c>?ref=CODE</c>.</summary>
    public const string QueryParameter = "ref";

    /// <summary>
    /// Whether <paramref name="code"/> has the referral-code format: 3 to 32 characters of ASCII letters, digits and '-',
    /// starting and ending with a letter or digit. Codes are matched ignoring case (<see cref="ReferralCode.Normalize"/>), so
    /// <c>li-na-7</c> and <c>LI-NA-7</c> are the same code.
    /// </summary>
    public static bool IsValidCode(string? code)
    {
        if (code is null || code.Length is < 3 or > 32 || code[0] == '-' || code[^1] == '-')
        {
            return false;
        }

        return code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

    /// <summary>
    /// A free code for <paramref name="person"/>: the id upper-cased with '_' as '-', cut to 28 characters, then <c>-2</c>,
    /// <c>-3</c>, ... until it is not in <paramref name="taken"/> (compared ignoring case). Deterministic.
    /// </summary>
    public static string Suggest(Person person, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var used = taken.Select(ReferralCode.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var chars = person.Id.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var stem = new string(chars).Trim('-');
        stem = stem.Length > 28 ? stem[..28].TrimEnd('-') : stem;
        while (stem.Length < 3)
        {
            stem += "0";
        }

        var candidate = stem;
        for (var n = 2; used.Contains(candidate); n++)
        {
            candidate = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>
    /// <paramref name="url"/> with <c>ref=CODE</c> added to its query (replacing a <c>ref</c> already there), before any
    /// fragment: <c>https://x.com/p?a=1#top</c> → <c>https://x.com/p?a=1&amp;ref=LI-NA#top</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not absolute http(s) or the code is not a valid code.</exception>
    public static string ShareLink(string url, string code)
    {
        if (!CampaignValidation.IsHttpUrl(url))
        {
            throw new ArgumentException("not an absolute http or https URL: " + url, nameof(url));
        }

        if (!IsValidCode(code))
        {
            throw new ArgumentException(TextRules.Quote(code) + " is not a referral code (IsValidCode)", nameof(code));
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? url[hash..] : "";
        var head = hash >= 0 ? url[..hash] : url;
        var q = head.IndexOf('?', StringComparison.Ordinal);
        var path = q >= 0 ? head[..q] : head;
        var pairs = q >= 0
            ? head[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !string.Equals(p.Split('=')[0], QueryParameter, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        pairs.Add(QueryParameter + "=" + ReferralCode.Normalize(code));
        return path + "?" + string.Join('&', pairs) + fragment;
    }

    /// <summary>
    /// The links of an approved content kit as <paramref name="person"/> shares them: each link's URL with the person's
    /// first referral code (<see cref="ShareLink"/>). Empty when the kit is not approved or the person has no valid code.
    /// </summary>
    public static IReadOnlyList<KitLink> ShareKit(ContentKit kit, Person person)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(person);
        var code = person.ReferralCodes.FirstOrDefault(IsValidCode);
        if (!kit.IsApproved || code is null)
        {
            return [];
        }

        return [.. kit.Links.Where(l => CampaignValidation.IsHttpUrl(l.Url)).Select(l => l with { Url = ShareLink(l.Url, code) })];
    }

    /// <summary>
    /// The store's referral tallies: one line per normalized code (<see cref="ReferralCode.Normalize"/>), by code (ordinal).
    /// Touches are the store's touchpoint counts per raw code; conversions and revenue are a model's credits to the codes'
    /// journey labels (<see cref="JourneyLabels.Referral"/>) over the journeys of the window's conversions, whose touches
    /// reach back the lookback before it: a code touched only in that lookback shows its credit with 0 touches, so the
    /// tallies and the channels' credits together add up to every conversion that had a touch.
    /// </summary>
    public static IReadOnlyList<ReferralTally> Tallies(IEnumerable<(string Code, long Touches)> touches, IEnumerable<Credit> credits)
    {
        ArgumentNullException.ThrowIfNull(touches);
        ArgumentNullException.ThrowIfNull(credits);
        var lines = new SortedDictionary<string, (long Touches, double Conversions, double Revenue)>(StringComparer.Ordinal);
        foreach (var (code, count) in touches)
        {
            if (ReferralCode.Normalize(code) is { } normalized)
            {
                var line = lines.GetValueOrDefault(normalized);
                lines[normalized] = (line.Touches + count, line.Conversions, line.Revenue);
            }
        }

        foreach (var credit in credits)
        {
            if (JourneyLabels.ReferralCodeOf(credit.Label) is { } code)
            {
                var line = lines.GetValueOrDefault(code);
                lines[code] = (line.Touches, line.Conversions + credit.Conversions, line.Revenue + credit.Revenue);
            }
        }

        return [.. lines.Select(l => new ReferralTally(l.Key, l.Value.Touches, l.Value.Conversions, l.Value.Revenue))];
    }

    /// <summary>
    /// Tallies touchpoints by referral code (normalized; touchpoints without one are skipped) and joins the credits an
    /// attribution model gave to those codes: credits whose label is a code's (<see cref="JourneyLabels.Referral"/>, the code compared
    /// after <see cref="ReferralCode.Normalize"/>); credits of channels, even one named like a code, are ignored. For the store: the
    /// same as its GROUP BY, for small inputs and tests.
    /// </summary>
    public static IReadOnlyList<ReferralTally> Tally(IEnumerable<Touchpoint> touchpoints, IEnumerable<Credit>? credits = null)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        var touches = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in touchpoints)
        {
            if (ReferralCode.Normalize(t.ReferralCode) is { } code)
            {
                touches[code] = touches.GetValueOrDefault(code) + 1;
            }
        }

        var credit = new Dictionary<string, (double Conversions, double Revenue)>(StringComparer.Ordinal);
        foreach (var c in credits ?? [])
        {
            if (JourneyLabels.ReferralCodeOf(c.Label) is { } label && ReferralCode.Normalize(label) is { } code && touches.ContainsKey(code))
            {
                var (conv, rev) = credit.GetValueOrDefault(code);
                credit[code] = (conv + c.Conversions, rev + c.Revenue);
            }
        }

        return [.. touches.Select(p => new ReferralTally(p.Key, p.Value, credit.GetValueOrDefault(p.Key).Conversions, credit.GetValueOrDefault(p.Key).Revenue))];
    }

    /// <summary>
    /// Credits each code's touches, conversions and revenue to the person who owns it and to that person's unit.
    /// Ordering, best first: revenue, then conversions, then touches (all descending), then id (ordinal); lines equal on
    /// the three figures share a competition rank. Codes appearing twice (in any case) are added together.
    /// </summary>
    /// <exception cref="ArgumentException">A tally has negative or non-finite figures.</exception>
    public static ReferralLeaderboard Leaderboard(IEnumerable<ReferralTally> tallies, IReadOnlyList<Person> people)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(people);
        var owner = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            foreach (var code in p.ReferralCodes)
            {
                if (ReferralCode.Normalize(code) is { } c)
                {
                    owner.TryAdd(c, p);
                }
            }
        }

        var byPerson = new Dictionary<string, (Person Person, long Touches, double Conversions, double Revenue)>(StringComparer.Ordinal);
        var unmatched = new Dictionary<string, (long Touches, double Conversions, double Revenue)>(StringComparer.Ordinal);
        foreach (var t in tallies)
        {
            if (t.Touches < 0 || !(t.Conversions >= 0) || !(t.Revenue >= -RoiCalculator.NegativeTolerance)
                || double.IsInfinity(t.Conversions) || double.IsInfinity(t.Revenue))
            {
                throw new ArgumentException("referral tally " + TextRules.Quote(t.Code) + " has negative or non-finite figures", nameof(tallies));
            }

            if (ReferralCode.Normalize(t.Code) is not { } code)
            {
                continue;
            }

            if (owner.TryGetValue(code, out var person))
            {
                var cur = byPerson.GetValueOrDefault(person.Id, (person, 0, 0, 0));
                byPerson[person.Id] = (person, cur.Touches + t.Touches, cur.Conversions + t.Conversions, cur.Revenue + t.Revenue);
            }
            else
            {
                var cur = unmatched.GetValueOrDefault(code);
                unmatched[code] = (cur.Touches + t.Touches, cur.Conversions + t.Conversions, cur.Revenue + t.Revenue);
            }
        }

        var personLines = byPerson.Values
            .Where(v => v.Touches > 0 || v.Conversions > 0 || v.Revenue > 0)
            .Select(v => (v.Person, v.Touches, v.Conversions, Revenue: RoiCalculator.ToMoney(v.Revenue, "revenue")))
            .OrderByDescending(v => v.Revenue).ThenByDescending(v => v.Conversions).ThenByDescending(v => v.Touches)
            .ThenBy(v => v.Person.Id, StringComparer.Ordinal)
            .ToList();
        var peopleBoard = Ranked(personLines, v => (v.Revenue, v.Conversions, v.Touches),
            (rank, v) => new PersonCredit(rank, v.Person.Id, v.Person.Name, v.Person.Unit, v.Touches, v.Conversions, v.Revenue));

        var unitLines = personLines
            .GroupBy(v => v.Person.Unit, StringComparer.Ordinal)
            .Select(g => (Unit: g.Key, People: g.Count(), Touches: g.Sum(v => v.Touches), Conversions: g.Sum(v => v.Conversions), Revenue: g.Sum(v => v.Revenue)))
            .OrderByDescending(v => v.Revenue).ThenByDescending(v => v.Conversions).ThenByDescending(v => v.Touches)
            .ThenBy(v => v.Unit, StringComparer.Ordinal)
            .ToList();
        var unitBoard = Ranked(unitLines, v => (v.Revenue, v.Conversions, v.Touches),
            (rank, v) => new UnitCredit(rank, v.Unit, v.People, v.Touches, v.Conversions, v.Revenue));

        var unmatchedLines = unmatched
            .OrderByDescending(p => p.Value.Touches).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new UnmatchedCode(p.Key, p.Value.Touches, p.Value.Conversions, RoiCalculator.ToMoney(p.Value.Revenue, "revenue")))
            .ToList();
        return new ReferralLeaderboard(peopleBoard, unitBoard, unmatchedLines);
    }

    /// <summary>
    /// Rolls the units' own lines (<see cref="ReferralLeaderboard.Units"/>) up <paramref name="structure"/>'s tree: each
    /// unit's line adds its own people's credit to that of every unit below it. Units whose subtree holds no credited
    /// person are left out. Order: the tree, parent before children, siblings by revenue, conversions and touches
    /// (descending) then id; units the structure does not hold come last in the same order, not rolled up. The root's line
    /// plus those last lines add up to all the units' lines.
    /// </summary>
    public static IReadOnlyList<UnitTreeCredit> RollUp(IReadOnlyList<UnitCredit> units, OrgStructure structure)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(structure);
        var own = new Dictionary<string, UnitCredit>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            own[u.Unit] = own.TryGetValue(u.Unit, out var seen)
                ? seen with { People = seen.People + u.People, Touches = seen.Touches + u.Touches, Conversions = seen.Conversions + u.Conversions, Revenue = seen.Revenue + u.Revenue }
                : u;
        }

        var total = own.Values.Sum(u => u.Revenue);
        double Share(decimal revenue) => total > 0 ? (double)revenue / (double)total : 0;
        var known = structure.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var children = structure.Units
            .Where(u => u.Parent is not null && known.Contains(u.Parent))
            .ToLookup(u => u.Parent!, u => u.Id, StringComparer.Ordinal);
        var sums = new Dictionary<string, (int People, long Touches, double Conversions, decimal Revenue)>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        (int People, long Touches, double Conversions, decimal Revenue) Sum(string unit)
        {
            if (sums.TryGetValue(unit, out var done) || !visiting.Add(unit))
            {
                return done; // a cycle (a structure that did not validate) adds nothing twice
            }

            var line = own.TryGetValue(unit, out var o) ? (o.People, o.Touches, o.Conversions, o.Revenue) : (0, 0L, 0.0, 0m);
            foreach (var child in children[unit])
            {
                var c = Sum(child);
                line = (line.Item1 + c.People, line.Item2 + c.Touches, line.Item3 + c.Conversions, line.Item4 + c.Revenue);
            }

            sums[unit] = line;
            return line;
        }

        static IEnumerable<T> Best<T>(IEnumerable<T> lines, Func<T, (decimal Revenue, double Conversions, long Touches, string Id)> key) => lines
            .OrderByDescending(l => key(l).Revenue).ThenByDescending(l => key(l).Conversions).ThenByDescending(l => key(l).Touches)
            .ThenBy(l => key(l).Id, StringComparer.Ordinal);

        var result = new List<UnitTreeCredit>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        void Walk(string unit, string? parent, int depth)
        {
            var line = Sum(unit);
            if (line.People == 0 || !listed.Add(unit))
            {
                return;
            }

            result.Add(new UnitTreeCredit(unit, parent, depth, line.People, line.Touches, line.Conversions, line.Revenue, Share(line.Revenue), true));
            foreach (var child in Best(children[unit], c => (Sum(c).Revenue, Sum(c).Conversions, Sum(c).Touches, c)))
            {
                Walk(child, unit, depth + 1);
            }
        }

        var tops = structure.Units.Where(u => u.Parent is null || !known.Contains(u.Parent)).Select(u => u.Id);
        foreach (var top in Best(tops, t => (Sum(t).Revenue, Sum(t).Conversions, Sum(t).Touches, t)))
        {
            Walk(top, null, 0);
        }

        result.AddRange(Best(own.Values.Where(u => !known.Contains(u.Unit)), u => (u.Revenue, u.Conversions, u.Touches, u.Unit))
            .Select(u => new UnitTreeCredit(u.Unit, null, 0, u.People, u.Touches, u.Conversions, u.Revenue, Share(u.Revenue), false)));
        return result;
    }

    /// <summary>Competition ranks over an already ordered list: a line equal to the previous one on <paramref name="key"/> shares its rank.</summary>
    internal static List<TOut> Ranked<TIn, TKey, TOut>(IReadOnlyList<TIn> ordered, Func<TIn, TKey> key, Func<int, TIn, TOut> make)
    {
        var result = new List<TOut>(ordered.Count);
        var rank = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == 0 || !EqualityComparer<TKey>.Default.Equals(key(ordered[i]), key(ordered[i - 1])))
            {
                rank = i + 1;
            }

            result.Add(make(rank, ordered[i]));
        }

        return result;
    }
}
