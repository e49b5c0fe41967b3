using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Core.Organization;

namespace Mercato.Shared;

/// <summary>
/// The words of every code: one catalogue per language (<c>Shared/Messages.resx</c> is English, the neutral language;
/// <c>Messages.zh-CN.resx</c> beside it would be Chinese), key = code, value = the sentence with named placeholders.
/// Core and the storage return codes with arguments; the front doors (API, CLI, pages) render them here.
/// </summary>
/// <remarks>
/// <para>Placeholders:</para>
/// <list type="bullet">
/// <item><c>{name}</c>: the argument, formatted with the culture: numbers without group separators (decimals and doubles with
/// up to 4 decimals), days as <c>yyyy-MM-dd</c>, instants as <c>yyyy-MM-ddTHH:mm:sszzz</c>, lists joined with ", ", null as
/// nothing.</item>
/// <item><c>{name:format}</c>: a .NET format string for a number or a date (<c>{share:0.#%}</c>); for a list, <c>and</c> or
/// <c>or</c> (joined as the catalogue's <c>list_and</c> / <c>list_or</c> say), <c>quoted</c> ("a", "b") or any other text as the
/// separator.</item>
/// <item><c>{name:one|other}</c> or <c>{name:zero|one|other}</c>: the form for a number (or a list's count); <c>#</c> in the
/// form is the number, and forms may hold placeholders.</item>
/// <item><c>{name:key=form|other=form}</c>: the form whose key is the argument (a word or a whole number), <c>null</c> for no value, else
/// <c>other</c>; a missing argument counts as no value.</item>
/// <item><c>{name:message}</c>: a nested message (<see cref="MessageArgs.WithMessage"/>), rendered in turn.</item>
/// </list>
/// <para>An unknown code renders as the code itself and an unknown placeholder stays as written: rendering never throws.</para>
/// </remarks>
public static class Messages
{
    private static readonly ResourceManager Catalogue = new("Mercato.Shared.Messages", typeof(Messages).Assembly);

    /// <summary>The catalogue's sentence of <paramref name="code"/>, or null when it has none (in the culture or the neutral one).</summary>
    public static string? Template(string code, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        try
        {
            return Catalogue.GetString(code, culture ?? CultureInfo.CurrentUICulture);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    /// <summary>The sentence of <paramref name="code"/> with <paramref name="args"/> in the culture (the UI culture by default).</summary>
    public static string Text(string code, MessageArgs? args = null, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        culture ??= CultureInfo.CurrentUICulture;
        var template = Template(code, culture);
        return template is null ? code : Render(template, Named(code, args ?? MessageArgs.Empty), culture, null);
    }

    // A double booking names its two squads first and second.
    private static bool SquadPair(string code, string key, out string kind)
    {
        kind = DisplayNames.Squad;
        return code == "squad_double_booking" && key is "first" or "second";
    }

    // The arguments that name a workspace record by its id, and the record's kind (DisplayNames).
    private static readonly FrozenDictionary<string, string> NamedArgs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["campaign"] = DisplayNames.Campaign, ["first_campaign"] = DisplayNames.Campaign, ["second_campaign"] = DisplayNames.Campaign,
        ["person"] = DisplayNames.Person, ["squad"] = DisplayNames.Squad, ["unit"] = DisplayNames.Unit, ["units"] = DisplayNames.Unit,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// A message's arguments with each record it names by id (a campaign, person, squad or unit) shown by its display name in
    /// the language in effect (<see cref="Names"/>); an argument that is no record's id stays as it is.
    /// </summary>
    private static MessageArgs Named(string code, MessageArgs args)
    {
        if (!Names.Any || !args.Keys.Any(k => NamedArgs.ContainsKey(k) || SquadPair(code, k, out _)))
        {
            return args;
        }

        return MessageArgs.Of([.. args.Select(a => (a.Key, NamedArgs.TryGetValue(a.Key, out var kind) || SquadPair(code, a.Key, out kind) ? a.Value switch
        {
            string id => Names.Of(kind, id, id),
            IReadOnlyList<string> ids => ids.Select(id => Names.Of(kind, id, id)).ToArray(),
            var other => other,
        } : a.Value))]);
    }

    /// <summary>The sentence of a coded message: a problem, a refusal, a finding, a note, a row error.</summary>
    public static string Text(ICodedMessage message, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Text(message.Code, message.Args, culture);
    }

    /// <summary>The sentence of a problem, without its path.</summary>
    public static string Text(Problem problem, CultureInfo? culture = null) => Text((ICodedMessage)problem, culture);

    /// <summary>The reason of a refused value, without where it is.</summary>
    public static string Text(RowError error, CultureInfo? culture = null) => Text((ICodedMessage)error, culture);

    /// <summary>Why an outcome did not succeed; empty when it did.</summary>
    public static string Text(Outcome outcome, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Code is null ? "" : Text(outcome.Code, outcome.Args, culture);
    }

    /// <summary>The sentence as a page shows it on its own: a capital first letter and a final stop.</summary>
    public static string Sentence(ICodedMessage message, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var text = Text(message, culture);
        return AsSentence(text, text, culture);
    }

    /// <summary>
    /// Why an outcome did not succeed, as a page shows it on its own (<see cref="Sentence(ICodedMessage, CultureInfo?)"/>);
    /// for invalid input, every problem with its path; empty when it succeeded.
    /// </summary>
    public static string Sentence(Outcome outcome, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Code is null)
        {
            return "";
        }

        var text = outcome.Kind == OutcomeKind.Invalid && outcome.Problems.Count > 0
            ? string.Join("; ", outcome.Problems.Select(p => WithPath(p, culture)))
            : Text(outcome, culture);
        return AsSentence(text, text, culture ?? CultureInfo.CurrentUICulture);
    }

    /// <summary>
    /// The sentence of a coded message as HTML for a page: the catalogue's words encoded, and every string argument (a
    /// name, an id, a code: data) encoded and marked <c>translate="no"</c>, as <see cref="Words.WM"/> marks its arguments;
    /// an argument a select form chooses by stays a word. A nested message is rendered the same way.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Html(ICodedMessage message, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(HtmlOf(message.Code, message.Args, culture ?? CultureInfo.CurrentUICulture));
    }

