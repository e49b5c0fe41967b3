using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mercato.Hosting;

/// <summary>
/// The server's figures kept on disk, so a restart answers the last ones at once (docs/architecture.md, Figures while data
/// arrives). One file per figure under <c>DATA_DIR/figures/STORE/</c> (STORE: a hash of the store's engine and location):
/// a header line (the figure's key, the program build, the data versions it was computed at and when) and the figure as
/// JSON. A figure is kept only when its JSON reads back to the same JSON and its type holds no member of an open type
/// (<see cref="object"/>, a non-collection interface, an abstract class), so what is read is what was computed.
/// <para>
/// Writes are collected and written by one background loop at most every <see cref="Interval"/> per pass, the latest
/// result of each figure; disposing (the server stopping) writes what is pending. A file of another key or a type it
/// cannot be read as is not read; files of another build, or not written for <see cref="Kept"/>, are removed at start.
/// </para>
/// </summary>
public sealed partial class FigureShelf : IDisposable
{
    /// <summary>At least this long between two passes of the writer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary>A figure file not written for this long is removed when the server starts.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new TypedArgsConverter(), new MixFitConverter() },
    };

    private static readonly ConcurrentDictionary<Type, string?> Open = new();

    /// <summary>The build of the program (a hash of its own assemblies): a figure computed by another may be computed differently.</summary>
    private static readonly Lazy<string> Build = new(() =>
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
                     .Where(f => Path.GetFileName(f).StartsWith("mercato", StringComparison.OrdinalIgnoreCase))
                     .Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    });

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Shelved> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, bool> _refused = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _writing = new();
    private readonly Lock _flushing = new();
    private Task? _writer;
    private volatile bool _disposed;

    /// <summary>A shelf for the store at <paramref name="storeLocation"/> (with its <paramref name="provider"/>) under <paramref name="dataDir"/>.</summary>
    public FigureShelf(string dataDir, string provider, string storeLocation, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Folder = Path.Combine(dataDir, "figures", Hash(provider + "|" + storeLocation)[..16]);
        Directory.CreateDirectory(Folder);
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            if (file.EndsWith(".tmp", StringComparison.Ordinal) || now - File.GetLastWriteTimeUtc(file) > Kept || !OfThisBuild(file))
            {
                TryDelete(file);
            }
        }
    }

    /// <summary>Whether <paramref name="file"/> was written by this build (another's is never read).</summary>
    private static bool OfThisBuild(string file)
    {
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            return reader.ReadLine() is { } line && JsonSerializer.Deserialize<Header>(line, Json)?.Build == Build.Value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return false;
        }
    }

    /// <summary>Where this store's figures are.</summary>
    public string Folder { get; }

    /// <summary>The figure kept for <paramref name="key"/>, read as <typeparamref name="T"/>; null when none can be read.</summary>
    internal Shelved? Take<T>(string key)
        where T : class
    {
        var path = PathOf(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            var line = Array.IndexOf(bytes, (byte)'\n');
            if (line < 0)
            {
                return null;
            }

            var header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(0, line), Json);
            if (header is null || header.Key != key || header.Build != Build.Value || header.Type != typeof(T).FullName)
            {
                return null;
            }

            var value = JsonSerializer.Deserialize<T>(bytes.AsSpan(line + 1), Json);
            return value is null ? null : new Shelved(header.Version, header.AsOf, value, typeof(T));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            Log.Unreadable(_logger, path, e.Message);
            return null;
        }
    }

    /// <summary>Keeps <paramref name="figure"/> for <paramref name="key"/> at the writer's next pass.</summary>
    internal void Put(string key, Shelved figure)
    {
        if (_disposed || _refused.ContainsKey(figure.Type))
        {
            return;
        }

        if (OpenMember(figure.Type) is { } open)
        {
            Refuse(figure.Type, "a member's type may not read back as itself: " + open);
            return;
        }

        _pending[key] = figure;
        lock (_writing)
        {
            if (_disposed)
            {
                return;
            }

            _writer ??= Task.Run(WriteLoopAsync);
            // One signal is enough: the writer's next pass writes every pending figure.
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
    }

    /// <summary>Writes every pending figure now (also what <see cref="Dispose"/> does).</summary>
    public void Flush()
    {
        // One writer at a time: a flush returns only when what the loop was writing is written too.
        lock (_flushing)
        {
            foreach (var key in _pending.Keys)
            {
                if (_pending.TryRemove(key, out var figure))
                {
                    Write(key, figure);
                }
            }
        }
    }

    /// <summary>Stops the writer and writes what is pending.</summary>
    public void Dispose()
    {
        // A computation finishing while the server stops is not kept: its figure is computed again at the next start.
        lock (_writing)
        {
            _disposed = true;
        }

        _stop.Cancel();
        try
        {
            _writer?.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Stopped: what is pending is written below.
        }

        Flush();
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
                Flush();
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping: Dispose writes what is pending.
        }
    }

    private void Write(string key, Shelved figure)
    {
        byte[] value;
        try
        {
            value = JsonSerializer.SerializeToUtf8Bytes(figure.Value, figure.Type, Json);
            var again = JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(value, figure.Type, Json), figure.Type, Json);
            if (!value.AsSpan().SequenceEqual(again))
            {
                Refuse(figure.Type, "its JSON does not read back the same");
                return;
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            Refuse(figure.Type, e.Message);
            return;
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(key, Build.Value, figure.Type.FullName!, figure.Version, figure.AsOf), Json);
        var path = PathOf(key);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(header);
                file.WriteByte((byte)'\n');
                file.Write(value);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException e)
        {
            Log.NotWritten(_logger, path, e.Message);
            TryDelete(temporary);
        }
        catch (UnauthorizedAccessException e)
        {
            Log.NotWritten(_logger, path, e.Message);
            TryDelete(temporary);
        }
    }

    private void Refuse(Type type, string reason)
    {
        if (_refused.TryAdd(type, true))
        {
            Log.Refused(_logger, type.FullName ?? type.Name, reason);
        }
    }

    /// <summary>The types whose figures were not kept, for the tests.</summary>
    internal IReadOnlyCollection<Type> Refused => [.. _refused.Keys];

    /// <summary>
    /// The first member <paramref name="type"/> serializes whose type JSON may not read back as itself (<see cref="object"/>,
    /// an interface but a collection's, an abstract class), as a path of member names; null when there is none.
    /// </summary>
    internal static string? OpenMember(Type type) => Open.GetOrAdd(type, t => OpenMember(t, t.Name, []));

    private static string? OpenMember(Type type, string path, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type == typeof(MessageArgs) || type == typeof(Core.Mix.MixFit) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeSpan)
            || type == typeof(Guid))
        {
            return null;
        }

        if (type == typeof(object) || (type.IsAbstract && !type.IsInterface))
        {
            return path + ": " + type.Name;
        }

        if (type.IsArray)
        {
            return OpenMember(type.GetElementType()!, path + "[]", seen);
        }

        if (type.IsGenericType && (typeof(IEnumerable).IsAssignableFrom(type) || type.GetGenericTypeDefinition() == typeof(Nullable<>)))
        {
            return type.GetGenericArguments().Select(a => OpenMember(a, path + "[]", seen)).FirstOrDefault(m => m is not null);
        }

        if (type.IsInterface)
        {
            return path + ": " + type.Name;
        }

        const BindingFlags members = BindingFlags.Public | BindingFlags.Instance;
        return type.GetProperties(members)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                .Select(p => OpenMember(p.PropertyType, path + "." + p.Name, seen))
            .Concat(type.GetFields(members).Where(f => f.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                .Select(f => OpenMember(f.FieldType, path + "." + f.Name, seen)))
            .FirstOrDefault(m => m is not null);
    }

    private string PathOf(string key) => Path.Combine(Folder, Hash(key)[..32] + ".json");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Left for the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the next start.
        }
    }

    /// <summary>
    /// <see cref="MessageArgs"/> with each value's type, so it reads back as it was (the API's form writes dates as text
    /// and reads every fraction as a decimal): an array of <c>[name, type, value]</c>.
    /// </summary>
    private sealed class TypedArgsConverter : JsonConverter<MessageArgs>
    {
        public override MessageArgs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var args = new List<(string, object?)>();
            foreach (var item in JsonSerializer.Deserialize<JsonElement[][]>(ref reader, options) ?? [])
            {
                var value = item[2];
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
                var invariant = System.Globalization.CultureInfo.InvariantCulture;
                args.Add((item[0].GetString()!, item[1].GetString() switch
                {
                    "null" => null,
                    "string" => text,
                    "long" => long.Parse(text, invariant),
                    "double" => double.Parse(text, invariant),
                    "decimal" => decimal.Parse(text, invariant),
                    "day" => DateOnly.ParseExact(text, "yyyy-MM-dd", invariant),
                    "instant" => DateTimeOffset.ParseExact(text, "O", invariant),
                    "list" => value.EnumerateArray().Select(e => e.GetString()!).ToList(),
                    var other => throw new JsonException("unknown message argument type " + other),
                }));
            }

            return MessageArgs.Of([.. args]);
        }

        public override void Write(Utf8JsonWriter writer, MessageArgs value, JsonSerializerOptions options)
        {
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            writer.WriteStartArray();
            foreach (var (name, item) in value)
            {
                // Every value as text (round-trip forms), but null and a list of strings.
                var (type, text) = item switch
                {
                    null => ("null", null),
                    string s => ("string", s),
                    long whole => ("long", whole.ToString(invariant)),
                    double fraction => ("double", fraction.ToString("R", invariant)),
                    decimal amount => ("decimal", amount.ToString(invariant)),
                    DateOnly day => ("day", day.ToString("yyyy-MM-dd", invariant)),
                    DateTimeOffset at => ("instant", at.ToString("O", invariant)),
                    IReadOnlyList<string> => ("list", (string?)null),
                    _ => throw new JsonException("a message argument of type " + item.GetType().Name + " is not kept"),
                };
                writer.WriteStartArray();
                writer.WriteStringValue(name);
                writer.WriteStringValue(type);
                if (item is IReadOnlyList<string> list)
                {
                    JsonSerializer.Serialize(writer, list, options);
                }
                else if (text is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>A mix fit as its state (<see cref="Core.Mix.MixFit.State"/>), restored without fitting again.</summary>
    private sealed class MixFitConverter : JsonConverter<Core.Mix.MixFit>
    {
        public override Core.Mix.MixFit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Core.Mix.MixFit.Restore(JsonSerializer.Deserialize<Core.Mix.MixFitState>(ref reader, options) ?? throw new JsonException("no mix fit"));

        public override void Write(Utf8JsonWriter writer, Core.Mix.MixFit value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.State(), options);
    }

    /// <summary>A figure on the shelf: the data versions it was computed at, when, and its value.</summary>
    internal sealed record Shelved(string Version, DateTimeOffset AsOf, object Value, Type Type);

    private sealed record Header(string Key, string Build, string Type, string Version, DateTimeOffset AsOf);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Figures of type {Type} are not kept across restarts: {Reason}")]
        public static partial void Refused(ILogger logger, string type, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A kept figure could not be written to {Path}: {Reason}")]
        public static partial void NotWritten(ILogger logger, string path, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A kept figure at {Path} could not be read and is computed again: {Reason}")]
        public static partial void Unreadable(ILogger logger, string path, string reason);
    }
}
