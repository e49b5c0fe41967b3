using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mercato.Core.Organization;

/// <summary>
/// A parsed document, independent of its syntax: maps, lists and text, each with where it started in the file (YAML only:
/// System.Text.Json's document model does not keep positions). The reader walks this tree, so JSON and YAML give the same
/// messages.
/// </summary>
internal abstract record DocNode(int? Line, int? Column);

/// <summary>A scalar; <see cref="Text"/> is null for a null (<c>null</c>, <c>~</c> or nothing in YAML, <c>null</c> in JSON).</summary>
internal sealed record DocScalar(string? Text, int? Line = null, int? Column = null) : DocNode(Line, Column);

/// <summary>A mapping, its entries in file order; <see cref="Flow"/> asks the YAML writer for one line (<c>{a: 1, b: 2}</c>).</summary>
internal sealed record DocMap(IReadOnlyList<DocEntry> Entries, int? Line = null, int? Column = null, bool Flow = false) : DocNode(Line, Column);

/// <summary>A sequence.</summary>
internal sealed record DocList(IReadOnlyList<DocNode> Items, int? Line = null, int? Column = null) : DocNode(Line, Column);

/// <summary>One key of a mapping and its value.</summary>
internal sealed record DocEntry(string Key, DocNode Value, int? Line = null, int? Column = null);

/// <summary>Thrown by the parsers' adapters for a syntax error: its code and arguments (<see cref="OrgCodes"/>) and its position.</summary>
internal sealed class DocSyntaxException(string code, MessageArgs args, int? line, int? column) : Exception(code)
{
    public string Code { get; } = code;

    public MessageArgs Args { get; } = args;

    public int? Line { get; } = line;

    public int? Column { get; } = column;
}

/// <summary>Text → <see cref="DocNode"/> for both formats, and <see cref="DocNode"/> → text.</summary>
internal static class DocSyntax
{
    private static readonly JsonDocumentOptions JsonRead = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 };

    public static DocNode ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, JsonRead);
            return FromJson(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new DocSyntaxException(
                OrgCodes.NotValidJson, MessageArgs.Of(("detail", TrimJsonMessage(ex.Message))),
                ex.LineNumber is { } l ? (int)l + 1 : null,
                ex.BytePositionInLine is { } c ? (int)c + 1 : null);
        }
    }

    public static DocNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new DocSyntaxException(OrgCodes.NotValidYaml, MessageArgs.Of(("detail", TrimYamlMessage(ex))), (int)ex.Start.Line, (int)ex.Start.Column);
        }

        return stream.Documents.Count switch
        {
            0 => throw new DocSyntaxException(OrgCodes.FileEmpty, MessageArgs.Empty, null, null),
            1 => FromYaml(stream.Documents[0].RootNode),
            _ => throw new DocSyntaxException(OrgCodes.OneYamlDocument, MessageArgs.Of(("count", stream.Documents.Count)),
                (int)stream.Documents[1].RootNode.Start.Line, (int)stream.Documents[1].RootNode.Start.Column),
        };
    }

    private static DocNode FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new DocMap([.. e.EnumerateObject().Select(p => new DocEntry(p.Name, FromJson(p.Value)))]),
        JsonValueKind.Array => new DocList([.. e.EnumerateArray().Select(FromJson)]),
        JsonValueKind.Null => new DocScalar(null),
        JsonValueKind.String => new DocScalar(e.GetString()),
        _ => new DocScalar(e.GetRawText()),
    };

    private static DocNode FromYaml(YamlNode node)
    {
        var (line, column) = ((int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode map:
                return new DocMap(
                    [.. map.Children.Select(kv => new DocEntry(
                        kv.Key is YamlScalarNode k ? k.Value ?? "" : "?", FromYaml(kv.Value), (int)kv.Key.Start.Line, (int)kv.Key.Start.Column))],
                    line, column);
            case YamlSequenceNode list:
                return new DocList([.. list.Children.Select(FromYaml)], line, column);
            case YamlScalarNode scalar:
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
                return new DocScalar(isNull ? null : scalar.Value, line, column);
            default:
                throw new DocSyntaxException(OrgCodes.UnsupportedYamlNode, MessageArgs.Empty, line, column);
        }
    }

    private static string TrimJsonMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (path >= 0 && (cut < 0 || path < cut))
        {
            cut = path;
        }

        return (cut >= 0 ? message[..cut] : message).TrimEnd(' ', '.', '|');
    }

    /// <summary>YamlDotNet prefixes its messages with the marks ("(Line: 3, Col: 5, Idx: 20) - (...): "); the problem carries them.</summary>
    private static string TrimYamlMessage(YamlException ex)
    {
        var message = ex.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return (message.StartsWith('(') && colon >= 0 ? message[(colon + 3)..] : message).TrimEnd('.');
    }
}