    /// <summary><see cref="Html(ICodedMessage, CultureInfo?)"/> of a code and its arguments.</summary>
    public static Microsoft.AspNetCore.Components.MarkupString Html(string code, MessageArgs? args = null, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        return new(HtmlOf(code, args, culture ?? CultureInfo.CurrentUICulture));
    }

    /// <summary>Why an outcome did not succeed, as HTML (<see cref="Html(ICodedMessage, CultureInfo?)"/>); empty when it did.</summary>
    public static Microsoft.AspNetCore.Components.MarkupString Html(Outcome outcome, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Code is null ? new("") : Html(outcome.Code, outcome.Args, culture);
    }

    /// <summary><see cref="Html(ICodedMessage, CultureInfo?)"/> as a page shows it on its own: a capital first letter and a final stop (<see cref="Sentence(ICodedMessage, CultureInfo?)"/>).</summary>
    public static Microsoft.AspNetCore.Components.MarkupString SentenceHtml(ICodedMessage message, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        culture ??= CultureInfo.CurrentUICulture;
        return new(AsSentence(HtmlOf(message.Code, message.Args, culture), Text(message, culture), culture));
    }

    /// <summary><see cref="Sentence(Outcome, CultureInfo?)"/> as HTML: invalid input lists its problems with their paths.</summary>
    public static Microsoft.AspNetCore.Components.MarkupString SentenceHtml(Outcome outcome, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        culture ??= CultureInfo.CurrentUICulture;
        if (outcome.Code is null)
        {
            return new("");
        }

        return outcome.Kind == OutcomeKind.Invalid && outcome.Problems.Count > 0
            ? new(Words.Encode(Sentence(outcome, culture)))
            : new(AsSentence(HtmlOf(outcome.Code, outcome.Args, culture), Text(outcome, culture), culture));
    }

    /// <summary>
    /// <paramref name="shown"/> (the text, or its HTML) as a sentence on its own: a capital first letter and, unless
    /// <paramref name="text"/> ends one already, a final stop; Chinese ends with 。 and its own question and exclamation marks.
    /// </summary>
    private static string AsSentence(string shown, string text, CultureInfo culture)
    {
        if (text.Length == 0)
        {
            return shown;
        }

        var chinese = culture.Name.StartsWith("zh", StringComparison.Ordinal);
        var ended = text[^1] is '.' or '。' or '！' or '？' or '!' or '?';
        var first = shown.Length > 0 && char.IsLower(shown[0]) ? char.ToUpper(shown[0], culture) + shown[1..] : shown;
        return first + (ended ? "" : chinese ? "。" : ".");
    }

