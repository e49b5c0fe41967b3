namespace Mercato.Features.Audit;

/// <summary>The audit log's words for people: a front door and an action in the language in effect (the stored word when it has none).</summary>
internal static class AuditWords
{
    /// <summary><c>page</c>, <c>api</c>, <c>cli</c>, <c>server</c> as words; an unknown door as it is stored.</summary>
    public static string Door(string door) => Of("audit.door." + door, door);

    /// <summary><c>put</c>, <c>delete</c>, <c>import</c>, ... as words; an unknown action as it is stored.</summary>
    public static string Action(string action) => Of("audit.action." + action, action);

    /// <summary>Whether the <paramref name="word"/> of <paramref name="kind"/> (<c>door</c>, <c>action</c>) has words (else it is shown as stored, as data).</summary>
    public static bool Known(string kind, string word) => Words.Template("audit." + kind + "." + word) is not null;

    private static string Of(string key, string stored) => Words.Template(key) is null ? stored : Words.W(key);
}
