using System.Text.Json;
using Mercato.Core.DataCenter;

namespace Mercato.Storage.Import;

/// <summary>
/// Reads back the messages a batch stores (its message, warnings and row errors as JSON): codes with arguments, or, for
/// batches recorded before messages had codes, the old sentence as <see cref="StorageCodes.Legacy"/> with the
/// <c>reason</c> argument.
/// </summary>
public static class StoredMessages
{
    /// <summary>A stored batch message: <c>{"Code":...,"Args":{...}}</c>, or an old sentence.</summary>
    public static Message? ReadMessage(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        if (stored.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(stored);
                if (ToMessage(document.RootElement) is { } message)
                {
                    return message;
                }
            }
            catch (JsonException)
            {
                // An old sentence that happens to start with a brace.
            }
        }

        return Legacy(stored);
    }

    /// <summary>Stored batch warnings: a JSON array of messages, or of old sentences.</summary>
    public static IReadOnlyList<Message> ReadWarnings(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        using var document = JsonDocument.Parse(stored);
        return [.. document.RootElement.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? Legacy(e.GetString() ?? "") : ToMessage(e) ?? Legacy(e.GetRawText()))];
    }

    /// <summary>Stored row errors: a JSON array of <see cref="RowError"/>, or of the old form with a <c>Reason</c> sentence.</summary>
    public static IReadOnlyList<RowError> ReadErrors(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        using var document = JsonDocument.Parse(stored);
        var errors = new List<RowError>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            var file = e.TryGetProperty("File", out var f) ? f.GetString() ?? "" : "";
            var line = e.TryGetProperty("Line", out var l) && l.TryGetInt64(out var n) ? n : 0;
            var column = e.TryGetProperty("Column", out var c) ? c.GetString() ?? "" : "";
            var value = e.TryGetProperty("Value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var message = ToMessage(e) ?? Legacy(e.TryGetProperty("Reason", out var r) ? r.GetString() ?? "" : "");
            errors.Add(new RowError(file, line, column, value, message.Code, message.Args));
        }

        return errors;
    }

    private static Message? ToMessage(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Code", out var code) && code.ValueKind == JsonValueKind.String
            ? new Message(code.GetString()!, e.TryGetProperty("Args", out var args) ? args.Deserialize<MessageArgs>() ?? MessageArgs.Empty : MessageArgs.Empty)
            : null;

    private static Message Legacy(string reason) => Message.Of(StorageCodes.Legacy, ("reason", reason));
}
