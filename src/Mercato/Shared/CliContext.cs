using System.CommandLine;
using System.Text.Json;

namespace Mercato.Shared;

/// <summary>What the commands share: the JSON and table output conventions, and how an outcome ends a command.</summary>
internal static class CliContext
{
    public static JsonSerializerOptions Json => MercatoJson.Indented;

    public static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format") { Description = Words.W("shared.cli.format", ("formats", formats)), DefaultValueFactory = _ => formats[0] };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>
    /// The exit code of a failed outcome, after writing its words to stderr: every problem with its path for invalid input;
    /// <c>refused (code): why</c> for a refusal or a move meanwhile, so scripts can read the code; the words alone for not
    /// found. Exit 1 not found; 2 invalid, refused or moved meanwhile.
    /// </summary>
    public static int Fail(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Kind)
        {
            case OutcomeKind.Invalid:
                foreach (var problem in outcome.Problems)
                {
                    Console.Error.WriteLine(Messages.WithPath(problem));
                }

                break;
            case OutcomeKind.Refused or OutcomeKind.MovedMeanwhile:
                Console.Error.WriteLine(Refused(outcome.Code!, Messages.Text(outcome)));
                break;
            default:
                Console.Error.WriteLine(Messages.Text(outcome));
                break;
        }

        return ExitCode(outcome);
    }

    /// <summary><c>refused (code): why</c>: how the CLI writes a refusal.</summary>
    public static string Refused(string code, string why) => $"refused ({code}): {why}";

    /// <summary>
    /// <c>--if-version N</c>: change only while the <paramref name="what"/> is at this version (as the command that shows it
    /// prints it); exit 2 <c>moved_meanwhile</c> when it changed since. Without it the change applies to whatever is stored.
    /// </summary>
    public static Option<long?> IfVersionOption(string what)
    {
        var option = new Option<long?>("--if-version")
        {
            Description = Words.W("shared.cli.if_version", ("what", what), ("thing", Words.Template("shared.cli.thing_" + what) is null ? what : Words.W("shared.cli.thing_" + what))),
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is <= 0)
            {
                result.AddError(Words.W("shared.cli.if_version_invalid"));
            }
        });
        return option;
    }

    /// <summary>Refuses the command line's own input before any use case runs: the words of <paramref name="message"/> on stderr, exit 2.</summary>
    public static int Invalid(ICodedMessage message)
    {
        Console.Error.WriteLine(Messages.Text(message));
        return MercatoCli.InvalidInput;
    }

    /// <summary>See <see cref="Invalid(ICodedMessage)"/>.</summary>
    public static int Invalid(string code, params (string Name, object? Value)[] args) => Invalid(Message.Of(code, args));

    /// <summary>An unknown model name: <see cref="CommonCodes.NotOneOf"/> with the names accepted.</summary>
    public static int UnknownModel(string? name, IEnumerable<string> names) => Invalid(CommonCodes.NotOneOf, ("value", name), ("expected", names.ToArray()));

    /// <summary>The exit code of an outcome: 0 ok, 1 not found, 2 invalid, refused or moved meanwhile.</summary>
    public static int ExitCode(Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Ok => MercatoCli.Ok,
        OutcomeKind.NotFound => MercatoCli.Failure,
        _ => MercatoCli.InvalidInput,
    };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>The formats of a command that shows a table: the table itself, JSON, and the table as CSV or Excel.</summary>
    public static Option<string> TableFormatOption() => FormatOption("table", "json", "csv", "xlsx");

    /// <summary>
    /// A table as <c>--format</c> asks: <c>table</c> aligned on stdout; <c>csv</c> and <c>xlsx</c> as the pages' downloads
    /// write them (<see cref="Features.Export.TableExport"/>: the header as shown, numbers as numbers, days as days) to
    /// <c>--output FILE</c>, or for CSV to stdout without one. Exit 2 for <c>xlsx</c> without <c>--output</c>. The file is
    /// written whole or not at all (a temporary file beside it, then moved).
    /// </summary>
    public static int WriteShown(ParseResult result, string format, string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (format is not ("csv" or "xlsx"))
        {
            WriteTable(header, rows, rightAligned);
            return MercatoCli.Ok;
        }

        var table = new Features.Export.ShownTable(name, header, [.. rows]);
        var output = result.GetValue(MercatoCli.OutputOption);
        if (output is null)
        {
            if (format == "xlsx")
            {
                return Invalid(MessageCodes.OutputRequired, ("format", format));
            }

            using var stdout = Console.OpenStandardOutput();
            Features.Export.TableExport.WriteCsv(table, stdout);
            return MercatoCli.Ok;
        }

        var full = Path.GetFullPath(output);
        var temporary = full + ".partial";
        using (var file = File.Create(temporary))
        {
            if (format == "csv")
            {
                Features.Export.TableExport.WriteCsv(table, file);
            }
            else
            {
                Features.Export.TableExport.WriteXlsx(table, file);
            }
        }

        File.Move(temporary, full, overwrite: true);
        Console.Error.WriteLine(Words.W("export.written", ("rows", (long)table.Rows.Count), ("file", full)));
        return MercatoCli.Ok;
    }

    /// <summary>A plain aligned table on stdout: stable for scripts and readable in a terminal.</summary>
    public static void WriteTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => Width(r[i]))).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => rightAligned?.Contains(i) == true
                ? new string(' ', widths[i] - Width(cell)) + cell
                : cell + new string(' ', widths[i] - Width(cell)));
            Console.Out.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>How many terminal columns <paramref name="text"/> takes: two for a wide (CJK, full-width) character.</summary>
    internal static int Width(string text) => text.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1);

    /// <summary>
    /// A command's machine CSV (its stable header, for scripts) to standard output, or to <c>--output FILE</c> written whole
    /// or not at all (a temporary file moved into place); the file's line on stderr says how many rows.
    /// </summary>
    internal static int WriteMachineCsv(ParseResult result, string csv, int rows)
    {
        if (result.GetValue(MercatoCli.OutputOption) is not { } output)
        {
            Console.Out.Write(csv);
            return MercatoCli.Ok;
        }

        var full = Path.GetFullPath(output);
        var temporary = full + ".partial";
        File.WriteAllText(temporary, csv, new System.Text.UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
        Console.Error.WriteLine(Words.W("export.written", ("rows", (long)rows), ("file", full)));
        return MercatoCli.Ok;
    }
}