    private static string HtmlOf(string code, MessageArgs? args, CultureInfo culture)
    {
        var template = Template(code, culture);
        if (template is null)
        {
            return Words.Encode(code);
        }

        args = Named(code, args ?? MessageArgs.Empty);
        var html = Words.Encode(template);
        var marked = new List<(string Name, object? Value)>();
        foreach (var (name, value) in args)
        {
            if (html.Contains("{" + name + ":message}", StringComparison.Ordinal))
            {
                html = html.Replace("{" + name + ":message}", "{" + name + "}", StringComparison.Ordinal);
                marked.Add((name, args.NestedMessage(name) is { } nested ? HtmlOf(nested.Code, nested.Args, culture) : ""));
                continue;
            }

            var termPlaceholder = System.Text.RegularExpressions.Regex.Match(html, "\\{" + name + ":((?:term|word)\\.[a-z_]+(?:\\.(?:and|or))?)\\}");
            if (termPlaceholder.Success && TermFormat(termPlaceholder.Groups[1].Value) is { } term)
            {
                html = html.Replace(termPlaceholder.Value, term.Join is null ? "{" + name + "}" : "{" + name + ":" + term.Join + "}", StringComparison.Ordinal);
                marked.Add((name, TermWords(value, term.Kind, term.ById, culture, (word, known) => known ? Words.Encode(word) : Words.Data(word))));
                continue;
            }

            marked.Add(value switch
            {
                string text when !System.Text.RegularExpressions.Regex.IsMatch(template, "\\{" + name + ":[^{}]*=") => (name, Words.Data(text)),
                IReadOnlyList<string> list => (name, list.Select(Words.Data).ToArray()),
                _ => (name, value),
            });
        }

        return Render(html, marked.Count == 0 ? MessageArgs.Empty : MessageArgs.Of([.. marked]), culture, null);
    }

    /// <summary>An optional message: its sentence, or null.</summary>
    public static string? TextOrNull(ICodedMessage? message, CultureInfo? culture = null) =>
        message is null ? null : Text(message, culture);

    /// <summary><c>budget[2].planned: the sentence</c>; the sentence alone for a problem of the whole record.</summary>
    public static string WithPath(Problem problem, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Path.Length == 0 ? Text(problem, culture) : problem.Path + ": " + Text(problem, culture);
    }

    /// <summary><c>line 4, column 7: units[3].parent: the sentence</c>, with what the problem knows of where it is.</summary>
    public static string WithPath(OrgProblem problem, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var where = problem.Line is { } line
            ? Text(MessageCodes.AtLineColumn, MessageArgs.Of(("line", line), ("column", problem.Column ?? 1)), culture) + ": "
            : "";
        return where + (problem.Path.Length == 0 ? "" : problem.Path + ": ") + Text(problem, culture);
    }

    /// <summary><c>file:line: column 'x' value "v": reason</c> (docs/data-contracts.md, "Errors").</summary>
    public static string WithPlace(RowError error, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        // file:line: column 'c' value "v": the sentence (in Chinese with Chinese punctuation); the words are the interface's.
        return Words.Text("shared.row_place", MessageArgs.Of(("file", error.File), ("line", error.Line), ("column", error.Column)), culture)
            + (error.Value is null ? "" : Words.Text("shared.row_place_value", MessageArgs.Of(("value", error.Value)), culture))
            + Words.Text("shared.row_place_separator", null, culture) + Text(error, culture);
    }

    /// <summary>
    /// Messages read as one sentence: the first, a colon, and the others joined by "; " (an evaluation's headline:
    /// <c>BP launch (2026-03-01..2026-03-10): ROI 12.5% on 8000 of spend and costs; 1 of 2 objectives met</c>).
    /// </summary>
    public static string Joined(IReadOnlyList<ICodedMessage> messages, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count switch
        {
            0 => "",
            1 => Text(messages[0], culture),
            _ => Text(MessageCodes.Headline, MessageArgs.Of(
                ("head", Text(messages[0], culture)), ("parts", messages.Skip(1).Select(m => Text(m, culture)))), culture),
        };
    }

