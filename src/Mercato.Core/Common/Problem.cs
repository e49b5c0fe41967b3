using System.Globalization;
using System.Text.Json.Serialization;

namespace Mercato.Core.Common;

/// <summary>
/// One problem of a record (a campaign, person, squad, session, ...): where (a path such as <c>budget[2].planned</c>) and
/// what, as a code with its arguments (the host renders the sentence).
/// </summary>
/// <param name="Path">Field names as in JSON, list indexes from 0; empty for the whole record.</param>
/// <param name="Code">What is wrong: one of the <c>*Codes</c> constants (<see cref="CommonCodes"/> and the feature's own).</param>
/// <param name="Args">The values the sentence names (the limit, the unknown value, ...).</param>
public sealed record Problem(string Path, string Code, MessageArgs Args) : ICodedMessage
{
    /// <summary>What is wrong: a snake_case code.</summary>
    public string Code { get; init; } = CodeForm.Checked(Code);

    /// <summary>A problem without arguments.</summary>
    [JsonConstructor]
    public Problem(string path, string code)
        : this(path, code, MessageArgs.Empty)
    {
    }

    /// <summary>A problem with the arguments in the order given.</summary>
    public static Problem Of(string path, string code, params (string Name, object? Value)[] args) => new(path, code, MessageArgs.Of(args));

    /// <summary>The same problem under <paramref name="prefix"/>: <c>campaigns[2]</c> + <c>budget[0].item</c>.</summary>
    public Problem Under(string prefix) => this with { Path = Path.Length == 0 ? prefix : prefix + "." + Path };

    /// <summary><c>budget[2].planned: not_negative</c>, for debugging only; the host renders the sentence.</summary>
    public override string ToString() => Path.Length == 0 ? Code : Path + ": " + Code;

    internal static string At(string list, int i) => string.Create(CultureInfo.InvariantCulture, $"{list}[{i}]");
}
