namespace Mercato.Core.Common;

/// <summary>How a use case ended; each front door maps it (HTTP status, CLI exit code, page notice).</summary>
public enum OutcomeKind
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>What the request names does not exist (HTTP 404, exit 1).</summary>
    NotFound,

    /// <summary>The input breaks rules; <see cref="Outcome.Problems"/> says where (HTTP 422, exit 2).</summary>
    Invalid,

    /// <summary>A rule refuses the action in the current state (HTTP 409, exit 2).</summary>
    Refused,

    /// <summary>Someone changed the document since it was read (HTTP 409 <c>moved_meanwhile</c>, exit 2).</summary>
    MovedMeanwhile,
}

/// <summary>
/// The result of a use case: <see cref="OutcomeKind.Ok"/>, or why not as a stable <see cref="Code"/> with
/// <see cref="Args"/> (and, when invalid, every <see cref="Problem"/>). Never a sentence: the host renders the words.
/// </summary>
public class Outcome
{
    private static readonly Outcome Done = new(OutcomeKind.Ok, null, MessageArgs.Empty, []);

    /// <summary>Creates an outcome; use the factories.</summary>
    protected Outcome(OutcomeKind kind, string? code, MessageArgs args, IReadOnlyList<Problem> problems)
    {
        Kind = kind;
        Code = code;
        Args = args;
        Problems = problems;
    }

    /// <summary>How it ended.</summary>
    public OutcomeKind Kind { get; }

    /// <summary>Why it did not succeed (one of the <c>*Codes</c> constants); null when ok.</summary>
    public string? Code { get; }

    /// <summary>The values the sentence of <see cref="Code"/> names; empty when ok.</summary>
    public MessageArgs Args { get; }

    /// <summary>Every problem of invalid input, with paths; empty otherwise.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether it succeeded.</summary>
    public bool IsOk => Kind == OutcomeKind.Ok;

    /// <summary>Done.</summary>
    public static Outcome Ok() => Done;

    /// <summary>What the request names does not exist (<paramref name="code"/> such as <c>campaign_not_found</c>).</summary>
    public static Outcome NotFound(string code, MessageArgs? args = null) => new(OutcomeKind.NotFound, Required(code), args ?? MessageArgs.Empty, []);

    /// <summary>The input breaks rules: code <see cref="CommonCodes.Invalid"/> with the number of problems as <c>count</c>.</summary>
    /// <exception cref="ArgumentException">There is no problem (a bug: invalid input has at least one).</exception>
    public static Outcome Invalid(IReadOnlyList<Problem> problems) => new(OutcomeKind.Invalid, CommonCodes.Invalid, InvalidArgs(problems), problems);

    /// <summary>A rule refuses the action (<paramref name="code"/> such as <c>no_squad</c>).</summary>
    public static Outcome Refused(string code, MessageArgs? args = null) => new(OutcomeKind.Refused, Required(code), args ?? MessageArgs.Empty, []);

    /// <summary>The document changed since it was read: code <see cref="CommonCodes.MovedMeanwhile"/>.</summary>
    public static Outcome MovedMeanwhile(MessageArgs? args = null) => new(OutcomeKind.MovedMeanwhile, CommonCodes.MovedMeanwhile, args ?? MessageArgs.Empty, []);

    /// <summary><c>Refused no_squad {campaign="x"}</c>, for debugging only.</summary>
    public override string ToString() => Kind == OutcomeKind.Ok ? "Ok" : Kind + " " + Code + (Args.Count == 0 ? "" : " " + Args);

    private protected static string Required(string code) =>
        string.IsNullOrEmpty(code) ? throw new ArgumentException("an outcome that is not ok needs a code", nameof(code)) : code;

    private protected static MessageArgs InvalidArgs(IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0
            ? throw new ArgumentException("an invalid outcome needs at least one problem", nameof(problems))
            : MessageArgs.Of(("count", problems.Count));
    }
}

/// <summary>An <see cref="Outcome"/> that carries the result when ok (the saved document, the report).</summary>
/// <typeparam name="T">The result's type.</typeparam>
public sealed class Outcome<T> : Outcome
{
    private Outcome(OutcomeKind kind, string? code, MessageArgs args, IReadOnlyList<Problem> problems, T? value)
        : base(kind, code, args, problems) => Value = value;

    /// <summary>The result when ok; default otherwise.</summary>
    public T? Value { get; }

    /// <summary>Done, with <paramref name="value"/>.</summary>
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, null, MessageArgs.Empty, [], value);

    /// <summary>Ok with <paramref name="value"/>, or not found with <paramref name="code"/> when there is none (a lookup by id).</summary>
    public static Outcome<T> Found(T? value, string code, MessageArgs? args = null) => value is { } found ? Ok(found) : NotFound(code, args);

    /// <summary>See <see cref="Outcome.NotFound"/>.</summary>
    public static new Outcome<T> NotFound(string code, MessageArgs? args = null) => new(OutcomeKind.NotFound, Required(code), args ?? MessageArgs.Empty, [], default);

    /// <summary>See <see cref="Outcome.Invalid"/>.</summary>
    public static new Outcome<T> Invalid(IReadOnlyList<Problem> problems) => new(OutcomeKind.Invalid, CommonCodes.Invalid, InvalidArgs(problems), problems, default);

    /// <summary>See <see cref="Outcome.Refused"/>.</summary>
    public static new Outcome<T> Refused(string code, MessageArgs? args = null) => new(OutcomeKind.Refused, Required(code), args ?? MessageArgs.Empty, [], default);

    /// <summary>See <see cref="Outcome.MovedMeanwhile"/>.</summary>
    public static new Outcome<T> MovedMeanwhile(MessageArgs? args = null) =>
        new(OutcomeKind.MovedMeanwhile, CommonCodes.MovedMeanwhile, args ?? MessageArgs.Empty, [], default);

    /// <summary>A failed outcome of another type carried over (same kind, code, arguments and problems).</summary>
    /// <exception cref="ArgumentException"><paramref name="failure"/> is ok (it has no value to carry).</exception>
    public static Outcome<T> From(Outcome failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsOk
            ? throw new ArgumentException("only a failed outcome carries over", nameof(failure))
            : new(failure.Kind, failure.Code, failure.Args, failure.Problems, default);
    }
}
