using Mercato.Storage.Import;

namespace Mercato.Features.Imports;

/// <summary>
/// Told after every import that added or changed rows (the alert center evaluates then). Registered in DI; an observer
/// that fails is logged and never fails the import, which is committed already.
/// </summary>
public interface IImportObserver
{
    /// <summary>Called once the import of <paramref name="result"/> is committed.</summary>
    Task ImportedAsync(ImportResult result, CancellationToken cancellationToken);
}
