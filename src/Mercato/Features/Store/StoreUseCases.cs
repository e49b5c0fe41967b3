using Mercato.Core.Access;
using Mercato.Features.Access;
using Mercato.Storage;
using Mercato.Storage.Relational;
using Microsoft.Extensions.Options;

namespace Mercato.Features.Store;

/// <summary>What a store copy did.</summary>
/// <param name="From">The source store's location.</param>
/// <param name="To">The target store's location.</param>
/// <param name="Tables">Rows copied per table, in copy order.</param>
/// <param name="Compared">The reports and documents compared after the copy (<see cref="WorkspaceFingerprint"/>).</param>
public sealed record StoreCopied(string From, string To, IReadOnlyList<(string Table, long Rows)> Tables, IReadOnlyList<string> Compared);

/// <summary>
/// The store itself, for every front door: where it is, and copying the whole workspace into an empty store of either
/// provider (<c>mercato store copy</c>), checked afterwards by computing every report on both sides. Every operation needs
/// <see cref="Permission.ManageStore"/>; the provider's word and the location are properties read without a check (they
/// name the store, never a password, and read nothing from it).
/// </summary>
public sealed class StoreUseCases(IMercatoStore store, IServiceProvider services, IOptions<MercatoOptions> options, ICurrentUser user, TimeProvider time, AccessGuard guard)
{
    /// <summary>The provider's word: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider => store.Provider;

    /// <summary>Where the store is, for people (never a password).</summary>
    public string Location => store.Location;

    /// <summary>Whether the store answers with the program's schema.</summary>
    public Task<StoreHealth> HealthAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageStore);
        return store.CheckHealthAsync(cancellationToken);
    }

    /// <summary>
    /// Copies the workspace into the store of <paramref name="provider"/> at <paramref name="location"/> (a data directory
    /// or a connection string), which must be empty, then compares the fingerprints of both sides. Refused
    /// (<see cref="StoreCodes.TargetNotEmpty"/>) for a target holding data, with nothing written; refused
    /// (<see cref="StoreUseCaseCodes.CopyDiffers"/>) when a report differs after the copy, with the first differences.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The target cannot be reached or has a newer schema.</exception>
    public async Task<Outcome<StoreCopied>> CopyAsync(string provider, string location, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageStore);
        var other = await StoreSelection.OpenAsync(provider, location, time, cancellationToken).ConfigureAwait(false);
        await using (other.ConfigureAwait(false))
        {
            if (store is not RelationalStore source || other is not RelationalStore target)
            {
                return Outcome<StoreCopied>.Refused(StoreUseCaseCodes.CopyUnsupported, MessageArgs.Of(("from", store.Provider), ("to", other.Provider)));
            }

            if (!await StoreCopy.IsEmptyAsync(target, cancellationToken).ConfigureAwait(false))
            {
                return Outcome<StoreCopied>.Refused(StoreCodes.TargetNotEmpty, MessageArgs.Of(("location", target.Location), ("detail", "it holds data: copy only into an empty store")));
            }

            var copied = await StoreCopy.CopyAsync(source, target, progress, cancellationToken).ConfigureAwait(false);
            var targetServices = new ServiceCollection()
                .AddLogging()
                .AddSingleton(time)
                .AddMercatoCore(options.Value, target, user)
                .BuildServiceProvider();
            await using (targetServices.ConfigureAwait(false))
            {
                var mine = await WorkspaceFingerprint.ComputeAsync(services, cancellationToken).ConfigureAwait(false);
                var theirs = await WorkspaceFingerprint.ComputeAsync(targetServices, cancellationToken).ConfigureAwait(false);
                var differences = WorkspaceFingerprint.Differences(mine, theirs);
                return differences.Count == 0
                    ? Outcome<StoreCopied>.Ok(new StoreCopied(store.Location, target.Location, copied.Tables, [.. mine.Select(m => m.Name)]))
                    : Outcome<StoreCopied>.Refused(StoreUseCaseCodes.CopyDiffers, MessageArgs.Of(("count", differences.Count), ("first", differences.Take(5).ToList())));
            }
        }
    }
}

/// <summary>The codes of the store's use cases.</summary>
public static class StoreUseCaseCodes
{
    /// <summary>After a copy, reports differ between the stores (<c>count</c> differences, the <c>first</c> ones).</summary>
    public const string CopyDiffers = "store_copy_differs";

    /// <summary>A copy between providers (<c>from</c>, <c>to</c>) that cannot copy row for row.</summary>
    public const string CopyUnsupported = "store_copy_unsupported";
}
