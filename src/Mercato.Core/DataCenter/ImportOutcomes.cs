namespace Mercato.Core.DataCenter;

/// <summary>How an import ended.</summary>
public enum ImportStatus
{
    /// <summary>The rows were committed.</summary>
    Committed,

    /// <summary>The input was invalid; nothing of it was written.</summary>
    Rejected,

    /// <summary>Something other than the input went wrong; nothing of it was written.</summary>
    Failed,
}

/// <summary>One refused value: where it is and why, as a code with its arguments (the host renders the reason).</summary>
/// <param name="File">The source the row came from.</param>
/// <param name="Line">The 1-based line (or position in a JSON array).</param>
/// <param name="Column">The column, or <c>(row)</c> / <c>(header)</c>.</param>
/// <param name="Value">The raw value, when there is one.</param>
/// <param name="Code">Why: an <see cref="ImportCodes"/> or <see cref="CommonCodes"/> code, or a store's own (<c>StorageCodes</c>).</param>
/// <param name="Args">The values its sentence names.</param>
[MessageText("reason")]
public sealed record RowError(string File, long Line, string Column, string? Value, string Code, MessageArgs Args) : ICodedMessage
{
    /// <summary>Why: a snake_case code.</summary>
    public string Code { get; init; } = CodeForm.Checked(Code);

    /// <summary>The error of a field error on a line of a file.</summary>
    public static RowError Of(string file, long line, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(file, line, error.Column, error.Value, error.Code, error.Args);
    }

    /// <summary><c>file:line: column 'x' value "v": code</c>, for debugging only; the host renders the reason.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{File}:{Line}: column '{Column}'") +
        (Value is null ? string.Empty : FormattableString.Invariant($" value \"{Value}\"")) + ": " + Code;
}
