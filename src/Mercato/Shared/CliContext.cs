using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mercato.Storage.Sqlite;

namespace Mercato.Shared;

/// <summary>What the commands share: the store and the JSON and table output conventions.</summary>
internal static class CliContext
{
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    }.WithText();

    public static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format") { Description = "Output format: " + string.Join(" or ", formats), DefaultValueFactory = _ => formats[0] };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static MercatoStore OpenStore(ParseResult result) =>
        MercatoStore.Open(DataDirectory.Resolve(result.GetValue(MercatoCli.DataDirOption)));

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A plain aligned table on stdout: stable for scripts and readable in a terminal.</summary>
    public static void WriteTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => rightAligned?.Contains(i) == true ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            Console.Out.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
