using System.Globalization;

namespace Mercato.Core.DataCenter;

/// <summary>
/// The text of one kind's data version (<see cref="IFactCatalog.DataVersionsAsync"/>), written the same by every store:
/// <c>FIRST/(COUNT, MAXID, LAST)</c>. <c>FIRST</c>, the start of the kind's first committed batch, names the store's
/// history of that kind: a store created again, or one whose first batch was removed, has another. The rest changes
/// with every commit or removal: the committed batches, the largest id and the end of the last one (ids alone can be
/// given again after the batches holding the largest were removed).
/// </summary>
public static class DataVersionToken
{
    /// <summary>The token of a kind with <paramref name="count"/> committed batches.</summary>
    public static string Write(string first, long count, long maxId, string? last) =>
        string.Create(CultureInfo.InvariantCulture, $"{first}/({count}, {maxId}, {last})");

    /// <summary>The history part of <paramref name="token"/> (before the first <c>/</c>); the whole token when it has none.</summary>
    public static string History(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? token : token[..slash];
    }
}
