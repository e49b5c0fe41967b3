using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mercato.Core.Organization;

/// <summary>The file formats of a structure.</summary>
public enum OrgFileFormat
{
    /// <summary>JSON, camelCase fields.</summary>
    Json,

    /// <summary>YAML, the same fields.</summary>
    Yaml,
}

/// <summary>An imported structure, or every problem that stopped the import (never both: nothing partial).</summary>
/// <param name="Structure">The structure, valid; null when there are problems.</param>
/// <param name="Problems">Syntax and form problems first; when there are none, the structure's validation problems.</param>
public sealed record OrgImportResult(OrgStructure? Structure, IReadOnlyList<OrgProblem> Problems)
{
    /// <summary>Whether the import succeeded.</summary>
    public bool IsValid => Structure is not null;
}

/// <summary>
/// Export and import of a structure as JSON or YAML (the format of docs/organization.md). The document holds the
/// structure's own data only: the catalog is Mercato's, so custom functions are written but catalog functions are
/// referred to by id; <c>needs</c> is written only when it differs from <see cref="OrgStructure.DefaultNeeds"/>.
/// Import is strict: unknown fields, wrong types and unknown words are problems, so a typo cannot silently drop data.
/// </summary>
public static partial class OrgSerializer
{
    private static readonly string[] RootFields = ["name", "units", "customFunctions", "ownerships", "kpis", "needs"];
    private static readonly string[] UnitFields = ["id", "name", "kind", "parent", "head", "reportsTo"];
    private static readonly string[] FunctionFields = ["id", "name", "description", "area", "usualOwner"];
    private static readonly string[] OwnershipFields = ["unit", "function", "role"];
    private static readonly string[] KpiFields = ["kpi", "function", "unit"];

