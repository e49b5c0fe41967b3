using System.Data.Common;
using Dapper;
using Mercato.Core.Measurement;

namespace Mercato.Storage.Relational;

/// <summary>
/// Journeys from the store: the provider streams touchpoints and conversions in (user, time) order from its cursors into
/// the Core scan (<see cref="JourneyScan"/>), and <see cref="JourneyFolds"/> turns the journeys into distinct paths. Only
/// the paths reach the models. Rules: <see cref="JourneyScan"/> and docs/measurement.md; days here are UTC days.
/// </summary>
internal sealed class RelationalJourneyReader(RelationalStore store) : IJourneyReader
{
    public async Task<JourneyPaths> PathsAsync(JourneyQuery query, bool markReturningCustomers, CancellationToken cancellationToken)
    {
        var (paths, leftOut) = await ScanAsync(query, (channels, cursors) =>
            JourneyFolds.Paths(query, channels, cursors.Touches, cursors.Conversions, markReturningCustomers), cancellationToken).ConfigureAwait(false);
        return leftOut == 0 ? paths : paths with { TouchesLeftOut = leftOut };
    }

    public async Task<IReadOnlyDictionary<YearMonth, JourneyPaths>> PathsByMonthAsync(
        JourneyQuery query, bool markReturningCustomers, CancellationToken cancellationToken) =>
        (await ScanAsync(query, (channels, cursors) =>
            JourneyFolds.PathsByMonth(query, channels, cursors.Touches, cursors.Conversions, markReturningCustomers), cancellationToken).ConfigureAwait(false)).Result;

    public async Task<IReadOnlyList<TimedPath>> TimedPathsAsync(JourneyQuery query, bool productCost, CancellationToken cancellationToken) =>
        (await ScanAsync(query, (channels, cursors) =>
            JourneyFolds.Timed(query, channels, cursors.Touches, cursors.Conversions, productCost), cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// Reads the channel names and runs one fold over the provider's cursors, in one snapshot of the data, without the
    /// query's excluded touches; returns the fold's result and how many touches were left out.
    /// </summary>
    private async Task<(T Result, long LeftOut)> ScanAsync<T>(JourneyQuery query, Func<IReadOnlyDictionary<int, string>, JourneyCursors, T> fold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.LookbackDays);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var channels = await ChannelNamesAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        // The scan itself is a tight synchronous loop over the cursors: one core, no allocation per row.
        T result;
        long leftOut = 0;
        using (var cursors = store.OpenJourneyCursors(connection, tx, query))
        {
            if (query.Exclude is { Count: > 0 } exclude)
            {
                var kept = exclude.Apply(cursors.Touches, channels);
                result = fold(channels, cursors with { Touches = kept });
                leftOut = kept.LeftOut;
            }
            else
            {
                result = fold(channels, cursors);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (result, leftOut);
    }

    internal static async Task<Dictionary<int, string>> ChannelNamesAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM channels", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
        .ToDictionary(c => (int)c.Id, c => c.Name);
}
