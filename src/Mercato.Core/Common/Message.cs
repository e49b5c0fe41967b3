using System.Text.Json.Serialization;

namespace Mercato.Core.Common;

/// <summary>
/// Anything that tells a person something as a stable code and its arguments: a <see cref="Problem"/>, a refusal, a
/// finding, a note. Core and the storage never make sentences; the host renders the words from its message catalogue.
/// </summary>
public interface ICodedMessage
{
    /// <summary>A stable snake_case code, one of the <c>public const string</c> fields of a <c>*Codes</c> class.</summary>
    string Code { get; }

    /// <summary>The values the sentence of <see cref="Code"/> names.</summary>
    MessageArgs Args { get; }
}

/// <summary>
/// The name under which a front door shows the rendered sentence of a coded record beside its code and arguments (the
/// JSON field that carried the sentence before codes, such as <c>reason</c>); <c>message</c> when absent.
/// </summary>
/// <param name="name">The JSON field name of the rendered sentence.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MessageTextAttribute(string name) : Attribute
{
    /// <summary>The JSON field name of the rendered sentence.</summary>
    public string Name { get; } = name;
}

/// <summary>The form of a code: snake_case (<c>budget_not_approved</c>), never a sentence.</summary>
public static class CodeForm
{
    /// <summary>Whether <paramref name="code"/> is snake_case: lower-case letters and digits in words joined by '_'.</summary>
    public static bool IsCode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code[0] is < 'a' or > 'z' || code[^1] == '_')
        {
            return false;
        }

        for (var i = 1; i < code.Length; i++)
        {
            var c = code[i];
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' || (c == '_' && code[i - 1] != '_')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="code"/>, checked.</summary>
    /// <exception cref="ArgumentException">It is not a code (a bug: a sentence where a code belongs).</exception>
    public static string Checked(string code) =>
        IsCode(code) ? code : throw new ArgumentException("not a snake_case code: \"" + code + "\"", nameof(code));
}

/// <summary>A message for a person: a code and its arguments (a note, a warning, a reason).</summary>
/// <param name="Code">A stable snake_case code.</param>
/// <param name="Args">The values its sentence names.</param>
public sealed record Message(string Code, MessageArgs Args) : ICodedMessage
{
    /// <summary>A stable snake_case code.</summary>
    public string Code { get; init; } = CodeForm.Checked(Code);

    /// <summary>A message without arguments.</summary>
    [JsonConstructor]
    public Message(string code)
        : this(code, MessageArgs.Empty)
    {
    }

    /// <summary>A message with the arguments in the order given.</summary>
    public static Message Of(string code, params (string Name, object? Value)[] args) => new(code, MessageArgs.Of(args));

    /// <summary><c>code {args}</c>, for debugging only; the host renders the words.</summary>
    public override string ToString() => Args.Count == 0 ? Code : Code + " " + Args;
}