    /// <summary>The format of a file by its extension: <c>.json</c>, <c>.yaml</c> or <c>.yml</c> (any case).</summary>
    public static bool TryFormatOf(string fileName, out OrgFileFormat format)
    {
        var extension = Path.GetExtension(fileName);
        format = OrgFileFormat.Json;
        if (string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        format = OrgFileFormat.Yaml;
        return string.Equals(extension, ".yaml", StringComparison.OrdinalIgnoreCase)
            || string.Equals(extension, ".yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The structure as text in <paramref name="format"/>.</summary>
    public static string Export(OrgStructure structure, OrgFileFormat format) =>
        format == OrgFileFormat.Json ? ToJson(structure) : ToYaml(structure);

    /// <summary>Reads a structure from text in <paramref name="format"/>.</summary>
    public static OrgImportResult Import(string text, OrgFileFormat format) =>
        format == OrgFileFormat.Json ? FromJson(text) : FromYaml(text);

    /// <summary>The structure as indented JSON (two spaces, <c>\n</c> line ends, a final line end).</summary>
    public static string ToJson(OrgStructure structure)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            WriteJson(writer, ToDoc(structure));
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The structure as block YAML, ownerships and KPIs one per line.</summary>
    public static string ToYaml(OrgStructure structure)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n", false));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        WriteYaml(emitter, ToDoc(structure));
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Reads a structure from JSON. Syntax errors carry a line and column; form and validation problems a path.</summary>
    public static OrgImportResult FromJson(string text) => Read(text, DocSyntax.ParseJson);

    /// <summary>Reads a structure from YAML. Every problem carries a line and column where the parser gives one.</summary>
    public static OrgImportResult FromYaml(string text) => Read(text, DocSyntax.ParseYaml);

    private static OrgImportResult Read(string text, Func<string, DocNode> parse)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new OrgImportResult(null, [new OrgProblem("", OrgCodes.FileEmpty)]);
        }

        DocNode root;
        try
        {
            root = parse(text);
        }
        catch (DocSyntaxException ex)
        {
            return new OrgImportResult(null, [new OrgProblem("", ex.Code, ex.Args, ex.Line, ex.Column)]);
        }

        var reader = new Reader();
        var structure = reader.ReadRoot(root);
        var problems = reader.Problems.Count > 0 || structure is null
            ? reader.Problems
            : [.. structure.Validate().Select(reader.Locate)];
        return problems.Count > 0 ? new OrgImportResult(null, problems) : new OrgImportResult(structure, []);
    }

    private static DocMap ToDoc(OrgStructure s)
    {
        var root = new List<DocEntry> { new("name", new DocScalar(s.Name)) };
        root.Add(new DocEntry("units", new DocList([.. s.Units.Select(u => Map(
            E("id", u.Id), E("name", u.Name), E("kind", u.Kind.Word()), E("parent", u.Parent), E("head", u.Head), E("reportsTo", u.ReportsTo)))])));
        if (s.CustomFunctions.Count > 0)
        {
            root.Add(new DocEntry("customFunctions", new DocList([.. s.CustomFunctions.Select(f => Map(
                E("id", f.Id), E("name", f.Name), E("description", f.Description), E("area", f.Area.Word()), E("usualOwner", f.UsualOwner)))])));
        }

        root.Add(new DocEntry("ownerships", new DocList([.. s.Ownerships.Select(o => Map(
            E("unit", o.Unit), E("function", o.Function), E("role", o.Role.Word())) with { Flow = true })])));
        root.Add(new DocEntry("kpis", new DocList([.. s.Kpis.Select(k => Map(
            E("kpi", k.Kpi), E("function", k.Function), E("unit", k.Unit)) with { Flow = true })])));
        if (!s.NeedsAreDefault)
        {
            root.Add(new DocEntry("needs", new DocList([.. s.Needs.Select(n => new DocScalar(n))])));
        }

        return new DocMap(root);
    }

    /// <summary>A map of the entries whose value is not null (absent fields read back as null).</summary>
    private static DocMap Map(params DocEntry?[] entries) => new([.. entries.OfType<DocEntry>()]);

    private static DocEntry? E(string key, string? value) => value is null ? null : new DocEntry(key, new DocScalar(value));

    private static void WriteJson(Utf8JsonWriter writer, DocNode node)
    {
        switch (node)
        {
            case DocMap map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    WriteJson(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case DocList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case DocScalar { Text: null }:
                writer.WriteNullValue();
                break;
            case DocScalar scalar:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }

    private static void WriteYaml(IEmitter emitter, DocNode node)
    {
        switch (node)
        {
            case DocMap map:
                emitter.Emit(new MappingStart(null, null, true, map.Flow ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var entry in map.Entries)
                {
                    emitter.Emit(new Scalar(entry.Key));
                    WriteYaml(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case DocList list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    WriteYaml(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case DocScalar { Text: null }:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case DocScalar scalar:
                // Text that a YAML reader would take for a null, a boolean or a number is quoted, for any reader.
                var style = NotPlainText().IsMatch(scalar.Text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
                emitter.Emit(new Scalar(null, null, scalar.Text, style, true, true));
                break;
        }
    }

    [GeneratedRegex(@"^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?(\.?[0-9].*|\.(inf|Inf|INF)|\.(nan|NaN|NAN))|[-+]?0[xob].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NotPlainText();

    /// <summary>Turns a document tree into a structure, collecting form problems with their positions.</summary>
    private sealed class Reader
    {
        private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

        public List<OrgProblem> Problems { get; } = [];

        public OrgStructure? ReadRoot(DocNode root)
        {
            if (root is not DocMap map)
            {
                Add("", root, OrgCodes.DocumentNotMapping);
                return null;
            }

            var fields = Fields(map, "", RootFields);
            var name = Text(fields, "name", "", map, required: true) ?? "";
            var units = List(fields, "units", "", map, required: true, (node, path) =>
            {
                var f = Fields(node, path, UnitFields);
                if (f is null)
                {
                    return null;
                }

                var kind = Word<UnitKind>(f, "kind", path, node, OrgWords.TryParseKind, OrgWords.KindWordList);
                return kind is null ? null : new OrgUnit(
                    Text(f, "id", path, node, true) ?? "", Text(f, "name", path, node, true) ?? "", kind.Value,
                    Text(f, "parent", path, node), Text(f, "head", path, node), Text(f, "reportsTo", path, node));
            });
            var functions = List(fields, "customFunctions", "", map, required: false, (node, path) =>
            {
                var f = Fields(node, path, FunctionFields);
                if (f is null)
                {
                    return null;
                }

                var area = Word<FunctionArea>(f, "area", path, node, OrgWords.TryParseArea, OrgWords.AreaWordList);
                return area is null ? null : new OrgFunction(
                    Text(f, "id", path, node, true) ?? "", Text(f, "name", path, node, true) ?? "",
                    Text(f, "description", path, node, true) ?? "", area.Value, Text(f, "usualOwner", path, node) ?? "");
            });
            var ownerships = List(fields, "ownerships", "", map, required: false, (node, path) =>
            {
                var f = Fields(node, path, OwnershipFields);
                if (f is null)
                {
                    return null;
                }

                var role = Word<RaciRole>(f, "role", path, node, OrgWords.TryParseRole, OrgWords.RoleWordList);
                return role is null ? null : new Ownership(
                    Text(f, "unit", path, node, true) ?? "", Text(f, "function", path, node, true) ?? "", role.Value);
            });
            var kpis = List(fields, "kpis", "", map, required: false, (node, path) =>
            {
                var f = Fields(node, path, KpiFields);
                return f is null ? null : new KpiAssignment(
                    Text(f, "kpi", path, node, true) ?? "", Text(f, "function", path, node, true) ?? "", Text(f, "unit", path, node));
            });
            var needs = fields is not null && fields.ContainsKey("needs") && fields["needs"].Value is not DocScalar { Text: null }
                ? List(fields, "needs", "", map, required: false, (node, path) => Scalar(node, path, true))
                : null;

            return Problems.Count > 0 || fields is null
                ? null
                : new OrgStructure(name, units!, functions, ownerships, kpis, needs);
        }

        /// <summary>A validation problem with the position of its path, or of the nearest enclosing node the file has.</summary>
        public OrgProblem Locate(OrgProblem problem)
        {
            var path = problem.Path;
            while (true)
            {
                if (_positions.TryGetValue(path, out var at))
                {
                    return problem with { Line = at.Line, Column = at.Column };
                }

                var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0)
                {
                    return problem;
                }

                path = path[..cut];
            }
        }

        private Dictionary<string, DocEntry>? Fields(DocNode node, string path, string[] allowed)
        {
            if (node is not DocMap map)
            {
                Add(path, node, OrgCodes.ExpectedMapping, ("fields", allowed));
                return null;
            }

            Remember(path, node);
            var fields = new Dictionary<string, DocEntry>(StringComparer.Ordinal);
            foreach (var entry in map.Entries)
            {
                var at = Join(path, entry.Key);
                if (!allowed.Contains(entry.Key, StringComparer.Ordinal))
                {
                    Problems.Add(new OrgProblem(at, OrgCodes.UnknownField, MessageArgs.Of(("field", entry.Key), ("expected", allowed)), entry.Line, entry.Column));
                }
                else if (!fields.TryAdd(entry.Key, entry))
                {
                    Problems.Add(new OrgProblem(at, OrgCodes.FieldTwice, MessageArgs.Empty, entry.Line, entry.Column));
                }
                else
                {
                    Remember(at, entry.Value);
                }
            }

            return fields;
        }

        /// <summary>The entry of <paramref name="key"/>; null when it is absent or empty, reported when it is required.</summary>
        private DocEntry? Field(Dictionary<string, DocEntry> fields, string key, string at, DocNode owner, bool required)
        {
            if (fields.TryGetValue(key, out var entry) && entry.Value is not DocScalar { Text: null })
            {
                return entry;
            }

            if (required)
            {
                Add(at, owner, OrgCodes.FieldRequired, ("field", key));
            }

            return null;
        }

        private List<T>? List<T>(Dictionary<string, DocEntry>? fields, string key, string path, DocNode owner, bool required, Func<DocNode, string, T?> item)
            where T : class
        {
            if (fields is null)
            {
                return null;
            }

            var at = Join(path, key);
            if (Field(fields, key, at, owner, required) is not { } entry)
            {
                return [];
            }

            if (entry.Value is not DocList list)
            {
                Add(at, entry.Value, OrgCodes.ExpectedList);
                return [];
            }

            var result = new List<T>();
            for (var i = 0; i < list.Items.Count; i++)
            {
                var itemPath = at + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                Remember(itemPath, list.Items[i]);
                if (item(list.Items[i], itemPath) is { } value)
                {
                    result.Add(value);
                }
            }

            return result;
        }

        private string? Text(Dictionary<string, DocEntry>? fields, string key, string path, DocNode owner, bool required = false)
        {
            if (fields is null)
            {
                return null;
            }

            var at = Join(path, key);
            if (Field(fields, key, at, owner, required) is not { } entry)
            {
                return null;
            }

            return Scalar(entry.Value, at, required);
        }

        private string? Scalar(DocNode node, string path, bool required)
        {
            if (node is DocScalar scalar)
            {
                if (scalar.Text is null && required)
                {
                    Add(path, node, CommonCodes.Required);
                }

                return scalar.Text;
            }

            Add(path, node, node is DocMap ? OrgCodes.ExpectedTextNotMapping : OrgCodes.ExpectedTextNotList);
            return null;
        }

        private T? Word<T>(Dictionary<string, DocEntry> fields, string key, string path, DocNode owner, TryParse<T> parse, IReadOnlyList<string> expected)
            where T : struct
        {
            var text = Text(fields, key, path, owner);
            if (text is null)
            {
                if (!fields.ContainsKey(key) || fields[key].Value is DocScalar { Text: null })
                {
                    Add(Join(path, key), owner, OrgCodes.FieldRequiredOneOf, ("field", key), ("expected", expected));
                }

                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            Add(Join(path, key), fields[key].Value, CommonCodes.NotOneOf, ("value", text), ("expected", expected));
            return null;
        }

        private void Add(string path, DocNode node, string code, params (string Name, object? Value)[] args) =>
            Problems.Add(new OrgProblem(path, code, MessageArgs.Of(args), node.Line, node.Line is null ? null : node.Column));

        private void Remember(string path, DocNode node)
        {
            if (node.Line is { } line)
            {
                _positions.TryAdd(path, (line, node.Column ?? 1));
            }
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

        public delegate bool TryParse<T>(string? text, out T value);
    }
}
