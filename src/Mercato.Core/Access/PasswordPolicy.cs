namespace Mercato.Core.Access;

/// <summary>
/// The passwords people may choose (NIST SP 800-63B's advice: length over composition rules, and a list of known
/// passwords refused): at least <see cref="MinLength"/> characters and at most <see cref="MaxLength"/>, not one of the
/// common passwords (compared ignoring case), and not containing the account's id or its e-mail's local part (ignoring
/// case; a name shorter than <see cref="MinNameLength"/> characters is not looked for, or it would refuse most passwords).
/// </summary>
public static class PasswordPolicy
{
    /// <summary>The fewest characters a password has.</summary>
    public const int MinLength = 12;

    /// <summary>The most characters a password has (the hasher's work stays bounded).</summary>
    public const int MaxLength = 256;

    /// <summary>The shortest account id or e-mail local part that a password may not contain.</summary>
    public const int MinNameLength = 3;

    /// <summary>
    /// Every rule <paramref name="password"/> breaks, each at path <c>password</c>:
    /// <see cref="AccessCodes.PasswordTooShort"/> with <c>min</c>, <see cref="AccessCodes.PasswordTooLong"/> with
    /// <c>max</c>, <see cref="AccessCodes.PasswordCommon"/>, <see cref="AccessCodes.PasswordContainsName"/> with
    /// <c>name</c> (the id or the local part it contains). Empty when the password is acceptable. The password itself is
    /// never in a problem.
    /// </summary>
    /// <param name="password">The password chosen.</param>
    /// <param name="accountId">The account's id.</param>
    /// <param name="email">The account's e-mail address, if known.</param>
    /// <param name="common">The common passwords (<see cref="CommonPasswords.Shipped"/>).</param>
    public static IReadOnlyList<Problem> Check(string? password, string? accountId, string? email, CommonPasswords common)
    {
        ArgumentNullException.ThrowIfNull(common);
        password ??= "";
        var problems = new List<Problem>();
        if (password.Length < MinLength)
        {
            problems.Add(Problem.Of("password", AccessCodes.PasswordTooShort, ("min", MinLength)));
        }
        else if (password.Length > MaxLength)
        {
            problems.Add(Problem.Of("password", AccessCodes.PasswordTooLong, ("max", MaxLength)));
        }

        if (common.Contains(password))
        {
            problems.Add(new("password", AccessCodes.PasswordCommon));
        }

        var local = email is { } e && e.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? e[..at] : null;
        foreach (var name in new[] { accountId, local })
        {
            if (name is { Length: >= MinNameLength } && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Problem.Of("password", AccessCodes.PasswordContainsName, ("name", name)));
                break;
            }
        }

        return problems;
    }
}

/// <summary>
/// The list of common passwords the policy refuses, compared ignoring case. The shipped list is zxcvbn's (its 30,000 most
/// common passwords from leaked sets), installed from npm by the build and written as plain text, one a line, to
/// <c>Access/common-passwords.txt</c> of the output with its licence.
/// </summary>
public sealed class CommonPasswords
{
    private static readonly Lazy<CommonPasswords> ShippedList = new(
        () => Load(Path.Combine(AppContext.BaseDirectory, "Access", "common-passwords.txt")), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashSet<string> _words;

    private CommonPasswords(HashSet<string> words) => _words = words;

    /// <summary>The list the build ships, read once.</summary>
    /// <exception cref="FileNotFoundException">The build did not ship it (npm did not run).</exception>
    public static CommonPasswords Shipped => ShippedList.Value;

    /// <summary>How many passwords the list holds.</summary>
    public int Count => _words.Count;

    /// <summary>A list of <paramref name="passwords"/>.</summary>
    public static CommonPasswords Of(IEnumerable<string> passwords)
    {
        ArgumentNullException.ThrowIfNull(passwords);
        return new(new HashSet<string>(passwords.Where(p => p.Length > 0), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The list in <paramref name="reader"/>: one password a line; blank lines skipped.</summary>
    public static CommonPasswords Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Trim() is { Length: > 0 } word)
            {
                words.Add(word);
            }
        }

        return new(words);
    }

    /// <summary>Whether <paramref name="password"/> is on the list, ignoring case.</summary>
    public bool Contains(string password) => _words.Contains(password);

    private static CommonPasswords Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader);
    }
}
