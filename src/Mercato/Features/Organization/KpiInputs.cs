using System.Globalization;
using Mercato.Core.Crisis;
using Mercato.Core.Kpis;
using Mercato.Core.Listening;

namespace Mercato.Features.Organization;

/// <summary>
/// Everything the KPI engine reads for a set of periods: the store's figures (<see cref="IKpiReader"/>) and the documents the
/// public-opinion KPIs need (the watch list's brand and competitor terms, every crisis case's times). Every KPI computation of
/// the host reads through here, so share of voice and the crisis times are filled wherever KPIs are shown.
/// </summary>
public sealed class KpiInputs(IKpiReader reader, IDocumentStore documents)
{
    /// <summary>The figures of each of <paramref name="periods"/>, in their order, with the documents' inputs added.</summary>
    public async Task<IReadOnlyList<KpiFigures>> FiguresAsync(IReadOnlyList<KpiPeriod> periods, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (listening, _) = await ListeningAsync(cancellationToken).ConfigureAwait(false);
        var figures = await reader.FiguresAsync(periods, zone, cancellationToken).ConfigureAwait(false);
        return [.. figures.Select(f => f with { Listening = listening })];
    }

    /// <summary>
    /// The documents' inputs and a signature of what was read (the watch list's and each case's version), for the key of a
    /// cached result: documents do not move the data version.
    /// </summary>
    public async Task<(ListeningInputs Inputs, string Signature)> ListeningAsync(CancellationToken cancellationToken)
    {
        var watch = await documents.GetAsync(WatchList.Document, WatchList.DocumentId, cancellationToken).ConfigureAwait(false);
        var cases = await documents.ListAsync(CrisisDocuments.Cases, cancellationToken).ConfigureAwait(false);
        var terms = watch?.Value.Terms ?? [];
        var inputs = new ListeningInputs(
            [.. terms.Where(t => t.Kind == WatchKind.Brand).Select(t => t.Term)],
            [.. terms.Where(t => t.Kind == WatchKind.Competitor).Select(t => t.Term)],
            [.. cases.Select(c => new CaseTimes(c.Value.OpenedAt, c.Value.FirstResponseAt, c.Value.ClosedAt))]);
        var signature = string.Join(',',
            [
                "watch:" + (watch?.Version ?? 0).ToString(CultureInfo.InvariantCulture),
                .. cases.Select(c => c.Value.Id + ":" + c.Version.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            ]);
        return (inputs, signature);
    }
}
