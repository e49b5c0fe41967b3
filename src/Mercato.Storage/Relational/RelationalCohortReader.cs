using Dapper;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Cohorts;

namespace Mercato.Storage.Relational;

/// <summary>
/// Acquisition cohorts (<see cref="ICohortReader"/>) in two GROUP BY queries over one snapshot. The provider gives the
/// common table expression <c>acquired (user_id, first_ts, cohort_index, cohort, channel)</c> (each user's first conversion,
/// its UTC month as <c>YYYY-MM</c> and as year × 12 + month, and the acquisition channel's name or
/// <see cref="CohortLabels.NoTouch"/>, parameters <c>@lookback</c> ms and <c>@noTouch</c>) and the SQL of a conversion's
/// month index (year × 12 + month of <c>c.ts</c>).
/// </summary>
internal sealed class RelationalCohortReader(RelationalStore store, string acquired, string monthIndexOfConversion) : ICohortReader
{
    public async Task<CohortData> CohortsAsync(int lookbackDays, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookbackDays);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var parameters = new { lookback = lookbackDays * 86_400_000L, noTouch = CohortLabels.NoTouch };
        var sizes = (await connection.QueryAsync<(string Cohort, string Channel, long Users)>(new CommandDefinition(
                acquired + " SELECT cohort, channel, COUNT(*) FROM acquired GROUP BY cohort, channel ORDER BY cohort, " + store.Dialect.Bytewise("channel"), parameters, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new CohortSize(RelationalChannelMoney.Month(r.Cohort), r.Channel, r.Users))
            .ToList();
        var profits = (await connection.QueryAsync<(string Cohort, string Channel, long Offset, long Profit)>(new CommandDefinition(
                acquired + $"""
                     SELECT a.cohort, a.channel, {monthIndexOfConversion} - a.cohort_index AS month_offset,
                           {store.Dialect.Sum("c.revenue - COALESCE(c.cost, 0)")}
                    FROM conversions c JOIN acquired a ON a.user_id = c.user_id
                    GROUP BY a.cohort, a.channel, {monthIndexOfConversion} - a.cohort_index
                    ORDER BY a.cohort, {store.Dialect.Bytewise("a.channel")}, month_offset
                    """,
                parameters, tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new CohortProfit(RelationalChannelMoney.Month(r.Cohort), r.Channel, (int)r.Offset, StoredMoney.FromUnits(r.Profit)))
            .ToList();
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CohortData(sizes, profits);
    }
}
