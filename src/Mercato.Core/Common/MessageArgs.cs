using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mercato.Core.Common;

/// <summary>
/// The arguments of a message code: an immutable, ordered map from a name to a value that the host's catalogue puts into
/// the sentence (<c>{max}</c>, <c>{value}</c>, ...). Values are data, never words: a string (an id, a name, a raw value,
/// a word of a closed set), an integer (held as <see cref="long"/>), a <see cref="double"/>, a <see cref="decimal"/>, a
/// <see cref="DateOnly"/>, a <see cref="DateTimeOffset"/>, a list of strings, or null. Two maps are equal when they hold
/// the same names in the same order with equal values (lists item by item). As JSON: an object, dates as ISO text.
/// </summary>
[JsonConverter(typeof(MessageArgsJsonConverter))]
public sealed class MessageArgs : IReadOnlyDictionary<string, object?>, IEquatable<MessageArgs>
{
    private readonly KeyValuePair<string, object?>[] _items;

    private MessageArgs(KeyValuePair<string, object?>[] items) => _items = items;

    /// <summary>No arguments.</summary>
    public static MessageArgs Empty { get; } = new([]);

    /// <summary>The arguments in the order given.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice, or a value is not of a supported type (a bug).</exception>
    public static MessageArgs Of(params (string Name, object? Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return Empty;
        }

        var items = new KeyValuePair<string, object?>[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("a message argument needs a name", nameof(args));
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(items[j].Key, name, StringComparison.Ordinal))
                {
                    throw new ArgumentException("message argument '" + name + "' is given twice", nameof(args));
                }
            }

            items[i] = new(name, Normalize(name, value));
        }

        return new(items);
    }

    /// <summary>These arguments with <paramref name="name"/> set to <paramref name="value"/> (replaced in place, or added last).</summary>
    public MessageArgs With(string name, object? value)
    {
        var index = Array.FindIndex(_items, i => string.Equals(i.Key, name, StringComparison.Ordinal));
        if (index < 0)
        {
            return Of([.. _items.Select(i => (i.Key, i.Value)), (name, value)]);
        }

        var items = (KeyValuePair<string, object?>[])_items.Clone();
        items[index] = new(name, Normalize(name, value));
        return new(items);
    }

    /// <summary>
    /// These arguments with a nested message: its code under <paramref name="name"/> and each of its arguments under
    /// <c>name.argument</c>; the catalogue shows it with <c>{name:message}</c> ("no value over ...: {reason:message}").
    /// </summary>
    public MessageArgs WithMessage(string name, ICodedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Of([.. _items.Select(i => (i.Key, i.Value)), (name, message.Code), .. message.Args.Select(a => (name + "." + a.Key, a.Value))]);
    }

    /// <summary>The nested message under <paramref name="name"/> (see <see cref="WithMessage"/>), or null when there is none.</summary>
    public Message? NestedMessage(string name) =>
        TryGetValue(name, out var code) && code is string c
            ? new Message(c, Of([.. _items.Where(i => i.Key.StartsWith(name + ".", StringComparison.Ordinal)).Select(i => (i.Key[(name.Length + 1)..], i.Value))]))
            : null;

    /// <inheritdoc/>
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _items.Select(i => i.Key);

    /// <inheritdoc/>
    public IEnumerable<object?> Values => _items.Select(i => i.Value);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value)
    {
        foreach (var item in _items)
        {
            if (string.Equals(item.Key, key, StringComparison.Ordinal))
            {
                value = item.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(MessageArgs? other)
    {
        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!string.Equals(_items[i].Key, other._items[i].Key, StringComparison.Ordinal) || !ValueEquals(_items[i].Value, other._items[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MessageArgs);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item.Key, StringComparer.Ordinal);
            hash.Add(item.Value is IReadOnlyList<string> list ? list.Count : item.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Equality of two argument maps.</summary>
    public static bool operator ==(MessageArgs? left, MessageArgs? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality of two argument maps.</summary>
    public static bool operator !=(MessageArgs? left, MessageArgs? right) => !(left == right);

    /// <summary><c>{max=200, value="x"}</c>, for debugging.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var (name, value) in _items)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }

            text.Append(name).Append('=').Append(value switch
            {
                null => "null",
                string s => "\"" + s + "\"",
                IReadOnlyList<string> list => "[" + string.Join(", ", list) + "]",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }

        return text.Append('}').ToString();
    }

    private static object? Normalize(string name, object? value) => value switch
    {
        null or string or long or double or decimal or DateOnly or DateTimeOffset => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        float f => (double)f,
        IEnumerable<string> list => (IReadOnlyList<string>)[.. list],
        _ => throw new ArgumentException("message argument '" + name + "' is a " + value.GetType().Name
            + "; use a string, an integer, a double, a decimal, a DateOnly, a DateTimeOffset or a list of strings", nameof(value)),
    };

    private static bool ValueEquals(object? a, object? b) => a is IReadOnlyList<string> x && b is IReadOnlyList<string> y
        ? x.SequenceEqual(y, StringComparer.Ordinal)
        : Equals(a, b);
}

/// <summary>
/// Writes <see cref="MessageArgs"/> as a JSON object (dates as <c>yyyy-MM-dd</c>, instants as ISO 8601 with offset) and
/// reads it back: strings stay strings, whole numbers become integers, other numbers decimals, arrays lists of strings.
/// </summary>
public sealed class MessageArgsJsonConverter : JsonConverter<MessageArgs>
{
    /// <inheritdoc/>
    public override MessageArgs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return MessageArgs.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("message arguments are a JSON object");
        }

        var args = new List<(string, object?)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            args.Add((name, ReadValue(ref reader)));
        }

        return MessageArgs.Of([.. args]);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MessageArgs value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, item) in value)
        {
            writer.WritePropertyName(name);
            switch (item)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case long l:
                    writer.WriteNumberValue(l);
                    break;
                case double d when double.IsFinite(d):
                    writer.WriteNumberValue(d);
                    break;
                case double d:
                    writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                    break;
                case decimal m:
                    writer.WriteNumberValue(m);
                    break;
                case DateOnly day:
                    writer.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset at:
                    writer.WriteStringValue(at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
                    break;
                case IReadOnlyList<string> list:
                    writer.WriteStartArray();
                    foreach (var s in list)
                    {
                        writer.WriteStringValue(s);
                    }

                    writer.WriteEndArray();
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? l : reader.TryGetDecimal(out var m) ? m : reader.GetDouble();
            case JsonTokenType.True or JsonTokenType.False:
                return reader.GetBoolean() ? "true" : "false";
            case JsonTokenType.StartArray:
                var list = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        list.Add("");
                        continue;
                    }

                    list.Add(reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Null => "",
                        _ => Encoding.UTF8.GetString(reader.ValueSpan),
                    });
                }

                return list;
            default:
                reader.Skip();
                return null;
        }
    }
}
