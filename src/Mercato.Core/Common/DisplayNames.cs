namespace Mercato.Core.Common;

/// <summary>
/// The names of the workspace's own records in one language (<c>display_names</c>, one document per language): what a
/// page shows for a unit, person, campaign, squad, channel or the company instead of its stored name, keyed
/// <c>kind:id</c>. The stored names, ids and data files never change; a record without a display name in the language in
/// effect shows its stored name.
/// </summary>
/// <param name="Language">The language (<see cref="Languages"/>): the document's id.</param>
/// <param name="Names">The names by <c>kind:id</c> (<see cref="DisplayNames.Key"/>).</param>
public sealed record DisplayNames(string Language, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>A unit of the structure, by its id.</summary>
    public const string Unit = "unit";

    /// <summary>A person of the people directory, by id.</summary>
    public const string Person = "person";

    /// <summary>A campaign, by id.</summary>
    public const string Campaign = "campaign";

    /// <summary>A squad, by id.</summary>
    public const string Squad = "squad";

    /// <summary>A channel, by its name as the facts carry it (<c>baidu_sem</c>).</summary>
    public const string Channel = "channel";

    /// <summary>The company, by the name of its stored structure.</summary>
    public const string Company = "company";

    /// <summary>The longest id or name.</summary>
    public const int MaxLength = TextRules.MaxTextLength;

    /// <summary>The kinds of record that have display names.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Unit, Person, Campaign, Squad, Channel, Company];

    /// <summary>The collection, one document per language.</summary>
    public static DocumentKind<DisplayNames> Document { get; } = new("display_names", d => d.Language);

    /// <summary>The key of a record: <c>kind:id</c>.</summary>
    public static string Key(string kind, string id) => kind + ":" + id;

    /// <summary>The display name of a record in this language, or null.</summary>
    public string? Find(string kind, string id) => Names.TryGetValue(Key(kind, id), out var name) ? name : null;
}

/// <summary>One display name: the record (kind and id), the language and the name (a row of <c>mercato names import</c>).</summary>
/// <param name="Kind">One of <see cref="DisplayNames.Kinds"/>.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Language">The language (<see cref="Languages"/>).</param>
/// <param name="Name">The name shown.</param>
public sealed record DisplayName(string Kind, string Id, string Language, string Name);

/// <summary>The rules of display names: what a row must hold, and how rows change the documents.</summary>
public static class DisplayNameRules
{
    /// <summary>The fields of a row, in the order of the file's columns.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["kind", "id", "language", "name"];

    /// <summary>
    /// Every problem of <paramref name="rows"/> (paths <c>[i].field</c>, <c>i</c> from 0): a kind of
    /// <see cref="DisplayNames.Kinds"/> (<see cref="CommonCodes.NotOneOf"/>), an id and a name that are texts
    /// (<see cref="TextRules.CheckRequiredText"/>), a language Mercato speaks (<see cref="CommonCodes.NotOneOf"/>), and
    /// each record's name in a language given once (<see cref="CommonCodes.DuplicateAt"/>, <c>other</c> the first row's index + 1).
    /// </summary>
    public static IReadOnlyList<Problem> Validate(IReadOnlyList<DisplayName> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<Problem>();
        var seen = new Dictionary<(string, string, string), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].";
            var before = problems.Count;
            if (!DisplayNames.Kinds.Contains(row.Kind, StringComparer.Ordinal))
            {
                problems.Add(Problem.Of(at + "kind", CommonCodes.NotOneOf, ("value", row.Kind), ("expected", DisplayNames.Kinds.ToArray())));
            }

            TextRules.CheckRequiredText(row.Id, at + "id", problems);
            if (!Languages.TryNormalize(row.Language, out var language) || !string.Equals(language, row.Language, StringComparison.Ordinal))
            {
                problems.Add(Problem.Of(at + "language", CommonCodes.NotOneOf, ("value", row.Language), ("expected", Languages.All.ToArray())));
            }

            TextRules.CheckRequiredText(row.Name, at + "name", problems);
            if (problems.Count == before && !seen.TryAdd((row.Kind, row.Id, row.Language), i))
            {
                problems.Add(Problem.Of(at + "id", CommonCodes.DuplicateAt, ("value", row.Id), ("other", (long)seen[(row.Kind, row.Id, row.Language)] + 1)));
            }
        }

        return problems;
    }

    /// <summary>
    /// The documents that <paramref name="rows"/> (valid) change, each with the rows' names set over the stored ones: only
    /// the documents whose names differ, so applying the same rows twice changes nothing the second time.
    /// </summary>
    public static IReadOnlyList<DisplayNames> Apply(IReadOnlyList<DisplayNames> stored, IEnumerable<DisplayName> rows)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rows);
        var changed = new List<DisplayNames>();
        foreach (var language in rows.GroupBy(r => r.Language, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var before = stored.FirstOrDefault(d => d.Language == language.Key)?.Names ?? new Dictionary<string, string>();
            var after = new SortedDictionary<string, string>(before.ToDictionary(), StringComparer.Ordinal);
            foreach (var row in language)
            {
                after[DisplayNames.Key(row.Kind, row.Id)] = row.Name;
            }

            if (after.Count != before.Count || after.Any(e => !before.TryGetValue(e.Key, out var old) || old != e.Value))
            {
                changed.Add(new DisplayNames(language.Key, after));
            }
        }

        return changed;
    }

    /// <summary>
    /// The documents with the names of <paramref name="rows"/> taken out where they still hold exactly that name (a name
    /// changed since is kept): only the documents that change.
    /// </summary>
    public static IReadOnlyList<DisplayNames> Remove(IReadOnlyList<DisplayNames> stored, IEnumerable<DisplayName> rows)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rows);
        var changed = new List<DisplayNames>();
        foreach (var document in stored)
        {
            var after = new SortedDictionary<string, string>(document.Names.ToDictionary(), StringComparer.Ordinal);
            var removed = false;
            foreach (var row in rows.Where(r => r.Language == document.Language))
            {
                var key = DisplayNames.Key(row.Kind, row.Id);
                if (after.TryGetValue(key, out var name) && name == row.Name)
                {
                    removed |= after.Remove(key);
                }
            }

            if (removed)
            {
                changed.Add(new DisplayNames(document.Language, after));
            }
        }

        return changed;
    }

    /// <summary>Every name of <paramref name="documents"/> as rows, by kind, id and language.</summary>
    public static IReadOnlyList<DisplayName> Rows(IEnumerable<DisplayNames> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return
        [
            .. documents.SelectMany(d => d.Names.Select(e =>
                {
                    var colon = e.Key.IndexOf(':', StringComparison.Ordinal);
                    return new DisplayName(colon < 0 ? "" : e.Key[..colon], colon < 0 ? e.Key : e.Key[(colon + 1)..], d.Language, e.Value);
                }))
                .OrderBy(r => DisplayNames.Kinds.ToList().IndexOf(r.Kind))
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .ThenBy(r => r.Language, StringComparer.Ordinal),
        ];
    }
}
