using System.Globalization;

namespace Mercato.Core.Common;

/// <summary>One problem of a record (a campaign, person, squad, session, ...): where (a path such as <c>budget[2].planned</c>) and what.</summary>
/// <param name="Path">Field names as in JSON, list indexes from 0; empty for the whole record.</param>
/// <param name="Message">What is wrong, in a sentence without a final stop.</param>
public sealed record Problem(string Path, string Message)
{
    /// <summary><c>budget[2].planned: the planned amount must not be negative</c>.</summary>
    public override string ToString() => Path.Length == 0 ? Message : Path + ": " + Message;

    internal static string At(string list, int i) => string.Create(CultureInfo.InvariantCulture, $"{list}[{i}]");
}
