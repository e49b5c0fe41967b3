using Mercato.Core.Access;
using Mercato.Features.Access;

namespace Mercato.Features.Naming;

/// <summary>What an import of display names did.</summary>
/// <param name="Rows">Rows read.</param>
/// <param name="Changed">Names that were new or different (0 when the same file is imported again).</param>
/// <param name="Languages">The languages whose document was saved.</param>
public sealed record NamesImported(int Rows, int Changed, IReadOnlyList<string> Languages);

/// <summary>
/// The workspace's display names (<see cref="DisplayNames"/>: a unit's, person's, campaign's, squad's, channel's or the
/// company's name in a language), for every front door: exported by whoever reads reports, imported by whoever writes
/// the organization (<see cref="Permission.WriteOrganization"/>): all rows or none, each name set over the stored one, a
/// document saved only when a name in it changed.
/// </summary>
public sealed class NamesUseCases(IDocumentStore documents, ICurrentUser user, AccessGuard guard)
{
    /// <summary>Every display name, by kind, id and language.</summary>
    public async Task<IReadOnlyList<DisplayName>> ExportAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return DisplayNameRules.Rows(await documents.ValuesAsync(DisplayNames.Document, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Imports a CSV file (<see cref="NamesFile"/>: columns <c>kind,id,language,name</c>): every name, or none and every
    /// problem with its line and column.
    /// </summary>
    public async Task<Outcome<NamesImported>> ImportAsync(Stream file, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteOrganization);
        var read = NamesFile.Read(file);
        return read.Value is { } rows ? await SaveAsync(rows, cancellationToken).ConfigureAwait(false) : Outcome<NamesImported>.From(read);
    }

    /// <summary>Sets <paramref name="rows"/>: all, or none and every problem (paths <c>[i].field</c>).</summary>
    public async Task<Outcome<NamesImported>> ImportAsync(IReadOnlyList<DisplayName> rows, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteOrganization);
        ArgumentNullException.ThrowIfNull(rows);
        var problems = DisplayNameRules.Validate(rows);
        return problems.Count > 0 ? Outcome<NamesImported>.Invalid(problems) : await SaveAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The demo's names, set over the stored ones (the demo's load has checked the permission).</summary>
    internal static Task ApplyDemoAsync(IDocumentStore documents, ICurrentUser user, IReadOnlyList<DisplayName> rows, CancellationToken cancellationToken) =>
        SaveAsync(documents, user, rows, cancellationToken);

    /// <summary>The demo's names taken out where they are still the demo's (the demo's removal has checked the permission).</summary>
    internal static async Task RemoveDemoAsync(IDocumentStore documents, ICurrentUser user, IReadOnlyList<DisplayName> rows, CancellationToken cancellationToken)
    {
        var stored = await documents.ListAsync(DisplayNames.Document, cancellationToken).ConfigureAwait(false);
        var changed = DisplayNameRules.Remove([.. stored.Select(d => d.Value)], rows);
        if (changed.Count > 0)
        {
            await documents.CommitAsync(
                [.. changed.Select(d => d.Names.Count == 0
                    ? DocumentChange.Delete(DisplayNames.Document, d.Language, Version(stored, d.Language))
                    : DocumentChange.Put(DisplayNames.Document, d, Version(stored, d.Language)))],
                user, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<Outcome<NamesImported>> SaveAsync(IReadOnlyList<DisplayName> rows, CancellationToken cancellationToken) =>
        SaveAsync(documents, user, rows, cancellationToken);

    private static async Task<Outcome<NamesImported>> SaveAsync(IDocumentStore documents, ICurrentUser user, IReadOnlyList<DisplayName> rows, CancellationToken cancellationToken)
    {
        var stored = await documents.ListAsync(DisplayNames.Document, cancellationToken).ConfigureAwait(false);
        var values = stored.Select(d => d.Value).ToList();
        var changedNames = rows.Count(r => values.FirstOrDefault(d => d.Language == r.Language)?.Find(r.Kind, r.Id) != r.Name);
        var changed = DisplayNameRules.Apply(values, rows);
        if (changed.Count > 0)
        {
            var commit = await documents.CommitAsync([.. changed.Select(d => DocumentChange.Put(DisplayNames.Document, d, Version(stored, d.Language)))], user, cancellationToken)
                .ConfigureAwait(false);
            if (!commit.Committed)
            {
                return Outcome<NamesImported>.MovedMeanwhile();
            }
        }

        return Outcome<NamesImported>.Ok(new NamesImported(rows.Count, changedNames, [.. changed.Select(d => d.Language)]));
    }

    private static long Version(IReadOnlyList<Versioned<DisplayNames>> stored, string language) =>
        stored.FirstOrDefault(d => d.Value.Language == language)?.Version ?? 0;
}
