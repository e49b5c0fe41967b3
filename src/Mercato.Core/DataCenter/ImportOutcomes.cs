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

/// <summary>One refused value: where it is and why.</summary>
public sealed record RowError(string File, long Line, string Column, string? Value, string Reason)
{
    /// <summary><c>file:line: column 'x' value "v": reason</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{File}:{Line}: column '{Column}'") +
        (Value is null ? string.Empty : FormattableString.Invariant($" value \"{Value}\"")) + ": " + Reason;
}
