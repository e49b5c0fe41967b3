using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mercato.Shared;

/// <summary>
/// The one JSON shape of the front doors, for the API, the command line's <c>--format json</c> and the files the commands
/// write: web defaults (camelCase), enums as their snake_case words, coded messages with their rendered sentence
/// (<see cref="MessageJson"/>), text unescaped for people to read. Documents in the store keep their own, sentence-free
/// shape (<see cref="DocumentKind{T}"/>).
/// </summary>
public static class MercatoJson
{
    /// <summary>Compact, for the API.</summary>
    public static JsonSerializerOptions Compact { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Indented, for the command line and files.</summary>
    public static JsonSerializerOptions Indented { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    /// <summary>Gives <paramref name="options"/> the front doors' settings (the API's options are made by ASP.NET).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options.WithText();
    }
}
