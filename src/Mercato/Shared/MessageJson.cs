using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mercato.Shared;

/// <summary>
/// How coded messages go out as JSON at the front doors: beside <c>code</c> and <c>args</c>, the rendered sentence under
/// the name the type gives with <see cref="MessageTextAttribute"/> (<c>reason</c> for row errors), else <c>message</c>.
/// Programs read the code; people read the sentence. Stored data never carries the sentence.
/// </summary>
public static class MessageJson
{
    /// <summary>A resolver modifier that adds the rendered sentence to every <see cref="ICodedMessage"/> type.</summary>
    public static void AddText(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Kind != JsonTypeInfoKind.Object || !typeof(ICodedMessage).IsAssignableFrom(type.Type))
        {
            return;
        }

        var name = type.Type.GetCustomAttribute<MessageTextAttribute>()?.Name ?? "message";
        var jsonName = type.Options.PropertyNamingPolicy?.ConvertName(name) ?? name;
        if (type.Properties.Any(p => string.Equals(p.Name, jsonName, StringComparison.Ordinal)))
        {
            return;
        }

        var text = type.CreateJsonPropertyInfo(typeof(string), jsonName);
        text.Get = value => value is ICodedMessage message ? Messages.Text(message) : null;
        type.Properties.Add(text);
    }

    /// <summary><paramref name="options"/> with <see cref="AddText"/> in its resolver.</summary>
    public static JsonSerializerOptions WithText(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddText);
        return options;
    }
}
