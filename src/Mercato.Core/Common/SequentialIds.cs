using System.Globalization;

namespace Mercato.Core.Common;

/// <summary>Readable ids numbered in order: a prefix and a number of at least six digits (<c>A-000001</c>, <c>C-000002</c>).</summary>
public static class SequentialIds
{
    /// <summary>
    /// The id after the highest of <paramref name="taken"/> with <paramref name="prefix"/>: six digits at least, so ids sort
    /// in the order they were made up to a million; ids of another shape are ignored.
    /// </summary>
    /// <param name="prefix">The prefix, e.g. <c>A-</c>.</param>
    /// <param name="taken">The ids in use.</param>
    /// <returns>The next id.</returns>
    public static string Next(string prefix, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(taken);
        var max = 0L;
        foreach (var id in taken)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > max)
            {
                max = n;
            }
        }

        return prefix + (max + 1).ToString("D6", CultureInfo.InvariantCulture);
    }
}