    /// <summary>
    /// The words of an exception that carries a code (a store that cannot be used, with its <c>location</c> and
    /// <c>detail</c>), else its message.
    /// </summary>
    public static string Text(Exception exception, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            Storage.StoreUnavailableException store => Text(store.Code, MessageArgs.Of(("location", store.Location), ("detail", store.Detail)), culture),
            Storage.StoreFailedException failed => Text(Storage.StoreCodes.Failed, MessageArgs.Of(("detail", failed.Message)), culture),
            ICodedMessage coded => Text(coded, culture),
            _ => exception.Message,
        };
    }

    /// <summary>A template of any catalogue (the words of <see cref="Words"/> too) with its arguments, by the rules above.</summary>
    internal static string Render(string template, MessageArgs args, CultureInfo culture) => Render(template, args, culture, null);

    private static string Render(string template, MessageArgs args, CultureInfo culture, long? hash)
    {
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && Close(template, i) is { } end)
            {
                var inner = template[(i + 1)..end];
                var colon = inner.IndexOf(':', StringComparison.Ordinal);
                var name = colon < 0 ? inner : inner[..colon];
                if (IsName(name) && args.TryGetValue(name, out var value))
                {
                    text.Append(colon < 0 ? Format(value, null, culture) : Placeholder(name, value, inner[(colon + 1)..], args, culture));
                }
                else if (IsName(name) && colon > 0 && IsSelect(SplitForms(inner[(colon + 1)..])))
                {
                    // A select form reads a missing argument as no value: its null form.
                    text.Append(Placeholder(name, null, inner[(colon + 1)..], args, culture));
                }
                else
                {
                    text.Append(template, i, end - i + 1);
                }

                i = end + 1;
            }
            else
            {
                if (c == '#' && hash is { } n)
                {
                    text.Append(n.ToString(culture));
                }
                else
                {
                    text.Append(c);
                }

                i++;
            }
        }

        return text.ToString();
    }

    private static string Placeholder(string name, object? value, string format, MessageArgs args, CultureInfo culture)
    {
        if (TermFormat(format) is { } term)
        {
            return Format(TermWords(value, term.Kind, term.ById, culture, null), term.Join, culture);
        }

        if (format == "message")
        {
            return args.NestedMessage(name) is { } nested ? Text(nested, culture) : "";
        }

        var forms = SplitForms(format);
        if (forms.Count == 1)
        {
            return Format(value, format, culture);
        }

        if (IsSelect(forms))
        {
            var key = value switch
            {
                null => "null",
                string s => s,
                long l => l.ToString(CultureInfo.InvariantCulture),
                _ => "other",
            };
            var chosen = forms.FirstOrDefault(f => KeyOf(f) == key) ?? forms.FirstOrDefault(f => KeyOf(f) == "other");
            return chosen is null ? "" : Render(chosen[(KeyOf(chosen)!.Length + 1)..], args, culture, null);
        }

        var count = value switch
        {
            long l => l,
            double d => (long)d,
            decimal m => (long)m,
            IReadOnlyList<string> list => list.Count,
            _ => 0,
        };
        var form = forms.Count == 2 ? forms[count == 1 ? 0 : 1] : forms[count == 0 ? 0 : count == 1 ? 1 : 2];
        return Render(form, args, culture, count);
    }

    /// <summary>
    /// <c>{x:term.KIND}</c>: the argument is the English word of a glossary entry of KIND (a function's name), shown as the
    /// glossary's word in the culture; <c>{x:word.KIND}</c>: the argument is the entry's id (an enum word). A third part,
    /// <c>.and</c> or <c>.or</c>, joins a list. A value the glossary does not know (a workspace's own function) stays as given.
    /// </summary>
    private static (string Kind, bool ById, string? Join)? TermFormat(string format)
    {
        var byId = format.StartsWith("word.", StringComparison.Ordinal);
        if (!byId && !format.StartsWith("term.", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = format.Split('.');
        return parts.Length is 2 or 3 ? (parts[1], byId, parts.Length == 3 ? parts[2] : null) : null;
    }

    // Each word through the glossary; mark (for HTML) encodes a glossary word and marks a word it does not know as data.
    private static object? TermWords(object? value, string kind, bool byId, CultureInfo culture, Func<string, bool, string>? mark)
    {
        string One(string word)
        {
            var found = byId ? Terms.ById(kind, word, culture) : Terms.ByEnglish(kind, word, culture);
            return mark is null ? found ?? word : mark(found ?? word, found is not null);
        }

        return value switch
        {
            string s => One(s),
            IReadOnlyList<string> list => list.Select(One).ToArray(),
            _ => value,
        };
    }

    private static string Format(object? value, string? format, CultureInfo culture) => value switch
    {
        null => "",
        string s => s,
        IReadOnlyList<string> list => format switch
        {
            null => string.Join(ListSeparator(culture), list),
            "and" => Conjoin(list, MessageCodes.ListAnd, culture),
            "or" => Conjoin(list, MessageCodes.ListOr, culture),
            "quoted" => string.Join(", ", list.Select(item => "\"" + item + "\"")),
            _ => string.Join(format, list),
        },
        long l => l.ToString(format ?? "0", culture),
        double d => d.ToString(format ?? "0.####", culture),
        decimal m => m.ToString(format ?? "0.####", culture),
        DateOnly day => day.ToString(format ?? "yyyy-MM-dd", culture),
        DateTimeOffset at => at.ToString(format ?? "yyyy-MM-dd'T'HH:mm:sszzz", culture),
        IFormattable f => f.ToString(format, culture),
        _ => value.ToString() ?? "",
    };

    /// <summary>"a", "a and b", "a, b and c": all but the last joined with ", ", then the catalogue's conjunction.</summary>
    private static string Conjoin(IReadOnlyList<string> list, string code, CultureInfo culture) => list.Count switch
    {
        0 => "",
        1 => list[0],
        _ when culture.Name.StartsWith("zh", StringComparison.Ordinal) => ChineseConjoin(string.Join(ListSeparator(culture), list.Take(list.Count - 1)), list[^1], code, culture),
        _ => Text(code, MessageArgs.Of(("init", string.Join(ListSeparator(culture), list.Take(list.Count - 1))), ("last", list[^1])), culture),
    };

    // Chinese writes 和 between Chinese words without spaces, and puts a space between it and a Latin word or a number (A 和 B).
    private static string ChineseConjoin(string init, string last, string code, CultureInfo culture)
    {
        var word = Text(code, MessageArgs.Of(("init", ""), ("last", "")), culture).Trim();
        static bool Wide(char c) => c >= '\u2E80';
        return init + (Wide(init[^1]) ? "" : " ") + word + (Wide(last[0]) ? "" : " ") + last;
    }

    /// <summary>Between the items of a list: "、" in Chinese, ", " otherwise.</summary>
    private static string ListSeparator(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.Ordinal) ? "、" : ", ";

    /// <summary>The index of the brace that closes the one at <paramref name="open"/>, or null.</summary>
    private static int? Close(string template, int open)
    {
        var depth = 0;
        for (var i = open; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                depth++;
            }
            else if (template[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The forms of a format, split at the '|' that are not inside a nested placeholder.</summary>
    private static List<string> SplitForms(string format)
    {
        var forms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < format.Length; i++)
        {
            switch (format[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case '|' when depth == 0:
                    forms.Add(format[start..i]);
                    start = i + 1;
                    break;
            }
        }

        forms.Add(format[start..]);
        return forms;
    }

    private static bool IsSelect(List<string> forms) => forms.Count > 1 && forms.All(f => KeyOf(f) is not null);

    /// <summary>The key of a select form (<c>expected=...</c>), or null when the form has none.</summary>
    private static string? KeyOf(string form)
    {
        var eq = form.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && IsName(form[..eq]) ? form[..eq] : null;
    }

    private static bool IsName(string name) => name.Length > 0 && name.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}

/// <summary>The codes of the renderer itself: how lists and headlines join and how a place in a file reads.</summary>
public static class MessageCodes
{
    /// <summary><c>--format</c> (<c>format</c>) writes a file and needs <c>--output FILE</c>.</summary>
    public const string OutputRequired = "output_required";

    /// <summary>A list joined with "and": <c>init</c> (all but the last, joined with ", ") and <c>last</c>.</summary>
    public const string ListAnd = "list_and";

    /// <summary>A list joined with "or": <c>init</c> and <c>last</c>.</summary>
    public const string ListOr = "list_or";

    /// <summary>Messages read as one: the <c>head</c>, then the <c>parts</c>.</summary>
    public const string Headline = "headline";

    /// <summary>Where in a file: <c>line</c> and <c>column</c>.</summary>
    public const string AtLineColumn = "at_line_column";
}
